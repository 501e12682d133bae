/**
 * Statistics whose unit is the run (one process): each run contributes one summary value (its
 * median latency, its throughput...), and A is compared with B across those values.
 *
 * Why the run, not the query: queries of one process share its memory layout, JIT state, thread
 * placement and the machine's load at that moment, so they are not independent draws. Pooling
 * thousands of them makes any process-to-process shift "significant" (p < 1e-300 between two
 * identical runs), while the variance that decides whether a change is real is between runs.
 *
 * Methods, chosen for small n (3 to 10 runs per side):
 * - test: an exact two-sided permutation test of the difference of mean log values (all
 *   C(nA + nB, nA) splits when there are at most EXACT_MAX_SPLITS, else a seeded Monte Carlo
 *   over random splits with p = (1 + hits) / (1 + draws)). It assumes only that runs are
 *   exchangeable under no change, which the interleaved order of `mlbench ab` makes true of
 *   drift and load; it needs no normality. Its smallest p is 2 / C(nA + nB, nA) (minimumPValue).
 * - interval: Welch's t interval of the difference of mean logs, exponentiated: a CI of the
 *   ratio (geometric means) whose width is the run-to-run spread, honest at small n (a bootstrap
 *   over 3 to 5 runs gives intervals that are too narrow).
 * - noise: the coefficient of variation of a side's runs (sd of logs, which is the CV for small
 *   spreads), pooled over both sides.
 * - minimum detectable effect: the change a two-sided test at level `alpha` finds with `power`
 *   at that CV and n (normal-theory with t quantiles), and never below what the permutation
 *   test can reach at all.
 */
import jstat from 'jstat';
import { createRng } from './random.js';

/** Largest number of splits enumerated exactly (C(16, 8) = 12,870; C(18, 9) = 48,620). */
export const EXACT_MAX_SPLITS = 50_000;
const MONTE_CARLO_DRAWS = 20_000;

export interface PermutationResult {
  pValue: number;
  method: 'exact' | 'monte-carlo';
  /** Smallest p-value this test can give at these n. */
  minimumP: number;
}

/**
 * The smallest two-sided p-value an exact two-sample permutation (or rank) test can give with n1
 * and n2 observations: complete separation, 2 / C(n1 + n2, n1), capped at 1. E.g. 0.33 at 2 per
 * side, 0.1 at 3, 0.029 at 4, 0.0079 at 5, 1.6e-4 at 8. When it is not below alpha the test can
 * never be significant.
 */
export function minimumPValue(n1: number, n2: number): number {
  if (n1 < 1 || n2 < 1) return 1;
  // C(n1 + n2, k) by the running product; stop once the p-value is below any useful level.
  const k = Math.min(n1, n2);
  const n = n1 + n2;
  let combinations = 1;
  for (let i = 1; i <= k && combinations < 1e300; i++) combinations = (combinations * (n - k + i)) / i;
  return Math.min(1, 2 / combinations);
}

/** The fewest runs per side (equal sides) whose minimum p-value is below alpha. */
export function minimumPerSide(alpha: number): number {
  let n = 1;
  while (minimumPValue(n, n) >= alpha && n < 1000) n++;
  return n;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

function variance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

function logs(values: readonly number[]): number[] {
  for (const v of values) if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`run-level statistics need positive values, got ${v}`);
  return values.map(Math.log);
}

/** Visits every subset of size k of {0..n-1} (as a boolean mask), in lexicographic order. */
function forEachSubset(n: number, k: number, visit: (chosen: Uint8Array) => void): void {
  const idx = Array.from({ length: k }, (_, i) => i);
  const chosen = new Uint8Array(n);
  for (;;) {
    chosen.fill(0);
    for (const i of idx) chosen[i] = 1;
    visit(chosen);
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]! += 1;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

/**
 * Two-sided permutation test of mean(log b) - mean(log a). Needs at least one run per side;
 * with one run on a side every split is as extreme as another and p is 1.
 */
export function permutationTest(a: readonly number[], b: readonly number[], seed = 1): PermutationResult {
  const nA = a.length;
  const nB = b.length;
  const minimumP = minimumPValue(nA, nB);
  if (nA < 2 || nB < 2) return { pValue: 1, method: 'exact', minimumP };
  const pooled = [...logs(a), ...logs(b)];
  const n = pooled.length;
  const total = pooled.reduce((s, x) => s + x, 0);
  const statOf = (sumA: number) => Math.abs((total - sumA) / nB - sumA / nA);
  const observed = statOf(pooled.slice(0, nA).reduce((s, x) => s + x, 0));
  const tolerance = 1e-12 * Math.max(1, observed);
  let splits = 1;
  for (let i = 1; i <= nA && splits <= EXACT_MAX_SPLITS; i++) splits = (splits * (n - nA + i)) / i;
  if (splits <= EXACT_MAX_SPLITS) {
    let hits = 0;
    let count = 0;
    forEachSubset(n, nA, (chosen) => {
      let sumA = 0;
      for (let i = 0; i < n; i++) if (chosen[i]) sumA += pooled[i]!;
      if (statOf(sumA) >= observed - tolerance) hits++;
      count++;
    });
    return { pValue: hits / count, method: 'exact', minimumP };
  }
  const rng = createRng(seed);
  const order = pooled.map((_, i) => i);
  let hits = 0;
  for (let d = 0; d < MONTE_CARLO_DRAWS; d++) {
    // Partial Fisher-Yates: the first nA positions are a uniform random subset.
    for (let i = 0; i < nA; i++) {
      const j = i + Math.floor(rng.uniform() * (n - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let sumA = 0;
    for (let i = 0; i < nA; i++) sumA += pooled[order[i]!]!;
    if (statOf(sumA) >= observed - tolerance) hits++;
  }
  return { pValue: (1 + hits) / (1 + MONTE_CARLO_DRAWS), method: 'monte-carlo', minimumP: Math.max(minimumP, 1 / (1 + MONTE_CARLO_DRAWS)) };
}

export interface RatioCi {
  low: number;
  high: number;
  level: number;
}

/** Welch t interval of exp(mean log b - mean log a); null with fewer than 2 runs on a side. */
export function logRatioInterval(a: readonly number[], b: readonly number[], level = 0.95): RatioCi | null {
  if (a.length < 2 || b.length < 2) return null;
  const la = logs(a);
  const lb = logs(b);
  const va = variance(la) / la.length;
  const vb = variance(lb) / lb.length;
  const se = Math.sqrt(va + vb);
  const diff = mean(lb) - mean(la);
  if (!(se > 0)) return { low: Math.exp(diff), high: Math.exp(diff), level };
  // Welch-Satterthwaite degrees of freedom.
  const df = (va + vb) ** 2 / (va ** 2 / (la.length - 1) + vb ** 2 / (lb.length - 1));
  const t = jstat.jStat.studentt.inv(1 - (1 - level) / 2, df);
  return { low: Math.exp(diff - t * se), high: Math.exp(diff + t * se), level };
}

/** Run-to-run coefficient of variation of one side: sd of the logs (0 with one run). */
export function runCv(values: readonly number[]): number {
  return values.length < 2 ? 0 : Math.sqrt(variance(logs(values)));
}

/** CV pooled over both sides (each side's spread about its own mean); NaN below 2 runs on both sides. */
export function pooledCv(a: readonly number[], b: readonly number[]): number {
  const parts = [a, b].filter((s) => s.length >= 2);
  if (!parts.length) return Number.NaN;
  const df = parts.reduce((s, p) => s + p.length - 1, 0);
  return Math.sqrt(parts.reduce((s, p) => s + variance(logs(p)) * (p.length - 1), 0) / df);
}

/**
 * Minimum detectable effect as a fraction (0.05 = 5%): the change a two-sided test at `alpha`
 * detects with probability `power`, at run-to-run CV `cv` with nA and nB runs:
 * (t(1 - alpha/2) + t(power)) * cv * sqrt(1/nA + 1/nB), on the log scale. Infinity when the
 * permutation test cannot reach `alpha` at these n at all.
 */
export function minimumDetectableEffect(cv: number, nA: number, nB: number, alpha: number, power = 0.8): number {
  if (nA < 2 || nB < 2 || !(minimumPValue(nA, nB) < alpha) || !Number.isFinite(cv)) return Number.POSITIVE_INFINITY;
  const df = nA + nB - 2;
  const z = jstat.jStat.studentt.inv(1 - alpha / 2, df) + jstat.jStat.studentt.inv(power, df);
  return Math.exp(z * cv * Math.sqrt(1 / nA + 1 / nB)) - 1;
}

/** Fewest runs per side (equal sides, at most `max`) whose MDE is within `effect`; null when none is. */
export function runsNeeded(cv: number, effect: number, alpha: number, power = 0.8, max = 200): number | null {
  for (let n = 2; n <= max; n++) if (minimumDetectableEffect(cv, n, n, alpha, power) <= effect) return n;
  return null;
}
