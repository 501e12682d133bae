/**
 * Percentiles: the one method used everywhere in mlbench (results, reports, compare).
 *
 * Method (MLPerf LoadGen's): sort the samples ascending and take `sorted[floor(n * p)]`,
 * clamped to the last element. For p = 0.5 on [1,2,3,4] this is 3 (the upper median); there is
 * no interpolation, so every reported percentile is a latency that was actually observed.
 * `percentileRank` is the rule itself; raw samples (here), HDR histograms (histogram.ts) and
 * weighted samples (results/stats/weighted-sample.ts) each only look up the value at that rank.
 * `mean` is the arithmetic mean. Pure: no I/O.
 */
import type { LatencySummaryNs } from '../types.js';

/** The 0-based rank of the `p` percentile of `n` observations: `min(n - 1, floor(n * p))`. Throws RangeError for p outside [0, 1]. */
export function percentileRank(n: number, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be in [0, 1], got ${p}`);
  return Math.min(n - 1, Math.floor(n * p));
}

/** The percentile of an ascending-sorted array by the LoadGen rule. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[percentileRank(sorted.length, p)]!;
}

/** The reported summary from a percentile lookup and the exact min, max and mean. */
export function latencySummary(at: (p: number) => number, min: number, max: number, mean: number): LatencySummaryNs {
  return { min, p50: at(0.5), p90: at(0.9), p95: at(0.95), p97: at(0.97), p99: at(0.99), p999: at(0.999), max, mean };
}

export function sortedCopy(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/** min, p50, p90, p95, p97, p99, p99.9, max and mean of latency samples in ns. */
export function summarize(samples: ArrayLike<number>): LatencySummaryNs {
  const sorted = sortedCopy(samples);
  let sum = 0;
  for (const v of sorted) sum += v;
  const n = sorted.length;
  return latencySummary(
    (p) => percentileSorted(sorted, p),
    n ? sorted[0]! : Number.NaN,
    n ? sorted[n - 1]! : Number.NaN,
    n ? sum / n : Number.NaN,
  );
}

export function median(values: ArrayLike<number>): number {
  return percentileSorted(sortedCopy(values), 0.5);
}
