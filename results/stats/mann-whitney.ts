/**
 * Mann-Whitney U test (two-sided), on weighted samples so that raw latencies and HDR histogram
 * buckets are tested the same way.
 *
 * Method (as scipy.stats.mannwhitneyu, method="auto"-like):
 * - U1 = R1 - n1(n1+1)/2, with R1 the sum of (mid)ranks of sample 1 in the pooled sample.
 * - Exact: with no ties and n1*n2 <= EXACT_MAX_PRODUCT, the p-value comes from the exact null
 *   distribution of U: p = min(1, 2 P(U >= max(U1, U2))).
 * - Otherwise the normal approximation with tie correction and continuity correction:
 *   sigma = sqrt(n1 n2 / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1)))),
 *   z = (max(U1, U2) - n1 n2 / 2 - 0.5) / sigma, p = min(1, 2 (1 - Phi(z))).
 *
 * The exact distribution is computed here with a short dynamic programme because no installed
 * package provides it (jstat has no Mann-Whitney distribution); the normal CDF comes from jstat.
 */
import jstat from 'jstat';
import type { WeightedSample } from './weighted-sample.js';

/** Largest n1*n2 for which the exact distribution is used (cost ~ (n1 n2)^2 / 4 additions). */
export const EXACT_MAX_PRODUCT = 2_500;

export interface MannWhitneyResult {
  /** U of sample 1: the number of pairs (x from 1, y from 2) with x > y, ties counting 1/2. */
  u1: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
  n1: number;
  n2: number;
  /** P(X1 > X2) + P(X1 = X2)/2 = U1 / (n1 n2): the common-language effect size. */
  effect: number;
}

/**
 * Exact null distribution of U for sample sizes m and n (no ties): returns probabilities
 * P(U = u) for u = 0..m*n. Recursion on the largest pooled observation: it belongs to sample 1
 * with probability m/(m+n) (and then beats all n of sample 2), else to sample 2:
 *   P_{m,n}(u) = m/(m+n) P_{m-1,n}(u - n) + n/(m+n) P_{m,n-1}(u).
 * Working in probabilities (convex combinations) keeps every step exact to rounding, unlike
 * counting permutations, whose counts overflow doubles for moderate m and n.
 */
export function exactUDistribution(m: number, n: number): Float64Array {
  // prev[j] holds P_{i-1, j}; cur[j] holds P_{i, j}.
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) prev.push(Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const dist = new Float64Array(i * j + 1);
      const fromOne = prev[j]!; // P_{i-1, j}, shifted by j
      const fromTwo = cur[j - 1]!; // P_{i, j-1}
      const w1 = i / (i + j);
      const w2 = j / (i + j);
      for (let u = 0; u < fromOne.length; u++) dist[u + j]! += w1 * fromOne[u]!;
      for (let u = 0; u < fromTwo.length; u++) dist[u]! += w2 * fromTwo[u]!;
      cur.push(dist);
    }
    prev = cur;
  }
  return prev[n]!;
}

/**
 * Two-sided Mann-Whitney U test of sample 1 against sample 2. `method` forces one p-value
 * method ('auto' picks exact when allowed, as described above; 'exact' still falls back to the
 * normal approximation when there are ties, where the exact law above does not hold).
 */
export function mannWhitneyU(a: WeightedSample, b: WeightedSample, method: 'auto' | 'exact' | 'normal' = 'auto'): MannWhitneyResult {
  const n1 = a.n;
  const n2 = b.n;
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann-Whitney U needs at least one observation on each side');
  const n = n1 + n2;
  // Merge the two sorted distinct-value lists, giving each tie group its midrank.
  let i = 0;
  let j = 0;
  let rankBase = 0;
  let r1 = 0;
  let tieTerm = 0;
  while (i < a.values.length || j < b.values.length) {
    const va = i < a.values.length ? a.values[i]! : Number.POSITIVE_INFINITY;
    const vb = j < b.values.length ? b.values[j]! : Number.POSITIVE_INFINITY;
    const v = Math.min(va, vb);
    const c1 = va === v ? a.counts[i++]! : 0;
    const c2 = vb === v ? b.counts[j++]! : 0;
    const t = c1 + c2;
    const midrank = rankBase + (t + 1) / 2;
    r1 += c1 * midrank;
    tieTerm += t * t * t - t;
    rankBase += t;
  }
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const uMax = Math.max(u1, n1 * n2 - u1);
  const effect = u1 / (n1 * n2);
  const exactAllowed = tieTerm === 0 && (method === 'exact' || (method === 'auto' && n1 * n2 <= EXACT_MAX_PRODUCT));
  if (exactAllowed) {
    const dist = exactUDistribution(n1, n2);
    let tail = 0;
    for (let u = Math.ceil(uMax - 1e-9); u < dist.length; u++) tail += dist[u]!;
    return { u1, pValue: Math.min(1, 2 * tail), method: 'exact', n1, n2, effect };
  }
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) return { u1, pValue: 1, method: 'normal', n1, n2, effect };
  const z = (uMax - (n1 * n2) / 2 - 0.5) / sigma;
  const pValue = Math.min(1, 2 * jstat.jStat.normal.cdf(-z, 0, 1));
  return { u1, pValue, method: 'normal', n1, n2, effect };
}

/**
 * The smallest two-sided p-value the exact U test can give with n1 and n2 observations (no ties):
 * complete separation, 2 / C(n1 + n2, n1), capped at 1. E.g. 0.33 at 2 per side, 0.1 at 3,
 * 0.029 at 4, 0.0079 at 5. When it is not below alpha the test can never be significant.
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

/** The fewest observations per side (equal sides) whose minimum p-value is below alpha. */
export function minimumPerSide(alpha: number): number {
  let n = 1;
  while (minimumPValue(n, n) >= alpha && n < 1000) n++;
  return n;
}
