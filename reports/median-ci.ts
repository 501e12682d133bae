/**
 * Confidence interval of a median from raw samples (or a weighted sample decoded from an HDR
 * histogram), for the whiskers of the runtime comparison.
 *
 * Method: distribution-free (order-statistic) interval. The number of samples below the true
 * median is Binomial(n, 1/2); with the normal approximation the 95% interval runs from the sorted
 * sample at index floor(n/2 - 1.96·√n/2) to the one at ceil(n/2 + 1.96·√n/2), clamped to the data.
 * It needs no assumption about the latency distribution (latencies are skewed and often
 * multi-modal, so a mean ± t·s interval would mislead) and no resampling, so it is deterministic.
 * Below `MIN_SAMPLES_FOR_CI` samples no interval is given. The median itself is the project's one
 * percentile method (LoadGen's `sorted[floor(n*p)]`).
 */
import { cumulativeCounts, fromValues, valueAtRank, type WeightedSample } from '../results/index.js';

export const MIN_SAMPLES_FOR_CI = 10;
const Z_95 = 1.959964;

export interface MedianCi {
  median: number;
  /** Lower and upper bound of the 95% interval; null when there are too few samples. */
  low: number | null;
  high: number | null;
  n: number;
}

function isWeighted(samples: ArrayLike<number> | WeightedSample): samples is WeightedSample {
  return 'counts' in samples;
}

/** Median and its 95% order-statistic interval of unsorted samples or of a weighted sample. */
export function medianCi(samples: ArrayLike<number> | WeightedSample): MedianCi {
  const sample = isWeighted(samples) ? samples : fromValues(samples);
  const n = sample.n;
  if (n === 0) return { median: Number.NaN, low: null, high: null, n };
  const cum = cumulativeCounts(sample);
  const at = (rank: number) => valueAtRank(sample, cum, rank);
  const median = at(Math.min(n - 1, Math.floor(n * 0.5)));
  if (n < MIN_SAMPLES_FOR_CI) return { median, low: null, high: null, n };
  const half = (Z_95 * Math.sqrt(n)) / 2;
  const lo = Math.max(0, Math.floor(n / 2 - half));
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half));
  return { median, low: at(lo), high: at(hi), n };
}
