/**
 * The exact (Clopper–Pearson) confidence interval of a binomial proportion: `x` events in `n`
 * trials, from the beta quantiles (Clopper & Pearson 1934). Used to state how much a count of
 * false alarms or detections over a few comparisons says (bench:gate): 0 of 10 is [0, 0.31].
 */
import jstat from 'jstat';

export interface Proportion {
  rate: number;
  low: number;
  high: number;
}

/** `x` of `n` with its two-sided interval at `level` (0.95); NaN rate and [0, 1] when n = 0. */
export function binomialInterval(x: number, n: number, level = 0.95): Proportion {
  if (n <= 0) return { rate: Number.NaN, low: 0, high: 1 };
  const tail = (1 - level) / 2;
  return {
    rate: x / n,
    low: x === 0 ? 0 : jstat.jStat.beta.inv(tail, x, n - x + 1),
    high: x === n ? 1 : jstat.jStat.beta.inv(1 - tail, x + 1, n - x),
  };
}
