/**
 * Scenarios: the one exhaustive dispatch from a ScenarioId to its runner (LoadGen's fixed enum
 * with one dispatch point), and the public names of the scenario folder.
 */
import { realClock } from '../measure/clock.js';
import { createRealScheduler } from '../measure/scheduler.js';
import type { Clock, ScenarioId, Session, SettingsInput } from '../types.js';
import type { Scheduler } from '../measure/scheduler.js';
import { runAccuracy } from './accuracy.js';
import { runMultiStream } from './multi-stream.js';
import { runOffline } from './offline.js';
import type { ScenarioResult } from './result.js';
import type { SampleSource } from './samples.js';
import { scenarioSettings } from './scenario-settings.js';
import { runServerFindPeak } from './find-peak.js';
import { runServer } from './server.js';
import { runSingleStream } from './single-stream.js';

/**
 * Runs one scenario on a loaded session: warm-up, then measurement under LoadGen's rules.
 * `settings` may be any subset (the settings schemas fill the rest); `env` injects the clock and
 * scheduler (virtual ones in tests; real ones by default).
 */
export async function runScenario(
  id: ScenarioId,
  session: Session,
  samples: SampleSource,
  settings: SettingsInput,
  env?: { clock?: Clock; scheduler?: Scheduler },
): Promise<ScenarioResult> {
  const clock = env?.clock ?? env?.scheduler?.clock ?? realClock;
  const scheduler = env?.scheduler ?? createRealScheduler(clock);
  const resolved = scenarioSettings(id, settings);
  const e = { clock, scheduler };
  switch (id) {
    case 'single-stream':
      return runSingleStream(session, samples, resolved, e);
    case 'multi-stream':
      return runMultiStream(session, samples, resolved, e);
    case 'server':
      return resolved.findPeak
        ? runServerFindPeak(session, samples, resolved, e)
        : runServer(session, samples, resolved, e);
    case 'offline':
      return runOffline(session, samples, resolved, e);
    case 'accuracy':
      return runAccuracy(session, samples, resolved, e);
    default: {
      const never: never = id;
      throw new Error(`unknown scenario ${String(never)}`);
    }
  }
}

export type { ScenarioResult, ScenarioEnv, Validity, FindPeakStep, LoadGenKeys, IssueLatenessNs } from './result.js';
export type { SampleSource, AccuracyTarget, AccuracyMetricName, ArraySamplesOptions } from './samples.js';
export { randomSamples, arraySamples } from './samples.js';
export type { ScenarioSettings } from './scenario-settings.js';
export { scenarioSettings, defaultPercentile } from './scenario-settings.js';
export { runSingleStream } from './single-stream.js';
export { runMultiStream } from './multi-stream.js';
export { runServer } from './server.js';
export { runServerFindPeak } from './find-peak.js';
export { runOffline } from './offline.js';
export { runAccuracy } from './accuracy.js';
export { verdictOf } from './verdict.js';
export { renderSummary } from './summary-log.js';
export type { SummaryLog, SummaryEntry } from './summary-log.js';
export { poissonSchedule, scheduledOffsetsNs, idealFifoLatenciesNs } from './server-schedule.js';
export { percentileKey } from './latency-result.js';
