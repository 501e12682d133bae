/**
 * Confidence interval of a median from raw samples, for the whiskers of the runtime comparison.
 *
 * Method: distribution-free (order-statistic) interval. The number of samples below the true
 * median is Binomial(n, 1/2); with the normal approximation the 95% interval runs from the sorted
 * sample at index floor(n/2 - 1.96·√n/2) to the one at ceil(n/2 + 1.96·√n/2), clamped to the data.
 * It needs no assumption about the latency distribution (latencies are skewed and often
 * multi-modal, so a mean ± t·s interval would mislead) and no resampling, so it is deterministic.
 * Below `MIN_SAMPLES_FOR_CI` samples no interval is given. The median itself is the project's one
 * percentile method (LoadGen's `sorted[floor(n*p)]`).
 */
import { percentileSorted, sortedCopy } from '../harness/measure/percentiles.js';

export const MIN_SAMPLES_FOR_CI = 10;
const Z_95 = 1.959964;

export interface MedianCi {
  median: number;
  /** Lower and upper bound of the 95% interval; null when there are too few samples. */
  low: number | null;
  high: number | null;
  n: number;
}

/** Median and its 95% order-statistic interval of unsorted samples. */
export function medianCi(samples: ArrayLike<number>): MedianCi {
  const sorted = sortedCopy(samples);
  const n = sorted.length;
  const median = percentileSorted(sorted, 0.5);
  if (n < MIN_SAMPLES_FOR_CI) return { median, low: null, high: null, n };
  const half = (Z_95 * Math.sqrt(n)) / 2;
  const lo = Math.max(0, Math.floor(n / 2 - half));
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half));
  return { median, low: sorted[lo]!, high: sorted[hi]!, n };
}
