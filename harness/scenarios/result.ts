/**
 * What a scenario runner returns. Field names are those of results/schema.ts JobResultSchema,
 * so the job process spreads a ScenarioResult into its JobResult.
 */
import type { HistogramEncoding } from '../measure/histogram.js';
import type { Clock, LatencySummaryNs } from '../types.js';
import type { Scheduler } from '../measure/scheduler.js';
import type { FindPeakStep } from '../../results/schema.js';
import type { SummaryLog } from './summary-log.js';

export type { FindPeakStep };

/** VALID/INVALID with reasons and advice, as LoadGen's summary log gives them. */
export interface Validity {
  valid: boolean;
  /** LoadGen's result_validity; UNSCORED for accuracy runs without labels (valid is false then). */
  result?: 'VALID' | 'INVALID' | 'UNSCORED';
  reasons: string[];
  recommendations: string[];
  /**
   * Set when the run was judged with minimums below LoadGen's (scenarios/loadgen-minimums.ts):
   * `relaxed: 2 s, 200 queries; LoadGen requires 600 s, 1024`. A VALID then reads
   * `VALID (relaxed: ...)` on the terminal, in the report and in the LoadGen-style export.
   */
  relaxed?: string;
}

/**
 * LoadGen's detail-log values under LoadGen's own key names (loadgen/results.cc):
 * `result_validity`, `result_<pp.pp>_percentile_latency_ns`, `early_stopping_latency_ss` (single-
 * stream), `early_stopping_latency_ms` (multi-stream), `result_completed_samples_per_sec` and
 * `result_scheduled_samples_per_sec` (server), `result_samples_per_second` (offline). Latencies
 * in ns, rates per second; null where LoadGen would log no estimate (too few queries).
 */
export type LoadGenKeys = Record<string, number | string | boolean | null>;

/** Server: how late the load generator issued queries (issued - scheduled), in ns. */
export interface IssueLatenessNs {
  p50: number;
  p99: number;
  max: number;
  /**
   * p99 of the lateness the queue does not explain: issued - max(scheduled, the last completion
   * seen before the issue). A runtime that blocks the JS thread makes `p99` large and leaves this small.
   */
  unexplainedP99?: number;
}

export interface ScenarioResult {
  status: 'ok' | 'invalid';
  latencyNs: LatencySummaryNs;
  /** Completed samples per second over the measured duration (a batch of b counts b samples). */
  throughputPerS: number;
  /**
   * Completed queries per second over the same duration: equal to throughputPerS when a query
   * is one sample, throughputPerS / b for batches of b (offline) or samplesPerQuery (multi-stream).
   */
  queriesPerS?: number;
  queryCount: number;
  durationNs: number;
  /** Raw latencies in issue order, up to maxSamplesRetained. */
  samplesNs: number[];
  samplesCapped: boolean;
  /** Always present: the HDR histogram of every measured latency. */
  histogramNs: HistogramEncoding;
  /** The scenario's headline metric (LoadGen's "result"); `key` names the LoadGen key it is. */
  metric: { name: string; value: number; unit: string; key?: string };
  validity: Validity;
  loadgen: LoadGenKeys;
  issueLatenessNs?: IssueLatenessNs;
  /** The LoadGen-style human summary log, rendered once from `log` by finishResult. */
  summary: string;
  accuracy?: {
    metric: string;
    value: number;
    reference: number | null;
    ratio: number | null;
    targetRatio: number;
    samples: number;
  };
  findPeak?: { steps: FindPeakStep[]; peakQps: number };
}

/** A result before its summary is rendered: runners adjust validity and log, then finishResult. */
export type ScenarioDraft = Omit<ScenarioResult, 'summary'> & { log: SummaryLog };

/** The injected environment of a runner: real clock and scheduler unless a test passes virtual ones. */
export interface ScenarioEnv {
  clock?: Clock;
  scheduler?: Scheduler;
}
