/**
 * Bounds of exported values. Two rules:
 * - `medianOverRuns`: the value of a benchmark over several runs (the unit of variance is the
 *   run, DESIGN.md) with the exact distribution-free 95% interval of the median over runs; no
 *   interval below 6 runs (5 runs cover only 94%), and never one from a single run: an interval
 *   over one process's queries is far too narrow for run-to-run noise, and trackers fed with it
 *   (Bencher, github-action-benchmark) alert on noise;
 * - `quantileCi`, below: a quantile of one sample with its interval over the sample's observations
 *   (for reports of one run's latency distribution, never for an export's bounds).
 *
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

/** Fewest runs with an exact 95% interval of the median: 2·P(Binom(n, ½) ≤ 0) = 2^(1−n) ≤ 0.05 from n = 6. */
export const MIN_RUNS_FOR_INTERVAL = 6;

/**
 * The median over runs (the project's percentile rule, sorted[floor(n/2)]) with its exact 95%
 * interval [x_(k), x_(n+1−k)] (1-based order statistics, k the largest with
 * 2·P(Binom(n, ½) ≤ k−1) ≤ 0.05; Hollander, Wolfe & Chicken §3.6). Null bounds below MIN_RUNS_FOR_INTERVAL runs.
 */
export function medianOverRuns(values: readonly number[]): Bounded {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { value: Number.NaN, low: null, high: null };
  const value = sorted[Math.floor(n / 2)]!;
  let k = 0;
  let tail = 0;
  let term = 2 ** -n; // P(Binom(n, 1/2) = j), from j = 0
  for (let j = 0; j < n; j++) {
    tail += term;
    if (2 * tail > 0.05) break;
    k = j + 1;
    term = (term * (n - j)) / (j + 1);
  }
  if (k < 1 || n < MIN_RUNS_FOR_INTERVAL) return { value, low: null, high: null };
  return { value, low: sorted[k - 1]!, high: sorted[n - k]! };
}
