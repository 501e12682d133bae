/**
 * MultiStream (LoadGen): each query carries `samplesPerQuery` samples (8 by default, a camera
 * rig), issued together as separate session runs so the runtime may overlap them; the query
 * completes when its slowest sample does, and the next query is issued then. Metric: the
 * target-percentile (p99) query latency. The run goes on until minDurationMs and
 * max(minQueryCount, the early-stopping minimum: 662 queries at p99) are met.
 */
import { realClock } from '../measure/clock.js';
import { earlyStoppingMinQueries } from '../measure/early-stopping.js';
import type { Session } from '../types.js';
import { measureClosedLoop, warmUp, type IssueQuery } from './closed-loop.js';
import { latencyResult } from './latency-result.js';
import type { ScenarioEnv, ScenarioResult } from './result.js';
import type { SampleSource } from './samples.js';
import type { ScenarioSettings } from './scenario-settings.js';
import { singleSampleFeeds } from './single-stream.js';

export async function runMultiStream(
  session: Session,
  samples: SampleSource,
  settings: ScenarioSettings,
  env: ScenarioEnv = {},
): Promise<ScenarioResult> {
  const clock = env.clock ?? realClock;
  const feeds = singleSampleFeeds(samples);
  const count = feeds.length;
  const perQuery = settings.samplesPerQuery;
  const runs: Array<Promise<bigint>> = new Array(perQuery);
  const issue: IssueQuery = async (_t0, q) => {
    for (let j = 0; j < perQuery; j++) {
      runs[j] = session.run(feeds[(q * perQuery + j) % count]!).then(() => clock.nowNs());
    }
    const ends = await Promise.all(runs);
    // The query's latency is its slowest sample's.
    let last = ends[0]!;
    for (const end of ends) if (end > last) last = end;
    return last;
  };
  await warmUp(clock, settings, issue);
  const minQueries = Math.max(settings.minQueryCount, earlyStoppingMinQueries(settings.targetLatencyPercentile));
  const run = await measureClosedLoop(clock, settings, minQueries, issue);
  return latencyResult('multi-stream', run, settings, perQuery);
}
