/**
 * Offline (LoadGen): throughput of a batch job. Samples go to the session in batches of
 * `batchSize` back to back, until minDurationMs has passed and at least minQueryCount samples
 * are done (LoadGen counts Offline's minimum in samples). Metric: samples per second = samples
 * / wall time from the first batch issued to the last completed. Each batch's latency is
 * recorded too.
 */
import { realClock } from '../measure/clock.js';
import type { Feeds, Session } from '../types.js';
import { measureClosedLoop, warmUp, type IssueQuery } from './closed-loop.js';
import { buildResult, RUN_LENGTH_KEYS } from './latency-result.js';
import type { ScenarioEnv, ScenarioResult } from './result.js';
import type { SampleSource } from './samples.js';
import type { ScenarioSettings } from './scenario-settings.js';

/** The distinct batches cycled through: batch b holds samples b*batchSize ... (mod count). */
function batchFeeds(samples: SampleSource, batchSize: number): Feeds[] {
  const n = Math.max(1, Math.ceil(samples.count / batchSize));
  return Array.from({ length: n }, (_, b) =>
    samples.feeds(Array.from({ length: batchSize }, (_, k) => (b * batchSize + k) % samples.count)),
  );
}

export async function runOffline(
  session: Session,
  samples: SampleSource,
  settings: ScenarioSettings,
  env: ScenarioEnv = {},
): Promise<ScenarioResult> {
  const clock = env.clock ?? realClock;
  const batchSize = settings.batchSize;
  const batches = batchFeeds(samples, batchSize);
  const issue: IssueQuery = async (_t0, q) => {
    await session.run(batches[q % batches.length]!);
    return clock.nowNs();
  };
  await warmUp(clock, { ...settings, warmupQueries: Math.ceil(settings.warmupQueries / batchSize) }, issue);
  const run = await measureClosedLoop(clock, settings, Math.ceil(settings.minQueryCount / batchSize), issue);
  const sampleCount = run.queryCount * batchSize;
  return buildResult({
    scenario: 'offline',
    recorder: run.recorder,
    queryCount: run.queryCount,
    sampleCount,
    verdictQueryCount: sampleCount,
    durationNs: run.durationNs,
    maxDurationHit: run.maxDurationHit,
    settings,
    extraStats: [
      ['Batch size', batchSize],
      ['Batches', run.queryCount],
    ],
    settingKeys: [...RUN_LENGTH_KEYS, 'batchSize'],
  });
}
