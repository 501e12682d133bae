/** Statistics for compare and the CI gate: run-level permutation test and interval, noise, multiple-testing correction. */
export { holmAdjust } from './holm.js';
export { latencySampleOf, type LatencyFields, type LatencySample } from './latency-sample.js';
export {
  permutationTest, logRatioInterval, runCv, pooledCv, minimumDetectableEffect, runsNeeded, minimumPValue, minimumPerSide, EXACT_MAX_SPLITS,
  type PermutationResult, type RatioCi,
} from './run-level.js';
export { createRng, type Rng } from './random.js';
export {
  fromValues, fromHdrBase64, pool, quantile, cumulativeCounts, valueAtRank, type WeightedSample,
} from './weighted-sample.js';
