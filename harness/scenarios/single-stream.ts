/**
 * SingleStream (LoadGen): one sample per query; the next query is issued when the previous one
 * completes. Metric: the target-percentile latency (p90 by default). The run goes on until
 * minDurationMs and max(minQueryCount, the early-stopping minimum) are met.
 */
import { realClock } from '../measure/clock.js';
import { earlyStoppingMinQueries } from '../measure/early-stopping.js';
import type { Feeds, Session } from '../types.js';
import { measureSerial, warmUp, type IssueQuery } from './closed-loop.js';
import { latencyResult } from './latency-result.js';
import type { ScenarioEnv, ScenarioResult } from './result.js';
import type { SampleSource } from './samples.js';
import type { ScenarioSettings } from './scenario-settings.js';

/** Feeds of each single sample, built once so a query allocates nothing. */
export function singleSampleFeeds(samples: SampleSource): Feeds[] {
  return Array.from({ length: samples.count }, (_, i) => samples.feeds([i]));
}

export async function runSingleStream(
  session: Session,
  samples: SampleSource,
  settings: ScenarioSettings,
  env: ScenarioEnv = {},
): Promise<ScenarioResult> {
  const clock = env.clock ?? realClock;
  const feeds = singleSampleFeeds(samples);
  const count = feeds.length;
  const issue: IssueQuery = async (_t0, i) => {
    await session.run(feeds[i % count]!);
    return clock.nowNs();
  };
  await warmUp(clock, settings, issue);
  const minQueries = Math.max(settings.minQueryCount, earlyStoppingMinQueries(settings.targetLatencyPercentile));
  const run = await measureSerial(clock, settings, minQueries, session, feeds);
  return latencyResult('single-stream', run, settings, 1);
}
