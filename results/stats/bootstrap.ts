/**
 * Bootstrap confidence interval of a ratio of quantiles (candidate / baseline), seeded.
 *
 * Method: percentile bootstrap with B resamples. Each side is resampled with replacement
 * independently, the quantile of each resample is taken by the project's one rule
 * (`sorted[floor(n p)]`), and the 2.5% and 97.5% quantiles of the B ratios form the 95% CI.
 *
 * Why not resample literally: a latency sample has up to 100,000 observations, and B resamples
 * of it would cost B * n work per metric. We use an exact shortcut instead. Resampling n values
 * with replacement from the sorted sample means drawing n indices uniformly from {0..n-1}; the
 * k-th smallest resampled value is the sorted value at the k-th smallest index, and the k-th
 * smallest of n uniform indices has the law of floor(n * B_k) with B_k ~ Beta(k, n + 1 - k)
 * (order statistics of continuous uniforms, mapped through the monotone floor). So one Beta draw
 * gives the resample's quantile exactly in distribution, at O(log n) cost.
 */
import { createRng } from './random.js';
import { cumulativeCounts, quantile, valueAtRank, type WeightedSample } from './weighted-sample.js';

export interface RatioInterval {
  /** Point estimate: quantile(candidate) / quantile(baseline). */
  ratio: number;
  /** Lower and upper bounds of the CI (null when a side has fewer than 2 observations). */
  low: number | null;
  high: number | null;
  level: number;
  resamples: number;
}

export interface BootstrapOptions {
  /** Quantile compared, e.g. 0.5 for medians. */
  p: number;
  seed: number;
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

/** One bootstrap draw of the `p` quantile of `sample` (see the file comment for the method). */
function makeQuantileDrawer(sample: WeightedSample, p: number, rng: ReturnType<typeof createRng>): () => number {
  const cum = cumulativeCounts(sample);
  const n = sample.n;
  const k = Math.min(n - 1, Math.floor(n * p)) + 1; // 1-based order statistic
  return () => {
    const u = rng.beta(k, n + 1 - k);
    const rank = Math.min(n - 1, Math.floor(n * u));
    return valueAtRank(sample, cum, rank);
  };
}

/** Seeded percentile-bootstrap CI of quantile(candidate, p) / quantile(baseline, p). */
export function bootstrapRatioCi(baseline: WeightedSample, candidate: WeightedSample, options: BootstrapOptions): RatioInterval {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const ratio = quantile(candidate, options.p) / quantile(baseline, options.p);
  if (baseline.n < 2 || candidate.n < 2) return { ratio, low: null, high: null, level, resamples: 0 };
  const rng = createRng(options.seed);
  const drawBase = makeQuantileDrawer(baseline, options.p, rng);
  const drawCand = makeQuantileDrawer(candidate, options.p, rng);
  const ratios = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) ratios[i] = drawCand() / drawBase();
  ratios.sort();
  const tail = (1 - level) / 2;
  const at = (q: number) => ratios[Math.min(resamples - 1, Math.max(0, Math.floor(resamples * q)))]!;
  return { ratio, low: at(tail), high: at(1 - tail), level, resamples };
}
