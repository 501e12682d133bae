/**
 * The settings a scenario runner reads, normalised from the flat resolved settings (LoadGen's
 * "user settings -> internal settings" step). Missing keys fall back to the settings table's
 * defaults, so tests can pass only what they change.
 */
import { defaultSettings } from '../config/settings.js';
import type { ResolvedSettings, ScenarioId } from '../types.js';

export interface ScenarioSettings {
  warmupQueries: number;
  warmupMs: number;
  minDurationMs: number;
  minQueryCount: number;
  maxDurationMs: number;
  maxSamplesRetained: number;
  seed: number;
  targetQps: number;
  latencyBoundNs: number;
  /** The percentile of the headline latency metric and of early stopping, resolved per scenario. */
  targetLatencyPercentile: number;
  samplesPerQuery: number;
  batchSize: number;
  findPeak: boolean;
  findPeakMaxSteps: number;
  findPeakTolerancePct: number;
  accuracyTargetRatio: number;
}

/** LoadGen's default target percentiles: single-stream p90, multi-stream and server p99. */
export function defaultPercentile(id: ScenarioId): number {
  return id === 'single-stream' ? 0.9 : 0.99;
}

/** Reads the scenario settings from resolved settings (defaults for missing keys). */
export function scenarioSettings(id: ScenarioId, settings: ResolvedSettings): ScenarioSettings {
  const s = { ...defaultSettings(), ...settings };
  const num = (key: string) => Number(s[key]);
  const percentile = num('targetLatencyPercentile');
  return {
    warmupQueries: num('warmupQueries'),
    warmupMs: num('warmupMs'),
    minDurationMs: num('minDurationMs'),
    minQueryCount: num('minQueryCount'),
    maxDurationMs: num('maxDurationMs'),
    maxSamplesRetained: num('maxSamplesRetained'),
    seed: num('seed'),
    targetQps: num('targetQps'),
    latencyBoundNs: num('latencyBoundNs'),
    targetLatencyPercentile: percentile > 0 ? percentile : defaultPercentile(id),
    samplesPerQuery: num('samplesPerQuery'),
    batchSize: num('batchSize'),
    findPeak: s['findPeak'] === true || s['findPeak'] === 'true',
    findPeakMaxSteps: num('findPeakMaxSteps'),
    findPeakTolerancePct: num('findPeakTolerancePct'),
    accuracyTargetRatio: num('accuracyTargetRatio'),
  };
}
