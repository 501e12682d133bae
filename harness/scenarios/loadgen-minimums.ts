/**
 * LoadGen's own minimums per scenario, as the MLPerf Inference rules and loadgen/mlperf.conf set
 * them: min_duration 600 s in every scenario; at least 1,024 queries (SingleStream), 662
 * (MultiStream, mlperf.conf), 270,336 (Server) and 24,576 samples (Offline: resnet50's
 * min_query_count in mlperf.conf; Offline counts samples, and the figure is per model there).
 *
 * mlbench's defaults are far shorter (2 s, 200 queries), so a VALID judged with them is not
 * LoadGen's VALID: `relaxedNote` says so in words, and `loadgenStrict` raises the settings to
 * these minimums. Pure: no I/O.
 */
import type { ScenarioId } from '../types.js';
import type { ScenarioSettings } from './scenario-settings.js';

export interface LoadGenMinimums {
  minDurationMs: number;
  /** Queries (Offline: samples). */
  minQueryCount: number;
}

export const LOADGEN_MINIMUMS: Partial<Record<ScenarioId, LoadGenMinimums>> = {
  'single-stream': { minDurationMs: 600_000, minQueryCount: 1024 },
  'multi-stream': { minDurationMs: 600_000, minQueryCount: 662 },
  server: { minDurationMs: 600_000, minQueryCount: 270_336 },
  offline: { minDurationMs: 600_000, minQueryCount: 24_576 },
};

const seconds = (ms: number) => `${+(ms / 1000).toPrecision(3)} s`;

/**
 * `relaxed: 2 s, 200 queries; LoadGen requires 600 s, 1024` when the settings are below LoadGen's
 * minimums for the scenario; null when they meet them (or the scenario has none, e.g. accuracy).
 */
export function relaxedNote(
  scenario: ScenarioId,
  settings: Pick<ScenarioSettings, 'minDurationMs' | 'minQueryCount'>,
): string | null {
  const min = LOADGEN_MINIMUMS[scenario];
  if (!min || (settings.minDurationMs >= min.minDurationMs && settings.minQueryCount >= min.minQueryCount)) return null;
  const unit = scenario === 'offline' ? 'samples' : 'queries';
  return `relaxed: ${seconds(settings.minDurationMs)}, ${settings.minQueryCount} ${unit}; LoadGen requires ${seconds(min.minDurationMs)}, ${min.minQueryCount}`;
}

/** The settings raised to LoadGen's minimums (maxDurationMs raised to fit them); unchanged where none apply. */
export function strictSettings<S extends Pick<ScenarioSettings, 'minDurationMs' | 'minQueryCount' | 'maxDurationMs'>>(
  scenario: ScenarioId,
  settings: S,
): S {
  const min = LOADGEN_MINIMUMS[scenario];
  if (!min) return settings;
  const minDurationMs = Math.max(settings.minDurationMs, min.minDurationMs);
  return {
    ...settings,
    minDurationMs,
    minQueryCount: Math.max(settings.minQueryCount, min.minQueryCount),
    maxDurationMs: Math.max(settings.maxDurationMs, 2 * minDurationMs),
  };
}
