/** The measuring core: clocks, schedulers, latency recording, percentiles, early stopping, metrics. Pure: no I/O. */
export { realClock, VirtualClock } from './clock.js';
export type { HostWaits, Scheduler } from './scheduler.js';
export { createRealScheduler, nodeWaits, VirtualScheduler } from './scheduler.js';
export type { HistogramEncoding } from './histogram.js';
export { LatencyRecorder, decodeHistogram } from './histogram.js';
export { percentileRank, percentileSorted, latencySummary, sortedCopy, summarize, median } from './percentiles.js';
export {
  EARLY_STOPPING_CONFIDENCE,
  allowedOverlatencyCount,
  minQueriesForOverlatency,
  earlyStoppingMinQueries,
  earlyStoppingEstimate,
} from './early-stopping.js';
export { rocAuc, logLoss, argmaxRows, top1Accuracy, olympicMean } from './metrics.js';
export type { Rng } from './random.js';
export { createRng, exponential, normal, fnv1a, deriveSeed } from './random.js';
