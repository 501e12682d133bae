/**
 * Server (LoadGen): one sample per query, Poisson arrivals at `targetQps` (seeded exponential
 * inter-arrival times), issued asynchronously at their scheduled instants whether or not earlier
 * queries are done, so several can be in flight. A query's latency runs from its scheduled
 * instant to its completion, so falling behind shows up as latency (no coordinated omission).
 * Queries are generated until the schedule reaches minDurationMs and the count reaches
 * max(minQueryCount, the early-stopping minimum); issuing stops early at maxDurationMs.
 * Metric: completed samples per second (LoadGen's result_completed_samples_per_sec), beside the
 * scheduled rate; VALID only if the p99 latency <= latencyBoundNs and the early-stopping test on
 * the over-bound count passes. Issue lateness (p50/p99/max) is recorded in every result.
 *
 * Our own loop, not tinybench: tinybench runs iterations back to back (or with a fixed
 * concurrency); it has no notion of a schedule of arrivals.
 */
import { minQueriesForOverlatency } from '../measure/early-stopping.js';
import { LatencyRecorder } from '../measure/histogram.js';
import { createRealScheduler, type Scheduler } from '../measure/scheduler.js';
import type { Session } from '../types.js';
import { warmUp, type IssueQuery } from './closed-loop.js';
import { finishResult, measuredDraft } from './latency-result.js';
import type { ScenarioDraft, ScenarioEnv, ScenarioResult } from './result.js';
import type { SampleSource } from './samples.js';
import type { ScenarioSettings } from './scenario-settings.js';
import { poissonSchedule } from './server-schedule.js';
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

/**
 * One Server run up to its draft result (find-peak adds its steps before rendering). The issuing
 * loop waits for each scheduled instant with `idle` = no query in flight (see
 * measure/scheduler.ts: it blocks then, and yields to completions otherwise), and records the
 * issue lateness (issued - scheduled) of every query.
 */
export async function runServerDraft(session: Session, samples: SampleSource, settings: ScenarioSettings, env: ScenarioEnv = {}, options: ServerOptions = {}): Promise<ScenarioDraft> {
  const scheduler = env.scheduler ?? createRealScheduler(env.clock);
  const clock = scheduler.clock;
  if (!options.skipWarmUp) await warmUp(clock, settings, serialIssue(session, samples, scheduler));

  const feeds = singleSampleFeeds(samples);
  const count = feeds.length;
  const recorder = new LatencyRecorder(settings.maxSamplesRetained, settings.latencyBoundNs);
  const lateness = new LatencyRecorder(0);
  const nextOffsetNs = poissonSchedule(settings.seed, settings.targetQps);
  const minQueries = Math.max(settings.minQueryCount, minQueriesForOverlatency(0, settings.targetLatencyPercentile));
  const minDurationNs = settings.minDurationMs * 1e6;
  const maxDurationNs = BigInt(Math.round(settings.maxDurationMs * 1e6));

  let issued = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let failure: unknown;
  let lastScheduledOffsetNs = 0;
  let maxDurationHit = false;
  let onIdle: (() => void) | null = null;
  const idle = () => inFlight === 0;
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
    const offsetNs = nextOffsetNs();
    const scheduledNs = start + BigInt(Math.round(offsetNs));
    await scheduler.waitUntilNs(scheduledNs, idle);
    if (failure !== undefined) break;
    lastScheduledOffsetNs = offsetNs;
    const issuedNs = clock.nowNs();
    lateness.record(Number(issuedNs - scheduledNs));
    inFlight++;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    session.run(feeds[issued % count]!).then(complete(scheduledNs), fail);
    issued++;
  }
  if (inFlight > 0) await new Promise<void>((resolve) => { onIdle = resolve; });
  if (failure !== undefined) throw failure;

  const issueLatenessNs = lateness.count
    ? { p50: lateness.percentile(0.5), p99: lateness.percentile(0.99), max: lateness.percentile(1) }
    : { p50: 0, p99: 0, max: 0 };
  const scheduledPerS = lastScheduledOffsetNs > 0 ? (issued / lastScheduledOffsetNs) * 1e9 : 0;
  const draft = measuredDraft({
    scenario: 'server',
    recorder,
    queryCount: issued,
    sampleCount: issued,
    durationNs: Number(lastEnd - start),
    verdictDurationNs: lastScheduledOffsetNs,
    maxDurationHit,
    scheduledPerS,
    settings,
    extraStats: [
      ['Target QPS', settings.targetQps],
      ['Scheduled samples per second', scheduledPerS],
      ['Max queries in flight', maxInFlight],
      ['Queries over latencyBoundNs', recorder.overBoundCount],
      ['Issue lateness p50 (ns)', Math.round(issueLatenessNs.p50)],
      ['Issue lateness p99 (ns)', Math.round(issueLatenessNs.p99)],
      ['Issue lateness max (ns)', Math.round(issueLatenessNs.max)],
    ],
    settingKeys: ['minDurationMs', 'minQueryCount', 'maxDurationMs', 'warmupQueries', 'warmupMs', 'maxSamplesRetained', 'seed', 'targetQps', 'latencyBoundNs', 'targetLatencyPercentile'],
  });
  draft.issueLatenessNs = issueLatenessNs;
  // A late load generator is the machine's doing only when the system kept up with the schedule;
  // in an overload, lateness is queueing that the target rate caused (verdict.ts advises on it).
  const keptUp = draft.throughputPerS >= 0.97 * scheduledPerS;
  if (!draft.validity.valid && keptUp && issueLatenessNs.p99 > settings.latencyBoundNs / 4) {
    draft.validity.recommendations.push(`the load generator issued queries late (p99 ${(issueLatenessNs.p99 / 1e6).toFixed(1)} ms after schedule) although the system kept up: other processes are competing for the CPU; rerun on a quieter machine or raise latencyBoundNs`);
  }
  return draft;
}

/** Server: one run at settings.targetQps (see the module comment). */
export async function runServer(session: Session, samples: SampleSource, settings: ScenarioSettings, env: ScenarioEnv = {}, options: ServerOptions = {}): Promise<ScenarioResult> {
  return finishResult(await runServerDraft(session, samples, settings, env, options));
}
