/**
 * The value of a quantile and its 95% confidence interval, distribution-free (order statistics):
 * the number of observations below the true p-quantile is Binomial(n, p), so with the normal
 * approximation the interval runs from rank floor(np - 1.96·sqrt(np(1-p))) to
 * ceil(np + 1.96·sqrt(np(1-p))), clamped to the data. No assumption about the (skewed,
 * multi-modal) latency distribution and no resampling, so it is deterministic. The point value is
 * the project's one percentile rule, LoadGen's sorted[floor(n·p)]. Below MIN_N no interval.
 */
import { cumulativeCounts, fromValues, valueAtRank, type WeightedSample } from '../stats/weighted-sample.js';

const MIN_N = 10;
const Z_95 = 1.959964;

export interface Bounded {
  value: number;
  /** Null when there are too few observations for an interval. */
  low: number | null;
  high: number | null;
}

/** The p-quantile of `observations` (raw values or a weighted sample) with its 95% interval. */
export function quantileCi(observations: ArrayLike<number> | WeightedSample, p: number): Bounded {
  const sample = 'counts' in observations ? observations : fromValues(observations);
  const n = sample.n;
  if (n === 0) return { value: Number.NaN, low: null, high: null };
  const cum = cumulativeCounts(sample);
  const at = (rank: number) => valueAtRank(sample, cum, Math.min(n - 1, Math.max(0, rank)));
  const value = at(Math.floor(n * p));
  if (n < MIN_N) return { value, low: null, high: null };
  const half = Z_95 * Math.sqrt(n * p * (1 - p));
  return { value, low: at(Math.floor(n * p - half)), high: at(Math.ceil(n * p + half)) };
}
