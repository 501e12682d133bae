/**
 * The closed measuring loop shared by single-stream, multi-stream and offline: the next query
 * is issued when the previous one completes; warm-up first, then measure until both
 * minDurationMs and the required query count are met, or maxDurationMs is reached.
 *
 * Why not tinybench here: its loop fits a fixed task with time + iteration minimums, but it
 * reads time as floating-point milliseconds from its own `now`, has no maximum duration, keeps
 * every sample in a growing array (a million queries would keep them all) and computes its own
 * percentiles, while we need an injected bigint-ns clock (virtual time in tests), LoadGen's stop
 * rules (with the early-stopping minimum), the HDR histogram with capped raw samples and the one
 * percentile method of measure/percentiles.ts. The loop below is a dozen lines; bench/overhead.ts
 * measures its per-query cost against a bare hrtime loop and against tinybench.
 */
import { LatencyRecorder } from '../measure/histogram.js';
import type { Clock, Feeds, Session } from '../types.js';
import type { ScenarioSettings } from './scenario-settings.js';

/** Issues query number `queryIndex` at `t0Ns`; resolves to the instant it completed. */
export type IssueQuery = (t0Ns: bigint, queryIndex: number) => Promise<bigint>;

export interface ClosedLoopRun {
  recorder: LatencyRecorder;
  queryCount: number;
  /** From the first issue to the last completion. */
  durationNs: number;
  /** True when maxDurationMs stopped the run before its minimums were met. */
  maxDurationHit: boolean;
}

const msToNsBig = (ms: number) => BigInt(Math.round(ms * 1e6));

/** Runs queries and discards them until warmupQueries and warmupMs are both met (within maxDurationMs). */
export async function warmUp(clock: Clock, settings: ScenarioSettings, issue: IssueQuery): Promise<number> {
  const start = clock.nowNs();
  const minNs = msToNsBig(settings.warmupMs);
  const maxNs = msToNsBig(settings.maxDurationMs);
  let n = 0;
  for (;;) {
    if (n >= settings.warmupQueries && clock.nowNs() - start >= minNs) return n;
    const end = await issue(clock.nowNs(), n);
    n++;
    if (end - start >= maxNs) return n;
  }
}

/**
 * Measures queries back to back. `minQueries` is the query count to reach (minQueryCount, raised
 * to the early-stopping minimum by the caller where one applies).
 */
export async function measureClosedLoop(
  clock: Clock,
  settings: ScenarioSettings,
  minQueries: number,
  issue: IssueQuery,
  boundNs?: number,
): Promise<ClosedLoopRun> {
  const recorder = new LatencyRecorder(settings.maxSamplesRetained, boundNs);
  const start = clock.nowNs();
  // Deadlines as instants, so the per-query checks compare bigints without allocating new ones.
  const minEnd = start + msToNsBig(settings.minDurationMs);
  const maxEnd = start + msToNsBig(settings.maxDurationMs);
  let end = start;
  let n = 0;
  let maxDurationHit = false;
  for (;;) {
    const t0 = clock.nowNs();
    end = await issue(t0, n);
    recorder.record(Number(end - t0));
    n++;
    if (end >= minEnd && n >= minQueries) break;
    if (end >= maxEnd) {
      maxDurationHit = true;
      break;
    }
  }
  return { recorder, queryCount: n, durationNs: Number(end - start), maxDurationHit };
}

/**
 * The single-stream special case of measureClosedLoop: the same rules, with the session call
 * inlined (no per-query closure), because this loop's own cost is what the overhead benchmark
 * holds to 1 % of a 20 us query.
 */
export async function measureSerial(
  clock: Clock,
  settings: ScenarioSettings,
  minQueries: number,
  session: Session,
  feeds: Feeds[],
): Promise<ClosedLoopRun> {
  const recorder = new LatencyRecorder(settings.maxSamplesRetained);
  const count = feeds.length;
  const start = clock.nowNs();
  const minEnd = start + msToNsBig(settings.minDurationMs);
  const maxEnd = start + msToNsBig(settings.maxDurationMs);
  let end = start;
  let n = 0;
  let next = 0;
  let maxDurationHit = false;
  for (;;) {
    const t0 = clock.nowNs();
    await session.run(feeds[next]!);
    end = clock.nowNs();
    recorder.record(Number(end - t0));
    n++;
    if (++next === count) next = 0;
    if (end >= minEnd && n >= minQueries) break;
    if (end >= maxEnd) {
      maxDurationHit = true;
      break;
    }
  }
  return { recorder, queryCount: n, durationNs: Number(end - start), maxDurationHit };
}
