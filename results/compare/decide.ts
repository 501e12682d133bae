/**
 * The decision rule and the whole comparison. One estimand for estimate, CI and test: the
 * Hodges–Lehmann shift of log run values with its exact rank CI, and the Mann–Whitney test that
 * CI inverts (statistics.ts). A judged, measured metric is
 *  - a `regression` (or `improvement`) when the test is significant after Holm's correction over
 *    every judged test of the comparison AND the 95% CI of the ratio lies wholly beyond
 *    1 + threshold (below 1 / (1 + threshold)): a minimum-effect claim, so a real but negligible
 *    shift is not a regression, and one slow run cannot hide a proven one (ranks bound its pull);
 *  - `unchanged (±x%)` when the whole CI lies inside ±threshold;
 *  - `inconclusive` otherwise: the CI straddles the threshold (its note gives the spread, the MDE
 *    and the runs per side that would settle it), or one run per side.
 * The MDE and runs needed are planning figures computed for this rule (rank-shift.ts), never a
 * filter. Rows that are reported but not judged (tails, single-stream throughput) never fail a job.
 */
import { holmAdjust, minimumDetectableShift, runsForShift } from '../stats/index.js';
import { formatRuntimeId } from '../../harness/common/format.js';
import { checkMachines, definitionDiff, groupJobs, observe, type SideObservations, type SourceOf } from './match.js';
import { isNotRun } from '../status.js';
import { countRows, COUNTS_OF, decideCounts } from './count-rows.js';
import { metricRows, type DraftRow } from './statistics.js';
import {
  DEFAULT_COMPARE_OPTIONS,
  VERDICTS,
  type CompareOptions,
  type CompareSide,
  type Comparison,
  type JobComparison,
  type MetricComparison,
  type Verdict,
} from './types.js';

/** The threshold of a metric: its own override, else its group's (`latency`), else the default. */
export function thresholdFor(options: CompareOptions, metric: string): number {
  return (
    options.thresholdPctByMetric[metric] ?? options.thresholdPctByMetric[metric.split('.')[0]!] ?? options.thresholdPct
  );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signedPct = (r: number) => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`;

/** The `inconclusive` note: `CI [-1.2%, +4.0%] straddles ±2% (spread 2.1% at n=8; MDE 6.3%; n≈21 per side for an MDE of 4%)`. */
export function noisyNote(
  row: Pick<
    MetricComparison,
    'cv' | 'nBaseline' | 'nCandidate' | 'runsNeeded' | 'mdePct' | 'ciLow' | 'ciHigh' | 'thresholdPct'
  >,
): string {
  const n = row.nBaseline === row.nCandidate ? `n=${row.nBaseline}` : `n=${row.nBaseline}+${row.nCandidate}`;
  const ci =
    row.ciLow !== null && row.ciHigh !== null
      ? `CI [${signedPct(row.ciLow)}, ${signedPct(row.ciHigh)}] straddles ±${row.thresholdPct}%`
      : 'no 95% CI at these n';
  const mde = row.mdePct === null ? 'MDE ∞' : `MDE ${row.mdePct.toFixed(1)}%`;
  const need =
    row.runsNeeded === null ? '' : `; n≈${row.runsNeeded} per side for an MDE of ${2 * (row.thresholdPct ?? 0)}%`;
  return `${ci} (spread ${pct(row.cv ?? Number.NaN)} at ${n}; ${mde}${need})`;
}

/** The CI's farthest end from 1, in percent, for `unchanged (±x%)`. */
export function unchangedWithin(row: Pick<MetricComparison, 'ciLow' | 'ciHigh'>): number | null {
  if (row.ciLow === null || row.ciHigh === null) return null;
  return Math.max(Math.abs(row.ciLow - 1), Math.abs(row.ciHigh - 1)) * 100;
}

/**
 * Fills the row's planning figures (MDE, runs needed) and returns its verdict, with a note when
 * inconclusive. `tests` is the size of the Holm family.
 */
export function decideMeasured(row: MetricComparison, alpha: number, tests: number, power: number): Verdict {
  if (
    row.ratio === null ||
    !Number.isFinite(row.ratio) ||
    row.ratio <= 0 ||
    row.thresholdPct === null ||
    row.testedOn === 'none'
  )
    return 'inconclusive';
  const threshold = row.thresholdPct / 100;
  const plan = { scale: row.cv ?? Number.NaN, alpha, tests, threshold, power };
  const mde = minimumDetectableShift({ ...plan, nA: row.nBaseline, nB: row.nCandidate });
  row.mdePct = Number.isFinite(mde) ? mde * 100 : null;
  row.runsNeeded = mde > 2 * threshold && row.cv !== null ? runsForShift(plan, 2 * threshold) : null;
  if (row.ciLow === null || row.ciHigh === null) {
    row.note = `too few runs for a 95% CI (${row.nBaseline}+${row.nCandidate}; needs at least 4 per side)`;
    return 'inconclusive';
  }
  // On the "worse" scale: > 1 means the candidate is worse.
  const [low, high] = row.better === 'lower' ? [row.ciLow, row.ciHigh] : [1 / row.ciHigh, 1 / row.ciLow];
  const limit = 1 + threshold;
  const significant = row.pAdjusted !== null && row.pAdjusted < alpha;
  if (low > limit || high < 1 / limit) {
    if (significant) return low > limit ? 'regression' : 'improvement';
    row.note = `CI beyond ${low > limit ? '+' : '-'}${row.thresholdPct}% but not significant after Holm (p ${row.pAdjusted?.toPrecision(2)} over ${tests} tests)`;
    return 'inconclusive';
  }
  if (low >= 1 / limit && high <= limit) {
    row.note = `±${unchangedWithin(row)!.toFixed(1)}%`;
    return 'unchanged';
  }
  row.note = noisyNote(row);
  return 'inconclusive';
}

/** Order of severity for a job's overall verdict: the first present wins. */
const SEVERITY: readonly Verdict[] = ['regression', 'inconclusive', 'improvement', 'unchanged'];

/** A job's verdict from its judged metrics' verdicts. */
export function jobVerdict(verdicts: Verdict[]): Verdict {
  for (const v of SEVERITY) if (verdicts.includes(v)) return v;
  return 'unchanged';
}

/** How many jobs have each verdict (every verdict present as a key, zero when none). */
export function countVerdicts(jobs: ReadonlyArray<{ verdict: Verdict }>): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const j of jobs) counts[j.verdict] += 1;
  return counts;
}

interface DraftJob {
  job: JobComparison;
  drafts: DraftRow[];
  judged: boolean;
  observations?: [SideObservations, SideObservations];
  /** The baseline ran it and the candidate did not. */
  missingCandidate: boolean;
}

/** The result file (or label) a job came from, for error messages. */
function sourceOf(side: CompareSide): SourceOf {
  return (job) => side.jobSources?.get(job) ?? (side.sources.length === 1 ? side.sources[0] : undefined);
}

function draftJob(
  key: string,
  base: CompareSide['jobs'],
  cand: CompareSide['jobs'],
  options: CompareOptions,
  sources: [SourceOf, SourceOf],
): DraftJob {
  const first = (base[0] ?? cand[0])!;
  const job: JobComparison = {
    key,
    suite: first.suite,
    workload: first.workload,
    runtime: formatRuntimeId(first.runtime),
    scenario: first.scenario,
    verdict: 'unchanged',
    repeatsBaseline: base.length,
    repeatsCandidate: cand.length,
    differences: [],
    metrics: [],
  };
  const notRun = (jobs: CompareSide['jobs']) => jobs.every((j) => isNotRun(j.status));
  if (!base.length || !cand.length) {
    job.verdict = 'missing';
    job.differences.push(base.length ? 'only in the baseline: the candidate did not run it' : 'only in the candidate');
    return { job, drafts: [], judged: false, missingCandidate: base.length > 0 && !notRun(base) };
  }
  const diff = definitionDiff(base[0]!, cand[0]!, options.ignoreSettings);
  // Different inputs are never judged; in `mlbench ab` settings and model differences are the point.
  const refused = [...diff.inputs, ...(options.judgeDefinitionChanges ? [] : diff.changed)];
  job.differences.push(
    ...refused,
    ...(options.judgeDefinitionChanges ? diff.changed : []),
    ...diff.knobs.map((k) => `runtime setting ${k}`),
  );
  if (refused.length) {
    job.verdict = 'not comparable';
    return { job, drafts: [], judged: false, missingCandidate: false };
  }
  const bo = observe(base, sources[0]);
  const co = observe(cand, sources[1]);
  const describe = (jobs: CompareSide['jobs']) =>
    jobs.map((j) => `${j.status}${j.error?.message ? ` (${j.error.message.split('\n')[0]})` : ''}`);
  if (notRun(base) || notRun(cand)) {
    // Not run on either side is nothing to judge, and the same on both: unchanged.
    job.verdict = notRun(base) && notRun(cand) ? 'unchanged' : 'missing';
    job.differences.push(
      `did not run: baseline ${[...new Set(describe(base))].join(', ')}; candidate ${[...new Set(describe(cand))].join(', ')}`,
    );
    return { job, drafts: [], judged: false, missingCandidate: notRun(cand) && !notRun(base) };
  }
  const ctx = {
    key,
    scenario: first.scenario,
    seed: options.seed,
    judgeTails: options.judgeTails,
    thresholdPct: (m: string) => thresholdFor(options, m),
  };
  const drafts = [...countRows(key, bo, co), ...metricRows(ctx, bo, co, options.accuracyTolerance)];
  return { job, drafts, judged: true, observations: [bo, co], missingCandidate: false };
}

/** The verdict of one row after the Holm correction. */
function decideRow(row: MetricComparison, d: DraftJob, options: CompareOptions, tests: number): void {
  if (row.metric in COUNTS_OF && row.testedOn === 'counts') {
    const counts = COUNTS_OF[row.metric]!;
    row.verdict = decideCounts(row, options.alpha, counts(d.observations![0]), counts(d.observations![1]));
    return;
  }
  if (row.unit === 'status' || row.unit === 'pass') return;
  if (row.metric === 'accuracy') {
    // A drop beyond the tolerance that varies between runs must be significant too.
    if (
      row.testedOn === 'runs' &&
      row.verdict !== 'unchanged' &&
      !(row.pAdjusted !== null && row.pAdjusted < options.alpha)
    ) {
      row.verdict = 'inconclusive';
      row.note = `${row.note}; beyond the tolerance but not significant after Holm (p ${row.pAdjusted?.toPrecision(2)})`;
    }
    return;
  }
  if (!row.judged) row.pAdjusted = null;
  row.verdict = decideMeasured(row, options.alpha, tests, options.power);
  if (!row.judged && row.verdict !== 'unchanged') {
    row.verdict = 'inconclusive';
    row.note = 'reported, not judged';
  }
}

/** Compares two sides across runs. Throws E_MACHINE_MISMATCH when machines differ and that is not allowed. */
export function compareSides(
  baseline: CompareSide,
  candidate: CompareSide,
  requested: Partial<CompareOptions> = {},
): Comparison {
  const options: CompareOptions = { ...DEFAULT_COMPARE_OPTIONS, ...requested };
  const machineWarning = checkMachines(baseline.machines, candidate.machines, options.allowDifferentMachine);
  const baseGroups = groupJobs(baseline.jobs);
  const candGroups = groupJobs(candidate.jobs);
  const keys = [...new Set([...baseGroups.keys(), ...candGroups.keys()])];
  const sources: [SourceOf, SourceOf] = [sourceOf(baseline), sourceOf(candidate)];
  const drafts = keys.map((key) =>
    draftJob(key, baseGroups.get(key) ?? [], candGroups.get(key) ?? [], options, sources),
  );

  // One Holm family: every judged test of every judged job (timings, counts, accuracy).
  const family = drafts
    .filter((d) => d.judged)
    .flatMap((d) => d.drafts.filter((r) => r.testId && r.row.pValue !== null));
  const adjusted = holmAdjust(family.map((r) => r.row.pValue!));
  family.forEach((r, i) => {
    r.row.pAdjusted = adjusted[i]!;
  });

  for (const d of drafts) {
    for (const { row } of d.drafts) {
      decideRow(row, d, options, Math.max(1, family.length));
      d.job.metrics.push(row);
    }
    if (d.judged) d.job.verdict = jobVerdict(d.job.metrics.filter((m) => m.judged).map((m) => m.verdict));
  }
  const jobs = drafts.map((d) => d.job);
  const counts = countVerdicts(jobs);
  const missingCandidate = drafts.filter((d) => d.missingCandidate).map((d) => d.job.key);
  return {
    baseline: { sources: baseline.sources, machineIds: [...new Set(baseline.machines.map((m) => m.id))] },
    candidate: { sources: candidate.sources, machineIds: [...new Set(candidate.machines.map((m) => m.id))] },
    options,
    machineWarning,
    tests: family.length,
    jobs,
    counts,
    regression: counts.regression > 0,
    missingCandidate,
    failed: counts.regression > 0 || missingCandidate.length > 0,
  };
}
