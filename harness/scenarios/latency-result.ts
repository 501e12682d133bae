/**
 * Turns a measured run into a ScenarioResult: latency summary, throughput, verdict, metric and
 * the summary log. Shared by every performance scenario so the result fields are built once.
 */
import type { LatencyRecorder } from '../measure/histogram.js';
import type { LatencySummaryNs, ScenarioId } from '../types.js';
import type { ClosedLoopRun } from './closed-loop.js';
import type { ScenarioResult } from './result.js';
import type { ScenarioSettings } from './scenario-settings.js';
import { formatSummary } from './summary-log.js';
import { verdictOf } from './verdict.js';

export interface MeasuredRun {
  scenario: ScenarioId;
  recorder: LatencyRecorder;
  queryCount: number;
  sampleCount: number;
  /** Wall time the throughput is divided by. */
  durationNs: number;
  /** The span checked against minDurationMs (LoadGen: issue span; server: schedule span). */
  verdictDurationNs?: number;
  maxDurationHit: boolean;
  /** What minQueryCount is checked against (offline: samples); default queryCount. */
  verdictQueryCount?: number;
  settings: ScenarioSettings;
  metric: (latency: LatencySummaryNs, throughputPerS: number, recorder: LatencyRecorder) => { name: string; value: number; unit: string };
  extraStats?: Array<[string, string | number]>;
  settingKeys?: Array<keyof ScenarioSettings>;
}

/** Builds the ScenarioResult of a measured run. */
export function buildResult(run: MeasuredRun): ScenarioResult {
  const latencyNs = run.recorder.summary();
  const throughputPerS = run.durationNs > 0 ? (run.sampleCount / run.durationNs) * 1e9 : 0;
  const verdict = verdictOf({
    scenario: run.scenario, settings: run.settings, recorder: run.recorder, queryCount: run.verdictQueryCount ?? run.queryCount,
    durationNs: run.verdictDurationNs ?? run.durationNs, maxDurationHit: run.maxDurationHit,
  });
  const metric = run.metric(latencyNs, throughputPerS, run.recorder);
  const summary = formatSummary({
    scenario: run.scenario, metric, verdict, latencyNs, queryCount: run.queryCount, sampleCount: run.sampleCount,
    durationNs: run.durationNs, throughputPerS, settings: run.settings, extraStats: run.extraStats, settingKeys: run.settingKeys,
  });
  return {
    status: verdict.valid ? 'ok' : 'invalid',
    latencyNs,
    throughputPerS,
    queryCount: run.queryCount,
    durationNs: run.durationNs,
    samplesNs: run.recorder.samplesNs(),
    samplesCapped: run.recorder.capped,
    histogramNs: run.recorder.encode(),
    metric,
    validity: { valid: verdict.valid, reasons: verdict.reasons, recommendations: verdict.recommendations },
    summary,
  };
}

/** The result of a single- or multi-stream run: metric = the target-percentile query latency. */
export function latencyResult(scenario: 'single-stream' | 'multi-stream', run: ClosedLoopRun, settings: ScenarioSettings, samplesPerQuery: number): ScenarioResult {
  const p = settings.targetLatencyPercentile;
  return buildResult({
    scenario,
    recorder: run.recorder,
    queryCount: run.queryCount,
    sampleCount: run.queryCount * samplesPerQuery,
    durationNs: run.durationNs,
    maxDurationHit: run.maxDurationHit,
    settings,
    metric: (_l, _t, recorder) => ({ name: `p${+(p * 100).toFixed(2)} latency`, value: recorder.percentile(p), unit: 'ns' }),
    extraStats: scenario === 'multi-stream' ? [['Samples per query', samplesPerQuery]] : [],
    settingKeys: scenario === 'multi-stream'
      ? ['minDurationMs', 'minQueryCount', 'maxDurationMs', 'warmupQueries', 'warmupMs', 'maxSamplesRetained', 'seed', 'targetLatencyPercentile', 'samplesPerQuery']
      : undefined,
  });
}
