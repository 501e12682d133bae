/**
 * The decision rule and the whole comparison. A judged, measured metric is
 *  - a `regression` (or `improvement`) only when the run-level permutation test is significant
 *    after Holm's correction across every judged test of the comparison, the ratio is worse (or
 *    better) than the threshold, AND the ratio is beyond the minimum detectable effect at the
 *    measured noise: a "significant" change smaller than what the noise lets the test see is
 *    how a noisy machine cries wolf, so it is `inconclusive: too noisy` instead;
 *  - `unchanged` only when the whole 95% CI of the ratio lies within the threshold: a change the
 *    noise could hide is never called unchanged with false confidence;
 *  - `inconclusive` otherwise, with a note: one run per side, too noisy (CV, n, runs needed), or
 *    beyond the threshold but not significant.
 * Rows that are reported but not judged (tails, single-stream throughput) never fail a job.
 */
import { holmAdjust, minimumDetectableEffect, runsNeeded } from '../stats/index.js';
import { formatRuntimeId } from '../../harness/common/format.js';
import { checkMachines, definitionDiff, groupJobs, NOT_RUN_STATUSES, observe, statusRow, type SourceOf } from './match.js';
import { metricRows, type DraftRow } from './statistics.js';
import { DEFAULT_COMPARE_OPTIONS, VERDICTS, type CompareOptions, type CompareSide, type Comparison, type JobComparison, type MetricComparison, type Verdict } from './types.js';

/** The threshold of a metric: its own override, else its group's (`latency`), else the default. */
export function thresholdFor(options: CompareOptions, metric: string): number {
  return options.thresholdPctByMetric[metric] ?? options.thresholdPctByMetric[metric.split('.')[0]!] ?? options.thresholdPct;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The `too noisy` note: `too noisy (CV 4.1% at n=8; needs n≈21)`. */
export function noisyNote(row: Pick<MetricComparison, 'cv' | 'nBaseline' | 'nCandidate' | 'runsNeeded'>): string {
  const n = row.nBaseline === row.nCandidate ? `n=${row.nBaseline}` : `n=${row.nBaseline}+${row.nCandidate}`;
  return `too noisy (CV ${pct(row.cv ?? Number.NaN)} at ${n}; needs n${row.runsNeeded === null ? '>200' : `≈${row.runsNeeded}`})`;
}

/**
 * Fills the row's MDE and runs needed (at the Holm family's first-step level alpha / tests) and
 * returns its verdict, with a note when inconclusive.
 */
export function decideMeasured(row: MetricComparison, alpha: number, tests: number, power: number): Verdict {
  if (row.ratio === null || !Number.isFinite(row.ratio) || row.ratio <= 0 || row.thresholdPct === null || row.testedOn === 'none') return 'inconclusive';
  const level = alpha / Math.max(1, tests);
  const threshold = row.thresholdPct / 100;
  const mde = row.cv === null ? Number.POSITIVE_INFINITY : minimumDetectableEffect(row.cv, row.nBaseline, row.nCandidate, level, power);
  row.mdePct = Number.isFinite(mde) ? mde * 100 : null;
  row.runsNeeded = mde > threshold && row.cv !== null ? runsNeeded(row.cv, threshold, level, power) : null;
  const worse = row.better === 'lower' ? row.ratio : 1 / row.ratio; // > 1: the candidate is worse
  const limit = 1 + threshold;
  const direction = worse > limit ? 'worse' : worse < 1 / limit ? 'better' : null;
  // The test's direction is that of the geometric-mean ratio (the CI's centre on the log scale).
  const centre = row.ciLow !== null && row.ciHigh !== null ? Math.sqrt(row.ciLow * row.ciHigh) : row.ratio;
  const agrees = (centre > 1) === (row.ratio > 1);
  const significant = row.pAdjusted !== null && row.pAdjusted < alpha && agrees;
  if (direction && significant && Math.max(worse, 1 / worse) >= 1 + mde) return direction === 'worse' ? 'regression' : 'improvement';
  const within = (r: number | null) => r !== null && r <= limit && r >= 1 / limit;
  if (!direction && within(row.ciLow) && within(row.ciHigh)) return 'unchanged';
  if (mde > threshold) {
    row.note = Number.isFinite(mde) || row.cv !== null ? noisyNote(row) : `not testable at alpha ${alpha} over ${tests} tests: needs more runs per side`;
  } else if (direction) {
    row.note = `beyond ${row.thresholdPct}% but not significant (p Holm ${row.pAdjusted?.toPrecision(2)})`;
  } else {
    row.note = `CI reaches beyond ±${row.thresholdPct}%`;
  }
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
}

/** The result file (or label) a job came from, for error messages. */
function sourceOf(side: CompareSide): SourceOf {
  return (job) => side.jobSources?.get(job) ?? (side.sources.length === 1 ? side.sources[0] : undefined);
}

function draftJob(key: string, base: CompareSide['jobs'], cand: CompareSide['jobs'], options: CompareOptions, sources: [SourceOf, SourceOf]): DraftJob {
  const first = (base[0] ?? cand[0])!;
  const job: JobComparison = {
    key, suite: first.suite, workload: first.workload, runtime: formatRuntimeId(first.runtime), scenario: first.scenario,
    verdict: 'unchanged', repeatsBaseline: base.length, repeatsCandidate: cand.length, differences: [], metrics: [],
  };
  if (!base.length || !cand.length) {
    job.verdict = 'missing';
    job.differences.push(base.length ? 'only in the baseline' : 'only in the candidate');
    return { job, drafts: [], judged: false };
  }
  const diff = definitionDiff(base[0]!, cand[0]!, options.ignoreSettings);
  const changed = options.judgeDefinitionChanges ? [] : diff.changed;
  job.differences.push(...changed, ...(options.judgeDefinitionChanges ? diff.changed : []), ...diff.knobs.map((k) => `runtime setting ${k}`));
  const bo = observe(base, sources[0]);
  const co = observe(cand, sources[1]);
  const notRun = (statuses: string[]) => statuses.every((s) => NOT_RUN_STATUSES.includes(s));
  if (notRun(bo.statuses) || notRun(co.statuses)) {
    // Not run on either side is nothing to judge, and the same on both: unchanged.
    job.verdict = notRun(bo.statuses) && notRun(co.statuses) ? 'unchanged' : 'missing';
    job.differences.push(`did not run: baseline ${bo.statuses.join(', ')}; candidate ${co.statuses.join(', ')}`);
    return { job, drafts: [], judged: false };
  }
  const ctx = { key, scenario: first.scenario, seed: options.seed, judgeTails: options.judgeTails, thresholdPct: (m: string) => thresholdFor(options, m) };
  const drafts = metricRows(ctx, bo, co, options.accuracyTolerance);
  const status = statusRow(bo, co);
  if (status) drafts.unshift({ row: { ...status, judged: true }, testId: null });
  const judged = changed.length === 0;
  if (!judged) job.verdict = 'changed';
  return { job, drafts, judged };
}

/** Compares two sides across runs. Throws E_MACHINE_MISMATCH when machines differ and that is not allowed. */
export function compareSides(baseline: CompareSide, candidate: CompareSide, requested: Partial<CompareOptions> = {}): Comparison {
  const options: CompareOptions = { ...DEFAULT_COMPARE_OPTIONS, ...requested };
  const machineWarning = checkMachines(baseline.machines, candidate.machines, options.allowDifferentMachine);
  const baseGroups = groupJobs(baseline.jobs);
  const candGroups = groupJobs(candidate.jobs);
  const keys = [...new Set([...baseGroups.keys(), ...candGroups.keys()])];
  const sources: [SourceOf, SourceOf] = [sourceOf(baseline), sourceOf(candidate)];
  const drafts = keys.map((key) => draftJob(key, baseGroups.get(key) ?? [], candGroups.get(key) ?? [], options, sources));

  // One Holm family: every judged test of every judged job.
  const family = drafts.filter((d) => d.judged).flatMap((d) => d.drafts.filter((r) => r.testId && r.row.pValue !== null));
  const adjusted = holmAdjust(family.map((r) => r.row.pValue!));
  family.forEach((r, i) => { r.row.pAdjusted = adjusted[i]!; });

  for (const d of drafts) {
    for (const { row } of d.drafts) {
      if (!d.judged) row.verdict = 'changed';
      else if (row.unit !== 'status' && row.unit !== 'pass' && row.metric !== 'accuracy') {
        if (!row.judged) row.pAdjusted = null;
        row.verdict = decideMeasured(row, options.alpha, Math.max(1, family.length), options.power);
        if (!row.judged && row.verdict !== 'unchanged') {
          row.verdict = 'inconclusive';
          row.note = 'reported, not judged';
        }
      }
      d.job.metrics.push(row);
    }
    if (d.judged) d.job.verdict = jobVerdict(d.job.metrics.filter((m) => m.judged).map((m) => m.verdict));
  }
  const jobs = drafts.map((d) => d.job);
  const counts = countVerdicts(jobs);
  return {
    baseline: { sources: baseline.sources, machineIds: [...new Set(baseline.machines.map((m) => m.id))] },
    candidate: { sources: candidate.sources, machineIds: [...new Set(candidate.machines.map((m) => m.id))] },
    options, machineWarning, tests: family.length, jobs, counts, regression: counts.regression > 0,
  };
}
