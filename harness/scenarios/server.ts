/**
 * Server (LoadGen): one sample per query, Poisson arrivals at `targetQps` (seeded exponential
 * inter-arrival times), issued asynchronously at their scheduled instants whether or not earlier
 * queries are done, so several can be in flight. A query's latency runs from its scheduled
 * instant to its completion, so falling behind shows up as latency (no coordinated omission).
 * Queries are generated until the schedule reaches minDurationMs and the count reaches
 * max(minQueryCount, the early-stopping minimum); issuing stops early at maxDurationMs.
 * Metric: completed samples per second; VALID only if the p99 latency <= latencyBoundNs and the
 * early-stopping test on the over-bound count passes.
 *
 * Our own loop, not tinybench: tinybench runs iterations back to back (or with a fixed
 * concurrency); it has no notion of a schedule of arrivals.
 */
import { minQueriesForOverlatency } from '../measure/early-stopping.js';
import { LatencyRecorder } from '../measure/histogram.js';
import { createRng, exponential } from '../measure/random.js';
import { createRealScheduler, type Scheduler } from '../measure/scheduler.js';
import type { Session } from '../types.js';
import { warmUp, type IssueQuery } from './closed-loop.js';
import { buildResult } from './latency-result.js';
import type { ScenarioEnv, ScenarioResult } from './result.js';
import type { SampleSource } from './samples.js';
import type { ScenarioSettings } from './scenario-settings.js';
import { singleSampleFeeds } from './single-stream.js';


interface ServerOptions {
  /** Skip the warm-up (find-peak warms up once for all its runs). */
  skipWarmUp?: boolean;
}

/** Serial single-sample queries for warm-up (and find-peak's first capacity estimate). */
export function serialIssue(session: Session, samples: SampleSource, scheduler: Scheduler): IssueQuery {
  const feeds = singleSampleFeeds(samples);
  return async (_t0, i) => {
    await session.run(feeds[i % feeds.length]!);
    return scheduler.clock.nowNs();
  };
}

export async function runServer(session: Session, samples: SampleSource, settings: ScenarioSettings, env: ScenarioEnv = {}, options: ServerOptions = {}): Promise<ScenarioResult> {
  const scheduler = env.scheduler ?? createRealScheduler(env.clock);
  const clock = scheduler.clock;
  if (!options.skipWarmUp) await warmUp(clock, settings, serialIssue(session, samples, scheduler));

  const feeds = singleSampleFeeds(samples);
  const count = feeds.length;
  const recorder = new LatencyRecorder(settings.maxSamplesRetained, settings.latencyBoundNs);
  // How late the load generator itself issued each query (histogram only): it counts as latency.
  const lateness = new LatencyRecorder(0);
  const rng = createRng(settings.seed);
  const meanGapNs = 1e9 / settings.targetQps;
  const minQueries = Math.max(settings.minQueryCount, minQueriesForOverlatency(0, settings.targetLatencyPercentile));
  const minDurationNs = settings.minDurationMs * 1e6;
  const maxDurationNs = BigInt(Math.round(settings.maxDurationMs * 1e6));

  let issued = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let failure: unknown;
  let offsetNs = 0;
  let lastScheduledOffsetNs = 0;
  let maxDurationHit = false;
  let onIdle: (() => void) | null = null;
  const start = clock.nowNs();
  let lastEnd = start;

  const complete = (scheduledNs: bigint) => () => {
    const end = clock.nowNs();
    recorder.record(Number(end - scheduledNs));
    if (end > lastEnd) lastEnd = end;
    if (--inFlight === 0 && onIdle) onIdle();
  };
  const fail = (err: unknown) => {
    failure ??= err;
    if (--inFlight === 0 && onIdle) onIdle();
  };

  for (;;) {
    if (issued >= minQueries && lastScheduledOffsetNs >= minDurationNs) break;
    if (clock.nowNs() - start >= maxDurationNs) {
      maxDurationHit = true;
      break;
    }
    offsetNs += exponential(rng, 1) * meanGapNs;
    const scheduledNs = start + BigInt(Math.round(offsetNs));
    await scheduler.waitUntilNs(scheduledNs);
    if (failure !== undefined) break;
    lastScheduledOffsetNs = offsetNs;
    lateness.record(Number(clock.nowNs() - scheduledNs));
    inFlight++;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    session.run(feeds[issued % count]!).then(complete(scheduledNs), fail);
    issued++;
  }
  if (inFlight > 0) await new Promise<void>((resolve) => { onIdle = resolve; });
  if (failure !== undefined) throw failure;

  const durationNs = Number(lastEnd - start);
  const latenessP99Ns = lateness.count ? lateness.percentile(0.99) : 0;
  const result = buildResult({
    scenario: 'server',
    recorder,
    queryCount: issued,
    sampleCount: issued,
    durationNs,
    verdictDurationNs: lastScheduledOffsetNs,
    maxDurationHit,
    settings,
    metric: (_l, throughputPerS) => ({ name: 'completed samples per second', value: throughputPerS, unit: 'samples/s' }),
    extraStats: [
      ['Target QPS', settings.targetQps],
      ['Scheduled samples per second', lastScheduledOffsetNs > 0 ? (issued / lastScheduledOffsetNs) * 1e9 : 0],
      ['Max queries in flight', maxInFlight],
      ['Queries over latencyBoundNs', recorder.overBoundCount],
      ['Issue lateness p99 (ns)', Math.round(latenessP99Ns)],
      ['Issue lateness max (ns)', Math.round(lateness.count ? lateness.percentile(1) : 0)],
    ],
    settingKeys: ['minDurationMs', 'minQueryCount', 'maxDurationMs', 'warmupQueries', 'warmupMs', 'maxSamplesRetained', 'seed', 'targetQps', 'latencyBoundNs', 'targetLatencyPercentile'],
  });
  if (!result.validity.valid && latenessP99Ns > settings.latencyBoundNs / 4) {
    const advice = `the load generator itself issued queries late (p99 ${(latenessP99Ns / 1e6).toFixed(1)} ms after schedule): the machine is busy; rerun on a quieter machine or raise latencyBoundNs`;
    result.validity.recommendations.push(advice);
    result.summary = result.summary.replace('Recommendations:\n', `Recommendations:\n * ${advice}\n`);
  }
  return result;
}
