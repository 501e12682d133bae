/**
 * Percentiles: the one method used everywhere in mlbench (results, reports, compare).
 *
 * Method (MLPerf LoadGen's): sort the samples ascending and take `sorted[floor(n * p)]`,
 * clamped to the last element. For p = 0.5 on [1,2,3,4] this is 3 (the upper median); there is
 * no interpolation, so every reported percentile is a latency that was actually observed.
 * `mean` is the arithmetic mean. Pure: no I/O.
 */
import type { LatencySummaryNs } from '../types.js';

/** The percentile of an ascending-sorted array by the LoadGen rule. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be in [0, 1], got ${p}`);
  const index = Math.min(n - 1, Math.floor(n * p));
  return sorted[index]!;
}

export function sortedCopy(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/** min, p50, p90, p95, p97, p99, p99.9, max and mean of latency samples in ns. */
export function summarize(samples: ArrayLike<number>): LatencySummaryNs {
  const sorted = sortedCopy(samples);
  let sum = 0;
  for (const v of sorted) sum += v;
  const at = (p: number) => percentileSorted(sorted, p);
  return {
    min: sorted.length ? sorted[0]! : Number.NaN,
    p50: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    p97: at(0.97),
    p99: at(0.99),
    p999: at(0.999),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

export function median(values: ArrayLike<number>): number {
  return percentileSorted(sortedCopy(values), 0.5);
}
