/**
 * compareSides: the whole comparison of a baseline against a candidate. Matches jobs, refuses
 * different machines (unless allowed), builds each job's metric rows, applies one Holm correction
 * across every test in the comparison, then the decision rule. Pure: no I/O (see load.ts).
 */
import { formatRuntimeId } from '../../harness/common/format.js';
import { holmAdjust } from '../stats/index.js';
import { countVerdicts, decideMeasured, decideTail, jobVerdict } from './decide.js';
import { TAIL_METRICS } from './metric-rows.js';
import { checkMachines } from './machine-check.js';
import { definitionDiff, groupJobs } from './match.js';
import { metricRows, type DraftRow } from './metric-rows.js';
import { NOT_RUN_STATUSES, observe, type SourceOf } from './observations.js';
import { statusRow } from './status-row.js';
import { DEFAULT_COMPARE_OPTIONS, type CompareOptions, type CompareSide, type Comparison, type JobComparison } from './types.js';

/** The threshold of a metric: its own override, else its group's (`latency`), else the default. */
export function thresholdFor(options: CompareOptions, metric: string): number {
  return options.thresholdPctByMetric[metric] ?? options.thresholdPctByMetric[metric.split('.')[0]!] ?? options.thresholdPct;
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
  job.differences.push(...diff.changed, ...diff.knobs.map((k) => `runtime setting ${k}`));
  const bo = observe(base, sources[0]);
  const co = observe(cand, sources[1]);
  const notRun = (statuses: string[]) => statuses.every((s) => NOT_RUN_STATUSES.includes(s));
  if (notRun(bo.statuses) || notRun(co.statuses)) {
    // Not run on either side is nothing to judge, and the same on both: unchanged.
    job.verdict = notRun(bo.statuses) && notRun(co.statuses) ? 'unchanged' : 'missing';
    job.differences.push(`did not run: baseline ${bo.statuses.join(', ')}; candidate ${co.statuses.join(', ')}`);
    return { job, drafts: [], judged: false };
  }
  const ctx = { key, seed: options.seed, resamples: options.resamples, alpha: options.alpha, thresholdPct: (m: string) => thresholdFor(options, m) };
  const drafts = metricRows(ctx, bo, co, options.accuracyTolerance);
  const status = statusRow(bo, co);
  if (status) drafts.unshift({ row: status, testId: null });
  const judged = diff.changed.length === 0;
  if (!judged) job.verdict = 'changed';
  return { job, drafts, judged };
}

/** Compares two sides. Throws E_MACHINE_MISMATCH when machines differ and that is not allowed. */
export function compareSides(baseline: CompareSide, candidate: CompareSide, requested: Partial<CompareOptions> = {}): Comparison {
  const options: CompareOptions = { ...DEFAULT_COMPARE_OPTIONS, ...requested };
  const machineWarning = checkMachines(baseline.machines, candidate.machines, options.allowDifferentMachine);
  const baseGroups = groupJobs(baseline.jobs);
  const candGroups = groupJobs(candidate.jobs);
  const keys = [...new Set([...baseGroups.keys(), ...candGroups.keys()])];
  const sources: [SourceOf, SourceOf] = [sourceOf(baseline), sourceOf(candidate)];
  const drafts = keys.map((key) => draftJob(key, baseGroups.get(key) ?? [], candGroups.get(key) ?? [], options, sources));

  // One Holm family: every distinct test of every judged job.
  const testP = new Map<string, number>();
  for (const d of drafts) if (d.judged) for (const r of d.drafts) if (r.testId && r.row.pValue !== null) testP.set(r.testId, r.row.pValue);
  const ids = [...testP.keys()];
  const adjusted = holmAdjust(ids.map((id) => testP.get(id)!));
  const adjustedById = new Map(ids.map((id, i) => [id, adjusted[i]!]));

  for (const d of drafts) {
    for (const { row, testId } of d.drafts) {
      if (!d.judged) row.verdict = 'changed';
      else if (row.unit !== 'status' && row.unit !== 'pass' && row.metric !== 'accuracy') {
        row.pAdjusted = testId ? adjustedById.get(testId) ?? null : null;
        const tail = TAIL_METRICS.includes(row.metric);
        row.verdict = tail ? decideTail(row, options.alpha, options.judgeTails) : decideMeasured(row, options.alpha);
        if (row.testedOn === 'none' && row.verdict === 'inconclusive') row.note ??= 'one run per side: not testable';
        else if (tail && !options.judgeTails && row.verdict === 'inconclusive') row.note = 'tail: not judged';
      }
      d.job.metrics.push(row);
    }
    if (d.judged) d.job.verdict = jobVerdict(d.job.metrics.map((m) => m.verdict));
  }
  const jobs = drafts.map((d) => d.job);
  const counts = countVerdicts(jobs);
  return {
    baseline: { sources: baseline.sources, machineIds: [...new Set(baseline.machines.map((m) => m.id))] },
    candidate: { sources: candidate.sources, machineIds: [...new Set(candidate.machines.map((m) => m.id))] },
    options, machineWarning, tests: ids.length, jobs, counts, regression: counts.regression > 0,
  };
}
