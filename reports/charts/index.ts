/**
 * The charts of a report, in the order they appear. Registered explicitly; each file holds one
 * vega-lite spec.
 */
import type { ChartDef } from './chart.js';
import { accuracyVsTime } from './accuracy-vs-time.js';
import { achievedGflops } from './achieved-gflops.js';
import { coldStart } from './cold-start.js';
import { historyTrend } from './history-trend.js';
import { latencyDistribution } from './latency-distribution.js';
import { runtimeComparison } from './runtime-comparison.js';
import { serverLatencyQps } from './server-latency-qps.js';
import { speedupHeatmap } from './speedup-heatmap.js';
import { trainingScaling } from './training-scaling.js';

export type { ChartDef } from './chart.js';
export { renderSvg } from './render-svg.js';
export {
  accuracyVsTime, achievedGflops, coldStart, historyTrend, latencyDistribution, runtimeComparison, serverLatencyQps, speedupHeatmap, trainingScaling,
};

export const CHARTS: readonly ChartDef[] = [
  speedupHeatmap,
  runtimeComparison,
  latencyDistribution,
  serverLatencyQps,
  coldStart,
  achievedGflops,
  trainingScaling,
  accuracyVsTime,
  historyTrend,
];
