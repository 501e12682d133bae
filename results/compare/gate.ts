/**
 * The CI gate, pure parts (no I/O; runs happen through callbacks):
 * - `abOrder`: the interleaved order of an A/B measurement (a seeded random order by default, or
 *   a blocked permutation), so drift and load bursts hit both sides alike and runs are
 *   exchangeable under no change;
 * - `compareAb`: the comparison of A's runs with B's runs, where the difference between the sides
 *   is the point (settings or model differences are judged and listed, not refused);
 * - `runGate`: `mlbench run --baseline`, which compares a fresh run with a stored one. A stored
 *   baseline cannot be re-measured with today's code, so that comparison is a hint, never a
 *   verdict: a job whose only difference is a runtime knob this code can reproduce is
 *   re-measured on both sides, interleaved; every other job beyond the threshold is reported
 *   `inconclusive` with the advice to measure both sides with `mlbench ab`.
 */
import type { Job } from '../../harness/types.js';
import { createRng } from '../stats/index.js';
import type { JobResult, Machine, ResultFile } from '../schema.js';
import { compareSides, countVerdicts } from './decide.js';
import { definitionDiff, groupJobs, jobKey } from './match.js';
import { plannedJobKey } from '../job-key.js';

export { plannedJobKey };
import type { CompareOptions, Comparison } from './types.js';

export type AbSide = 'A' | 'B';
export type AbOrderKind = 'random' | 'blocked' | 'abba';
export const AB_ORDER_KINDS: readonly AbOrderKind[] = ['random', 'blocked', 'abba'];

/**
 * The order of 2n runs, n per side.
 * - `random` (the default): a seeded shuffle of n A and n B, a completely randomised design, so
 *   under no change every split of the runs into sides is equally likely: the exact Mann–Whitney
 *   test of the comparison is exact for it.
 * - `blocked`: n blocks of two, each block AB or BA by a seeded coin (a blocked permutation; a
 *   drift cancels within blocks, and the order is still random).
 * - `abba`: AB BA AB BA ... fixed, not randomised (a linear drift cancels within each pair of
 *   pairs, but the test's exactness does not hold; kept for comparison with older runs).
 */
export function abOrder(n: number, kind: AbOrderKind, seed = 1): AbSide[] {
  if (kind === 'abba') return Array.from({ length: n }, (_, i): AbSide[] => (i % 2 === 0 ? ['A', 'B'] : ['B', 'A'])).flat();
  const rng = createRng(seed);
  if (kind === 'blocked') return Array.from({ length: n }, (): AbSide[] => (rng.uniform() < 0.5 ? ['A', 'B'] : ['B', 'A'])).flat();
  const order: AbSide[] = [...Array<AbSide>(n).fill('A'), ...Array<AbSide>(n).fill('B')];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * B's jobs renamed to A's keys when the two sides ran different workloads in the same order (two
 * model files: `mlbench model a.onnx` and `b.onnx` name their workloads after the files). Sides
 * whose keys already match are returned as they are. Throws a RangeError when they cannot be paired.
 */
export function alignSides(a: JobResult[], b: JobResult[]): JobResult[] {
  const keysA = [...groupJobs(a).keys()];
  const keysB = [...groupJobs(b).keys()];
  if (keysB.every((k) => keysA.includes(k))) return b;
  if (keysA.length !== keysB.length) {
    throw new RangeError(`A and B ran different jobs (A: ${keysA.join(', ')}; B: ${keysB.join(', ')}); give both sides the same suites, runtimes and scenarios.`);
  }
  const workloadOf = new Map(keysB.map((k, i) => [k, groupJobs(a).get(keysA[i]!)![0]!.workload]));
  return b.map((j) => ({ ...j, workload: workloadOf.get(jobKey(j)) ?? j.workload }));
}

/**
 * Compares A's runs (baseline) with B's runs (candidate) of one interleaved measurement. Both
 * sides ran on this machine by construction, so differing fingerprints (an older mlbench on
 * side A computing them differently) are a warning, not a refusal.
 */
export function compareAb(a: { machines: Machine[]; jobs: JobResult[]; label: string }, b: { machines: Machine[]; jobs: JobResult[]; label: string }, options: CompareOptions): Comparison {
  return compareSides(
    { sources: [a.label], machines: a.machines, jobs: a.jobs },
    { sources: [b.label], machines: b.machines, jobs: alignSides(a.jobs, b.jobs) },
    { ...options, judgeDefinitionChanges: true, allowDifferentMachine: true },
  );
}

/** Runs jobs, each in a fresh process, and returns their results in the same order. */
export type RunJobsFn = (jobs: Job[]) => Promise<JobResult[]>;

export interface GateInput {
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

export interface GateResult {
  /** The stored baseline against this run: a hint. */
  initial: Comparison;
  /** Both sides re-measured, interleaved (null when no job could be). */
  confirmation: Comparison | null;
  /** How each job beyond the threshold was handled. */
  modes: Record<string, 'interleaved' | 'baseline-only'>;
  /** The verdicts the gate stands by: re-measured jobs from `confirmation`, the rest never a regression. */
  final: Comparison;
  regression: boolean;
}

/** A judged row of the job is beyond its threshold (or already a regression). */
function beyondThreshold(job: Comparison['jobs'][number]): boolean {
  return job.metrics.some((m) => m.judged && (m.verdict === 'regression' || (m.ratio !== null && m.thresholdPct !== null
    && Math.abs(Math.log(m.ratio)) > Math.log(1 + m.thresholdPct / 100))));
}

/** The initial comparison with every verdict the gate cannot stand by turned into a hint. */
function asHints(c: Comparison, keep: ReadonlySet<string>, replaced: ReadonlyMap<string, Comparison['jobs'][number]>): Comparison {
  const hint = 'baseline-only comparison: a hint, not a verdict (measure both sides with mlbench ab)';
  const jobs = c.jobs.map((j) => {
    const again = replaced.get(j.key);
    if (again) return { ...again, differences: [...again.differences, 're-measured on both sides, interleaved'] };
    if (keep.has(j.key) || (j.verdict !== 'regression' && j.verdict !== 'improvement')) return j;
    const metrics = j.metrics.map((m) => (m.verdict === 'regression' || m.verdict === 'improvement') && m.unit !== 'status' ? { ...m, verdict: 'inconclusive' as const, note: hint } : m);
    return { ...j, verdict: 'inconclusive' as const, metrics, differences: [...j.differences, hint] };
  });
  const counts = countVerdicts(jobs);
  return { ...c, jobs, counts, regression: counts.regression > 0, failed: counts.regression > 0 || c.missingCandidate.length > 0 };
}

/**
 * Compares with the stored baseline, re-measures both sides of every re-measurable job beyond the
 * threshold, and returns the verdicts. A job that broke (ok -> crashed, parity fail, accuracy
 * drop) needs no timing statistics and keeps its verdict.
 */
export async function runGate(input: GateInput): Promise<GateResult> {
  const { candidate, baseline, options } = input;
  const side = (r: ResultFile) => ({ sources: [r.runId], machines: [r.machine], jobs: r.jobs });
  const initial = compareSides(side(baseline), side(candidate), options);
  const broken = new Set(initial.jobs.filter((j) => j.metrics.some((m) => m.verdict === 'regression' && m.testedOn !== 'runs')).map((j) => j.key));
  const flagged = initial.jobs.filter((j) => j.verdict !== 'not comparable' && j.verdict !== 'missing' && !broken.has(j.key) && beyondThreshold(j)).map((j) => j.key);
  const modes: GateResult['modes'] = {};
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
      rounds.push({ job: { ...template!, id: `${template!.id}~ab-${s.toLowerCase()}${run + 1}`, repeat: run, settings }, side: s });
    });
  }
  const results = rounds.length ? await input.runJobs(rounds.map((r) => r.job)) : [];
  const confirmation = rounds.length
    ? compareSides(
      { sources: ['re-measured baseline'], machines: [candidate.machine], jobs: results.filter((_, i) => rounds[i]!.side === 'A') },
      { sources: ['re-measured candidate'], machines: [candidate.machine], jobs: results.filter((_, i) => rounds[i]!.side === 'B') },
      options)
    : null;
  const replaced = new Map((confirmation?.jobs ?? []).map((j) => [j.key, j]));
  const final = asHints(initial, broken, replaced);
  return { initial, confirmation, modes, final, regression: final.failed };
}
