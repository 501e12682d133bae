/**
 * The settings a scenario runner reads: the measurement and scenario groups of the settings
 * schemas (LoadGen's "user settings -> internal settings" step), with the target percentile
 * resolved per scenario and, with `loadgenStrict`, the minimums raised to LoadGen's
 * (loadgen-minimums.ts). Missing keys take the schemas' defaults, so tests pass only what they change.
 */
import { MEASUREMENT_SETTINGS, SCENARIO_SETTINGS, readSettings, type SettingsInput } from '../config/settings.js';
import type { ScenarioId } from '../types.js';
import { strictSettings } from './loadgen-minimums.js';

const SCENARIO_RUN_SETTINGS = MEASUREMENT_SETTINGS.extend(SCENARIO_SETTINGS.shape);

/** The measurement and scenario settings; `targetLatencyPercentile` is the scenario's own (never 0). */
export type ScenarioSettings = ReturnType<typeof SCENARIO_RUN_SETTINGS.parse>;

/** LoadGen's default target percentiles: single-stream p90, multi-stream and server p99. */
export function defaultPercentile(id: ScenarioId): number {
  return id === 'single-stream' ? 0.9 : 0.99;
}

/** Reads the scenario settings from settings (defaults for missing keys). */
export function scenarioSettings(id: ScenarioId, settings: SettingsInput): ScenarioSettings {
  const s = readSettings(SCENARIO_RUN_SETTINGS, settings);
  const resolved = {
    ...s,
    targetLatencyPercentile: s.targetLatencyPercentile > 0 ? s.targetLatencyPercentile : defaultPercentile(id),
  };
  return s.loadgenStrict ? strictSettings(id, resolved) : resolved;
}
