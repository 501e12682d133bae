/**
 * The charts of a report, in the order they appear, and their contract. Registered explicitly;
 * each file holds one vega-lite spec. A chart that finds no data returns null and is left out of
 * the report rather than drawn empty.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportJob } from '../model.js';
import { accuracyVsTime } from './accuracy-vs-time.js';
import { achievedGflops } from './achieved-gflops.js';
import { coldStart } from './cold-start.js';
import { crossover } from './crossover.js';
import { historyTrend } from './history-trend.js';
import { latencyDistribution } from './latency-distribution.js';
import { runtimeComparison } from './runtime-comparison.js';
import { serverLatencyQps } from './server-latency-qps.js';
import { speedupHeatmap } from './speedup-heatmap.js';
import { tokenLatency } from './token-latency.js';
import { trainingScaling } from './training-scaling.js';

export { renderSvg } from './render-svg.js';
export {
  accuracyVsTime,
  achievedGflops,
  coldStart,
  crossover,
  historyTrend,
  latencyDistribution,
  runtimeComparison,
  serverLatencyQps,
  speedupHeatmap,
  tokenLatency,
  trainingScaling,
};

export interface ChartDef {
  /** kebab-case; the file stem of `charts/<suite>-<id>.svg`. */
  id: string;
  title: string;
  /** One or two sentences for the report: what is plotted and how it was computed. */
  description: string;
  /** The vega-lite spec for these jobs (one suite's), or null when they hold no data for it. */
  spec(jobs: ReportJob[]): TopLevelSpec | null;
}

export const CHARTS: readonly ChartDef[] = [
  speedupHeatmap,
  runtimeComparison,
  crossover,
  latencyDistribution,
  serverLatencyQps,
  tokenLatency,
  coldStart,
  achievedGflops,
  trainingScaling,
  accuracyVsTime,
  historyTrend,
];
