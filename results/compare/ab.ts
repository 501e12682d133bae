/**
 * `mlbench ab`, pure parts (no I/O; runs happen through the CLI):
 * - `abOrder`: the interleaved order of an A/B measurement (a seeded random order by default, or
 *   a blocked permutation), so drift and load bursts hit both sides alike and runs are
 *   exchangeable under no change;
 * - `compareAb`: the comparison of A's runs with B's runs, where the difference between the sides
 *   is the point (settings or model differences are judged and listed, not refused).
 */
import { createRng } from '../stats/index.js';
import type { JobResult, Machine } from '../schema.js';
import { compareSides } from './decide.js';
import { groupJobs, jobKey } from './match.js';
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
  if (kind === 'abba')
    return Array.from({ length: n }, (_, i): AbSide[] => (i % 2 === 0 ? ['A', 'B'] : ['B', 'A'])).flat();
  const rng = createRng(seed);
  if (kind === 'blocked')
    return Array.from({ length: n }, (): AbSide[] => (rng.uniform() < 0.5 ? ['A', 'B'] : ['B', 'A'])).flat();
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
    throw new RangeError(
      `A and B ran different jobs (A: ${keysA.join(', ')}; B: ${keysB.join(', ')}); give both sides the same suites, runtimes and scenarios.`,
    );
  }
  const workloadOf = new Map(keysB.map((k, i) => [k, groupJobs(a).get(keysA[i]!)![0]!.workload]));
  return b.map((j) => ({ ...j, workload: workloadOf.get(jobKey(j)) ?? j.workload }));
}

/**
 * Compares A's runs (baseline) with B's runs (candidate) of one interleaved measurement. Both
 * sides ran on this machine by construction, so differing fingerprints (an older mlbench on
 * side A computing them differently) are a warning, not a refusal.
 */
export function compareAb(
  a: { machines: Machine[]; jobs: JobResult[]; label: string },
  b: { machines: Machine[]; jobs: JobResult[]; label: string },
  options: CompareOptions,
): Comparison {
  return compareSides(
    { sources: [a.label], machines: a.machines, jobs: a.jobs },
    { sources: [b.label], machines: b.machines, jobs: alignSides(a.jobs, b.jobs) },
    { ...options, judgeDefinitionChanges: true, allowDifferentMachine: true },
  );
}
