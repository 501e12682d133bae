/**
 * Turns a measured run into a ScenarioResult: latency summary, throughput, verdict, the headline
 * metric as LoadGen defines it, LoadGen's detail keys and the summary log. Shared by every
 * performance scenario so the result fields are built once.
 *
 * Headline metrics (MLPerf Inference since v2.0, loadgen/results.cc):
 * - SingleStream: the early-stopping estimate of the p90 latency (`early_stopping_latency_ss`);
 * - MultiStream: the early-stopping estimate of the p99 latency (`early_stopping_latency_ms`);
 * - Server: completed samples per second (`result_completed_samples_per_sec`), beside the
 *   scheduled rate, VALID only when the p99 latency is within the bound;
 * - Offline: samples per second (`result_samples_per_second`).
 * The plain percentiles stay beside them (`result_90.00_percentile_latency_ns`, ...).
 */
import type { LatencyRecorder } from '../measure/histogram.js';
import type { LatencySummaryNs, ScenarioId } from '../types.js';
import type { ClosedLoopRun } from './closed-loop.js';
import type { LoadGenKeys, ScenarioDraft, ScenarioResult } from './result.js';
import type { ScenarioSettings } from './scenario-settings.js';
import { renderSummary, type SummaryEntry, type SummaryLog } from './summary-log.js';
import { verdictOf, type Verdict } from './verdict.js';
import { relaxedNote } from './loadgen-minimums.js';

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
  /** Server: the rate queries were scheduled at (samples/s). */
  scheduledPerS?: number;
  settings: ScenarioSettings;
  extraStats?: SummaryEntry[];
  settingKeys?: Array<keyof ScenarioSettings>;
}

/** The settings that set a run's length, first in every scenario's detail log parameters. */
export const RUN_LENGTH_KEYS: ReadonlyArray<keyof ScenarioSettings> = [
  'minDurationMs',
  'minQueryCount',
  'maxDurationMs',
  'warmupQueries',
  'warmupMs',
  'maxSamplesRetained',
];

const BASE_KEYS: Array<keyof ScenarioSettings> = [...RUN_LENGTH_KEYS, 'seed', 'targetLatencyPercentile'];

/** LoadGen's name for a percentile latency key: 0.9 -> `result_90.00_percentile_latency_ns`. */
export function percentileKey(p: number): string {
  return `result_${(p * 100).toFixed(2)}_percentile_latency_ns`;
}

const pLabel = (p: number) => `p${+(p * 100).toFixed(2)}`;

/** LoadGen's detail keys of a run (see the module comment). */
function loadgenKeys(
  run: MeasuredRun,
  verdict: Verdict,
  latencyNs: LatencySummaryNs,
  completedPerS: number,
): LoadGenKeys {
  const p = run.settings.targetLatencyPercentile;
  const keys: LoadGenKeys = {
    result_validity: verdict.valid ? 'VALID' : 'INVALID',
    result_perf_constraints_met: verdict.checks.latencyBound ?? true,
    result_min_duration_met: verdict.checks.minDuration,
    result_min_queries_met: verdict.checks.minQueries,
    early_stopping_met: verdict.checks.earlyStopping,
    result_min_latency_ns: latencyNs.min,
    result_max_latency_ns: latencyNs.max,
    result_mean_latency_ns: latencyNs.mean,
    [percentileKey(0.5)]: latencyNs.p50,
    [percentileKey(0.9)]: latencyNs.p90,
    [percentileKey(0.95)]: latencyNs.p95,
    [percentileKey(0.97)]: latencyNs.p97,
    [percentileKey(0.99)]: latencyNs.p99,
    [percentileKey(0.999)]: latencyNs.p999,
  };
  keys[percentileKey(p)] ??= run.recorder.percentile(p);
  switch (run.scenario) {
    case 'single-stream':
      keys.early_stopping_latency_ss = verdict.earlyStoppingEstimateNs;
      break;
    case 'multi-stream':
      keys.early_stopping_latency_ms = verdict.earlyStoppingEstimateNs;
      break;
    case 'server':
      keys.result_completed_samples_per_sec = completedPerS;
      keys.result_scheduled_samples_per_sec = run.scheduledPerS ?? null;
      break;
    case 'offline':
      keys.result_samples_per_second = completedPerS;
      break;
    case 'accuracy':
      break;
  }
  return keys;
}

/** The headline metric and the LoadGen key it comes from; latency estimates fall back to the plain percentile when too few queries ran. */
function headlineOf(run: MeasuredRun, keys: LoadGenKeys): ScenarioResult['metric'] {
  const p = run.settings.targetLatencyPercentile;
  const esKey = run.scenario === 'single-stream' ? 'early_stopping_latency_ss' : 'early_stopping_latency_ms';
  switch (run.scenario) {
    case 'single-stream':
    case 'multi-stream':
      return typeof keys[esKey] === 'number'
        ? { name: `${pLabel(p)} latency (early stopping)`, value: keys[esKey], unit: 'ns', key: esKey }
        : { name: `${pLabel(p)} latency`, value: Number(keys[percentileKey(p)]), unit: 'ns', key: percentileKey(p) };
    case 'server':
      return {
        name: 'completed samples per second',
        value: Number(keys.result_completed_samples_per_sec),
        unit: 'samples/s',
        key: 'result_completed_samples_per_sec',
      };
    default:
      return {
        name: 'samples per second',
        value: Number(keys.result_samples_per_second ?? 0),
        unit: 'samples/s',
        key: 'result_samples_per_second',
      };
  }
}

/** The values printed beside the headline in the summary log. */
function besideHeadline(run: MeasuredRun, keys: LoadGenKeys): SummaryEntry[] {
  const p = run.settings.targetLatencyPercentile;
  const n = (k: string) => (typeof keys[k] === 'number' ? Math.round(keys[k] as number) : 'n/a (too few queries)');
  switch (run.scenario) {
    case 'single-stream':
    case 'multi-stream':
      return [
        [
          `${pLabel(p)} latency, early-stopping estimate (ns) [${run.scenario === 'single-stream' ? 'early_stopping_latency_ss' : 'early_stopping_latency_ms'}]`,
          n(run.scenario === 'single-stream' ? 'early_stopping_latency_ss' : 'early_stopping_latency_ms'),
        ],
        [`${pLabel(p)} latency, plain (ns) [${percentileKey(p)}]`, n(percentileKey(p))],
      ];
    case 'server':
      return [
        [
          'Completed samples per second [result_completed_samples_per_sec]',
          Number(keys.result_completed_samples_per_sec),
        ],
        [
          'Scheduled samples per second [result_scheduled_samples_per_sec]',
          Number(keys.result_scheduled_samples_per_sec ?? 0),
        ],
        [`${pLabel(p)} latency (ns) [${percentileKey(p)}]`, n(percentileKey(p))],
      ];
    default:
      return [['Samples per second [result_samples_per_second]', Number(keys.result_samples_per_second ?? 0)]];
  }
}

/** Builds the draft result of a measured run (finishResult renders its summary). */
export function measuredDraft(run: MeasuredRun): ScenarioDraft {
  const latencyNs = run.recorder.summary();
  const throughputPerS = run.durationNs > 0 ? (run.sampleCount / run.durationNs) * 1e9 : 0;
  const queriesPerS = run.durationNs > 0 ? (run.queryCount / run.durationNs) * 1e9 : 0;
  const verdict = verdictOf({
    scenario: run.scenario,
    settings: run.settings,
    recorder: run.recorder,
    queryCount: run.verdictQueryCount ?? run.queryCount,
    durationNs: run.verdictDurationNs ?? run.durationNs,
    maxDurationHit: run.maxDurationHit,
    completedPerS: throughputPerS,
    scheduledPerS: run.scheduledPerS,
  });
  const loadgen = loadgenKeys(run, verdict, latencyNs, throughputPerS);
  const relaxed = relaxedNote(run.scenario, run.settings);
  const log: SummaryLog = {
    scenario: run.scenario,
    mode: 'PerformanceOnly',
    results: besideHeadline(run, loadgen),
    checks: [
      ...(verdict.checks.latencyBound !== null
        ? [['Performance constraints satisfied', verdict.checks.latencyBound] as [string, boolean]]
        : []),
      ['Min duration satisfied', verdict.checks.minDuration],
      ['Min queries satisfied', verdict.checks.minQueries],
      ['Early stopping satisfied', verdict.checks.earlyStopping],
    ],
    earlyStoppingLines: verdict.earlyStoppingLines,
    stats: [
      ['Queries', run.queryCount],
      ['Samples', run.sampleCount],
      ['Duration (ms)', run.durationNs / 1e6],
      ['Completed samples per second', throughputPerS],
      ...(run.sampleCount !== run.queryCount
        ? [['Completed queries per second', queriesPerS] as [string, number]]
        : []),
      ...(run.extraStats ?? []),
    ],
    latencyNs,
    parameters: (run.settingKeys ?? BASE_KEYS).map((key) => [key, String(run.settings[key])]),
    sections: [],
  };
  return {
    status: verdict.valid ? 'ok' : 'invalid',
    latencyNs,
    throughputPerS,
    queriesPerS,
    queryCount: run.queryCount,
    durationNs: run.durationNs,
    samplesNs: run.recorder.samplesNs(),
    samplesCapped: run.recorder.capped,
    histogramNs: run.recorder.encode(),
    metric: headlineOf(run, loadgen),
    validity: {
      valid: verdict.valid,
      result: verdict.valid ? 'VALID' : 'INVALID',
      reasons: verdict.reasons,
      recommendations: verdict.recommendations,
      ...(relaxed ? { relaxed } : {}),
    },
    loadgen,
    log,
  };
}

/** Renders the summary log once, from the draft's log and final validity (result_validity follows it). */
export function finishResult(draft: ScenarioDraft): ScenarioResult {
  const { log, ...result } = draft;
  const label = draft.validity.result ?? (draft.validity.valid ? 'VALID' : 'INVALID');
  return {
    ...result,
    loadgen: { ...result.loadgen, result_validity: label },
    summary: renderSummary(log, draft.validity),
  };
}

/** measuredDraft + finishResult, for runners that change nothing in between. */
export function buildResult(run: MeasuredRun): ScenarioResult {
  return finishResult(measuredDraft(run));
}

/** The result of a single- or multi-stream run. */
export function latencyResult(
  scenario: 'single-stream' | 'multi-stream',
  run: ClosedLoopRun,
  settings: ScenarioSettings,
  samplesPerQuery: number,
): ScenarioResult {
  return buildResult({
    scenario,
    recorder: run.recorder,
    queryCount: run.queryCount,
    sampleCount: run.queryCount * samplesPerQuery,
    durationNs: run.durationNs,
    maxDurationHit: run.maxDurationHit,
    settings,
    extraStats: scenario === 'multi-stream' ? [['Samples per query', samplesPerQuery]] : [],
    settingKeys: scenario === 'multi-stream' ? [...BASE_KEYS, 'samplesPerQuery'] : undefined,
  });
}
