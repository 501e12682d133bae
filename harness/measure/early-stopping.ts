/**
 * Early stopping by the binomial rule, as MLPerf LoadGen applies it (loadgen/early_stopping.cc,
 * results.cc), at confidence 0.99 and zero tolerance.
 *
 * Model: each query independently exceeds the true p-th percentile latency with probability
 * 1 - p. Having seen n queries of which t are "over-latency", the run may claim its p-th
 * percentile is met when P(Binomial(n, 1 - p) <= t) <= 1 - confidence: so few over-latency
 * queries would be unlikely (< 1 %) if the percentile were not met. LoadGen phrases the same
 * condition as "n >= h(t) + t" with h(t) the minimum number of under-latency queries
 * (its odds(h, t) = BetaRegularized[p, h, 1 + t] is this binomial CDF).
 *
 * We compute the binomial CDF by summing the probability mass in log space from k = 0
 * upwards; the sum stops as soon as it passes 1 - confidence, so the cost is O(t) for one n
 * (about 1e5 steps at a million queries). Pure: no I/O.
 */

export const EARLY_STOPPING_CONFIDENCE = 0.99;

/**
 * The largest number of over-latency queries t that n queries may contain while still meeting
 * the `percentile` (in (0, 1)) at `confidence`; -1 when even t = 0 is not enough (n too small).
 */
export function allowedOverlatencyCount(n: number, percentile: number, confidence = EARLY_STOPPING_CONFIDENCE): number {
  if (!(percentile > 0 && percentile < 1)) throw new RangeError(`percentile must be in (0, 1), got ${percentile}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const q = 1 - percentile; // probability that one query is over-latency
  const alpha = 1 - confidence;
  const logRatio = Math.log(q / (1 - q));
  let logPmf = n * Math.log(1 - q); // P(X = 0)
  let cdf = 0;
  for (let k = 0; k <= n; k++) {
    cdf += Math.exp(logPmf);
    if (cdf > alpha) return k - 1;
    logPmf += Math.log((n - k) / (k + 1)) + logRatio;
  }
  return n;
}

/**
 * The fewest queries for which `overCount` over-latency queries pass (LoadGen's h(t) + t).
 * For t = 1 this is LoadGen's minimum query count for a single-/multi-stream estimate:
 * 64 at p90, 662 at p99.
 */
export function minQueriesForOverlatency(
  overCount: number,
  percentile: number,
  confidence = EARLY_STOPPING_CONFIDENCE,
): number {
  const passes = (n: number) => allowedOverlatencyCount(n, percentile, confidence) >= overCount;
  let hi = Math.max(1, overCount + 1);
  while (!passes(hi)) hi *= 2;
  let lo = Math.floor(hi / 2);
  // Invariant: passes(hi), !passes(lo) or lo is below every passing n.
  while (lo + 1 < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) hi = mid;
    else lo = mid;
  }
  return passes(lo) && lo > 0 ? lo : hi;
}

/** LoadGen's minimum query count for an early-stopping percentile estimate (t = 1). */
export function earlyStoppingMinQueries(percentile: number, confidence = EARLY_STOPPING_CONFIDENCE): number {
  return minQueriesForOverlatency(1, percentile, confidence);
}

/**
 * The early-stopping estimate of the `percentile` latency (single- and multi-stream): with
 * t = allowedOverlatencyCount(n), the latency at 0-based rank n - t of the ascending order,
 * i.e. a latency that at most t - 1 queries exceed. `valueAtRank` reads the sorted latencies.
 * null when n is below the minimum.
 */
export function earlyStoppingEstimate(
  n: number,
  percentile: number,
  valueAtRank: (rank: number) => number,
  confidence = EARLY_STOPPING_CONFIDENCE,
): number | null {
  const t = allowedOverlatencyCount(n, percentile, confidence);
  if (t < 1) return null;
  return valueAtRank(n - t);
}
