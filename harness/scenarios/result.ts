/**
 * What a scenario runner returns. Field names are those of results/schema.ts JobResultSchema,
 * so the job process spreads a ScenarioResult into its JobResult.
 */
import type { HistogramEncoding } from '../measure/histogram.js';
import type { Clock, LatencySummaryNs } from '../types.js';
import type { Scheduler } from '../measure/scheduler.js';
import type { FindPeakStep } from '../../results/schema.js';

export type { FindPeakStep };

/** VALID/INVALID with reasons and advice, as LoadGen's summary log gives them. */
export interface Validity {
  valid: boolean;
  reasons: string[];
  recommendations: string[];
}


export interface ScenarioResult {
  status: 'ok' | 'invalid';
  latencyNs: LatencySummaryNs;
  /** Completed samples per second over the measured duration. */
  throughputPerS: number;
  queryCount: number;
  durationNs: number;
  /** Raw latencies in issue order, up to maxSamplesRetained. */
  samplesNs: number[];
  samplesCapped: boolean;
  /** Always present: the HDR histogram of every measured latency. */
  histogramNs: HistogramEncoding;
  /** The scenario's headline metric (LoadGen's "result"). */
  metric: { name: string; value: number; unit: string };
  validity: Validity;
  /** The LoadGen-style human summary log. */
  summary: string;
  accuracy?: { metric: string; value: number; reference: number | null; ratio: number | null; targetRatio: number; samples: number };
  findPeak?: { steps: FindPeakStep[]; peakQps: number };
}

/** The injected environment of a runner: real clock and scheduler unless a test passes virtual ones. */
export interface ScenarioEnv {
  clock?: Clock;
  scheduler?: Scheduler;
}
