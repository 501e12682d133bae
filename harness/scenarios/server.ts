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
import { finishResult, measuredDraft, RUN_LENGTH_KEYS } from './latency-result.js';
import type { IssueLatenessNs, ScenarioDraft, ScenarioEnv, ScenarioResult } from './result.js';
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

/** Grows a Float64Array to at least `n` elements (doubling; off the issue path except every 2^k queries). */
function grown(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/**
 * One Server run up to its draft result (find-peak adds its steps before rendering).
 *
 * The issuing loop follows the floor programs (../shared/floor, bench/overhead.ts): with nothing
 * in flight it blocks synchronously until the next arrival (Scheduler.blockUntilNs: sleep, then
 * spin over the last stretch), so the issue happens on the dot with no event-loop turn in
 * between; with queries in flight it waits asynchronously so completions are timestamped when
 * they happen. Per-query bookkeeping is one store into preallocated typed arrays per event
 * (scheduled offset, issue lateness, latency), indexed by query number; the latency recorder is
 * filled after the run, in issue order, so `samplesNs[i]` is query i's latency.
 *
 * Lateness is split in two: `issued - scheduled` (all of it), and the part the queue does not
 * explain, `issued - max(scheduled, last completion seen before the issue)`. A runtime whose
 * `run()` blocks the JS thread delays the next issue until it returns; that is its own queueing,
 * not the machine's, and only the unexplained part is blamed on other processes.
 */
export async function runServerDraft(
  session: Session,
  samples: SampleSource,
  settings: ScenarioSettings,
  env: ScenarioEnv = {},
  options: ServerOptions = {},
): Promise<ScenarioDraft> {
  const scheduler = env.scheduler ?? createRealScheduler(env.clock);
  const clock = scheduler.clock;
  if (!options.skipWarmUp) await warmUp(clock, settings, serialIssue(session, samples, scheduler));

  const feeds = singleSampleFeeds(samples);
  const count = feeds.length;
  const nextOffsetNs = poissonSchedule(settings.seed, settings.targetQps);
  const minQueries = Math.max(settings.minQueryCount, minQueriesForOverlatency(0, settings.targetLatencyPercentile));
  const minDurationNs = settings.minDurationMs * 1e6;
  const maxDurationNs = settings.maxDurationMs * 1e6;
  const expected = Math.ceil(Math.max(minQueries, (settings.targetQps * settings.minDurationMs) / 1e3) * 1.05) + 64;
  // Per query i: scheduled offset, issue lateness, lateness the queue does not explain, latency (ns).
  // The schedule is drawn ahead (and on growth), so no random draw sits between a completion and
  // the next issue.
  let scheduledNs = new Float64Array(expected);
  const drawSchedule = (from: number) => {
    for (let j = from; j < scheduledNs.length; j++) scheduledNs[j] = Math.round(nextOffsetNs());
  };
  drawSchedule(0);
  let lateNs = new Float64Array(expected);
  let unexplainedNs = new Float64Array(expected);
  let latencyNs = new Float64Array(expected);

  let issued = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let failure: unknown;
  let lastScheduledOffsetNs = 0;
  let lastDoneNs = 0;
  let maxDurationHit = false;
  let onIdle: (() => void) | null = null;
  const idle = () => inFlight === 0;
  const start = clock.nowNs();
  const nowNs = () => Number(clock.nowNs() - start);

  const fail = (err: unknown) => {
    failure ??= err;
    if (--inFlight === 0 && onIdle) onIdle();
  };
  // The completion reads scheduledNs[i], drawn before the issue.
  const issue = (i: number) => {
    session.run(feeds[i % count]!).then(() => {
      const t = nowNs();
      latencyNs[i] = t - scheduledNs[i]!;
      if (t > lastDoneNs) lastDoneNs = t;
      if (--inFlight === 0 && onIdle) onIdle();
    }, fail);
  };

  for (;;) {
    if (issued >= minQueries && lastScheduledOffsetNs >= minDurationNs) break;
    // Let settled completions run (one microtask turn), so `idle` and lastDoneNs see them.
    if (inFlight > 0) await null;
    if (failure !== undefined) break;
    if (issued === scheduledNs.length) {
      const n = issued + 1;
      scheduledNs = grown(scheduledNs, n);
      lateNs = grown(lateNs, n);
      unexplainedNs = grown(unexplainedNs, n);
      latencyNs = grown(latencyNs, n);
      drawSchedule(issued);
    }
    const offsetNs = scheduledNs[issued]!;
    const dueNs = start + BigInt(offsetNs);
    let issuedAt = inFlight === 0 ? (scheduler.blockUntilNs?.(dueNs) ?? null) : null;
    if (issuedAt === null) {
      await scheduler.waitUntilNs(dueNs, idle);
      if (failure !== undefined) break;
      issuedAt = clock.nowNs();
    }
    const issuedNs = Number(issuedAt - start);
    if (issuedNs >= maxDurationNs) {
      maxDurationHit = true;
      break;
    }
    issue(issued);
    lateNs[issued] = issuedNs - offsetNs;
    unexplainedNs[issued] = issuedNs - (lastDoneNs > offsetNs ? lastDoneNs : offsetNs);
    lastScheduledOffsetNs = offsetNs;
    if (++inFlight > maxInFlight) maxInFlight = inFlight;
    issued++;
  }
  if (inFlight > 0)
    await new Promise<void>((resolve) => {
      onIdle = resolve;
    });
  if (failure !== undefined) throw failure;

  const recorder = new LatencyRecorder(settings.maxSamplesRetained, settings.latencyBoundNs);
  const lateness = new LatencyRecorder(0);
  const unexplained = new LatencyRecorder(0);
  for (let i = 0; i < issued; i++) {
    recorder.record(latencyNs[i]!);
    lateness.record(lateNs[i]!);
    unexplained.record(unexplainedNs[i]!);
  }
  const issueLatenessNs: IssueLatenessNs = lateness.count
    ? {
        p50: lateness.percentile(0.5),
        p99: lateness.percentile(0.99),
        max: lateness.percentile(1),
        unexplainedP99: unexplained.percentile(0.99),
      }
    : { p50: 0, p99: 0, max: 0, unexplainedP99: 0 };
  const scheduledPerS = lastScheduledOffsetNs > 0 ? (issued / lastScheduledOffsetNs) * 1e9 : 0;
  const draft = measuredDraft({
    scenario: 'server',
    recorder,
    queryCount: issued,
    sampleCount: issued,
    durationNs: lastDoneNs,
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
      ['Issue lateness not explained by queueing p99 (ns)', Math.round(issueLatenessNs.unexplainedP99 ?? 0)],
    ],
    settingKeys: [...RUN_LENGTH_KEYS, 'seed', 'targetQps', 'latencyBoundNs', 'targetLatencyPercentile'],
  });
  draft.issueLatenessNs = issueLatenessNs;
  const advice = latenessAdvice(
    draft.validity.valid,
    draft.throughputPerS,
    scheduledPerS,
    issueLatenessNs,
    settings.latencyBoundNs,
  );
  if (advice) draft.validity.recommendations.push(advice);
  return draft;
}

/**
 * Advice on a late load generator. The machine (other processes) is blamed only when the system
 * kept up with the schedule and the lateness the queue does not explain is large; lateness that
 * queueing explains (a runtime blocking the JS thread, an overload) is the system's own.
 */
export function latenessAdvice(
  valid: boolean,
  completedPerS: number,
  scheduledPerS: number,
  late: IssueLatenessNs,
  latencyBoundNs: number,
): string | null {
  if (valid || late.p99 <= latencyBoundNs / 4) return null;
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const keptUp = completedPerS >= 0.97 * scheduledPerS;
  if (keptUp && (late.unexplainedP99 ?? late.p99) > latencyBoundNs / 4) {
    return `the load generator issued queries late (p99 ${ms(late.p99)} ms after schedule, ${ms(late.unexplainedP99 ?? late.p99)} ms of it not explained by queueing) although the system kept up: other processes are competing for the CPU; rerun on a quieter machine or raise latencyBoundNs`;
  }
  if (keptUp) {
    return `queries were issued late (p99 ${ms(late.p99)} ms after schedule) because earlier queries held the JS thread (the runtime's run() blocks until it is done): this is the runtime's own queueing; lower targetQps or use a runtime that runs off the JS thread`;
  }
  return null;
}

/** Server: one run at settings.targetQps (see the module comment). */
export async function runServer(
  session: Session,
  samples: SampleSource,
  settings: ScenarioSettings,
  env: ScenarioEnv = {},
  options: ServerOptions = {},
): Promise<ScenarioResult> {
  return finishResult(await runServerDraft(session, samples, settings, env, options));
}
