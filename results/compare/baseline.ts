/**
 * `mlbench run --baseline`: compares a fresh run with a stored one. A stored baseline cannot be
 * re-measured with today's code, so that comparison is a hint, never a verdict: a job whose only
 * difference is a runtime knob this code can reproduce is re-measured on both sides,
 * interleaved (in `abOrder`'s random order); every other job beyond the threshold is reported
 * `inconclusive` with the advice to measure both sides with `mlbench ab`. No I/O: runs happen
 * through the `runJobs` callback.
 */
import type { Job } from '../../harness/types.js';
import type { JobResult, ResultFile } from '../schema.js';
import { plannedJobKey } from '../job-key.js';
import { abOrder, type AbSide } from './ab.js';
import { compareSides, countVerdicts } from './decide.js';
import { definitionDiff, groupJobs } from './match.js';
import type { CompareOptions, Comparison } from './types.js';

/** Runs jobs, each in a fresh process, and returns their results in the same order. */
export type RunJobsFn = (jobs: Job[]) => Promise<JobResult[]>;

export interface BaselineInput {
  candidate: ResultFile;
  baseline: ResultFile;
  /** The planned jobs of the candidate run (templates for re-measurement). */
  jobs: Job[];
  runJobs: RunJobsFn;
  /** Re-measurements per side of a re-measurable job (interleaved in a random order seeded by options.seed); 0 re-measures nothing. */
  confirm: number;
  options: CompareOptions;
  /** Setting keys this code knows; a baseline setting outside it cannot be reproduced. */
  knownSettings: ReadonlySet<string>;
}

export interface BaselineResult {
  /** The stored baseline against this run: a hint. */
  initial: Comparison;
  /** Both sides re-measured, interleaved (null when no job could be). */
  confirmation: Comparison | null;
  /** How each job beyond the threshold was handled. */
  modes: Record<string, 'interleaved' | 'baseline-only'>;
  /** The verdicts this comparison stands by: re-measured jobs from `confirmation`, the rest never a regression. */
  final: Comparison;
  regression: boolean;
}

/** A judged row of the job is beyond its threshold (or already a regression). */
function beyondThreshold(job: Comparison['jobs'][number]): boolean {
  return job.metrics.some(
    (m) =>
      m.judged &&
      (m.verdict === 'regression' ||
        (m.ratio !== null &&
          m.thresholdPct !== null &&
          Math.abs(Math.log(m.ratio)) > Math.log(1 + m.thresholdPct / 100))),
  );
}

/** The initial comparison with every verdict a stored baseline cannot stand by turned into a hint. */
function asHints(
  c: Comparison,
  keep: ReadonlySet<string>,
  replaced: ReadonlyMap<string, Comparison['jobs'][number]>,
): Comparison {
  const hint = 'baseline-only comparison: a hint, not a verdict (measure both sides with mlbench ab)';
  const jobs = c.jobs.map((j) => {
    const again = replaced.get(j.key);
    if (again) return { ...again, differences: [...again.differences, 're-measured on both sides, interleaved'] };
    if (keep.has(j.key) || (j.verdict !== 'regression' && j.verdict !== 'improvement')) return j;
    const metrics = j.metrics.map((m) =>
      (m.verdict === 'regression' || m.verdict === 'improvement') && m.unit !== 'status'
        ? { ...m, verdict: 'inconclusive' as const, note: hint }
        : m,
    );
    return { ...j, verdict: 'inconclusive' as const, metrics, differences: [...j.differences, hint] };
  });
  const counts = countVerdicts(jobs);
  return {
    ...c,
    jobs,
    counts,
    regression: counts.regression > 0,
    failed: counts.regression > 0 || c.missingCandidate.length > 0,
  };
}

/**
 * Compares with the stored baseline, re-measures both sides of every re-measurable job beyond the
 * threshold, and returns the verdicts. A job that broke (ok -> crashed, parity fail, accuracy
 * drop) needs no timing statistics and keeps its verdict.
 */
export async function compareWithBaseline(input: BaselineInput): Promise<BaselineResult> {
  const { candidate, baseline, options } = input;
  const side = (r: ResultFile) => ({ sources: [r.runId], machines: [r.machine], jobs: r.jobs });
  const initial = compareSides(side(baseline), side(candidate), options);
  const broken = new Set(
    initial.jobs
      .filter((j) => j.metrics.some((m) => m.verdict === 'regression' && m.testedOn !== 'runs'))
      .map((j) => j.key),
  );
  const flagged = initial.jobs
    .filter(
      (j) => j.verdict !== 'not comparable' && j.verdict !== 'missing' && !broken.has(j.key) && beyondThreshold(j),
    )
    .map((j) => j.key);
  const modes: BaselineResult['modes'] = {};
  const baseGroups = groupJobs(baseline.jobs);
  const candGroups = groupJobs(candidate.jobs);
  const rounds: Array<{ job: Job; side: AbSide }> = [];
  for (const key of flagged) {
    const template = input.jobs.find((j) => plannedJobKey(j) === key);
    const baseJob = baseGroups.get(key)?.[0];
    const candJob = candGroups.get(key)?.[0];
    const knobs = baseJob && candJob ? definitionDiff(baseJob, candJob, options.ignoreSettings).knobs : [];
    const reproducible = !!baseJob && Object.keys(baseJob.settings).every((k) => input.knownSettings.has(k));
    modes[key] = template && knobs.length > 0 && reproducible && input.confirm > 0 ? 'interleaved' : 'baseline-only';
    if (modes[key] !== 'interleaved') continue;
    const order = abOrder(input.confirm, 'random', options.seed);
    order.forEach((s, i) => {
      const run = order.slice(0, i).filter((x) => x === s).length;
      const settings = s === 'A' ? { ...template!.settings, ...baseJob!.settings } : template!.settings;
      rounds.push({
        job: { ...template!, id: `${template!.id}~ab-${s.toLowerCase()}${run + 1}`, repeat: run, settings },
        side: s,
      });
    });
  }
  const results = rounds.length ? await input.runJobs(rounds.map((r) => r.job)) : [];
  const confirmation = rounds.length
    ? compareSides(
        {
          sources: ['re-measured baseline'],
          machines: [candidate.machine],
          jobs: results.filter((_, i) => rounds[i]!.side === 'A'),
        },
        {
          sources: ['re-measured candidate'],
          machines: [candidate.machine],
          jobs: results.filter((_, i) => rounds[i]!.side === 'B'),
        },
        options,
      )
    : null;
  const replaced = new Map((confirmation?.jobs ?? []).map((j) => [j.key, j]));
  const final = asHints(initial, broken, replaced);
  return { initial, confirmation, modes, final, regression: final.failed };
}
