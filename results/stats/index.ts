/** Statistics for compare and the CI gate: the rank-based shift (estimate, CI, test), exact counts test, noise, multiple-testing correction. */
export { holmAdjust } from './holm.js';
export { latencySampleOf, type LatencyFields, type LatencySample } from './latency-sample.js';
export {
  rankShift,
  rankCiDepth,
  mannWhitneyTest,
  mannWhitneyNull,
  robustLogScale,
  minimumDetectableShift,
  runsForShift,
  EXACT_MAX_RUNS,
  type RankShift,
  type PlanningInput,
} from './rank-shift.js';
export { fisherExact } from './fisher.js';
export { binomialInterval, type Proportion } from './binomial.js';
export { createRng, type Rng } from './random.js';
export {
  fromValues,
  fromHdrBase64,
  pool,
  quantile,
  cumulativeCounts,
  valueAtRank,
  type WeightedSample,
} from './weighted-sample.js';
