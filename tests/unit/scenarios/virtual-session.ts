/** Virtual sessions for scenario tests: they take virtual time instead of doing work. */
import { VirtualClock } from '../../../harness/measure/clock.js';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import type { Feeds, Session, TensorSpec } from '../../../harness/types.js';
import { randomSamples } from '../../../harness/scenarios/samples.js';

export const SPECS: TensorSpec[] = [{ name: 'x', dtype: 'float32', dims: ['batch', 4] }];
export const samples = (count = 16) => randomSamples(SPECS, count, 7);

/** Settings that skip warm-up, so every query a session sees is measured. */
export const noWarmup = { warmupQueries: 0, warmupMs: 0 };

/** A session that advances the clock by the next latency of a cycle, synchronously (a serial system). */
export function serialSession(clock: VirtualClock, latenciesNs: number[]): Session & { calls: number } {
  const s = {
    calls: 0,
    async run(_feeds: Feeds): Promise<Feeds> {
      clock.advanceNs(latenciesNs[s.calls++ % latenciesNs.length]!);
      return {};
    },
    async dispose() {},
  };
  return s;
}

/**
 * A single-server queue on virtual time: each run waits for the server to be free, then holds
 * it for `serviceNs` (per row of the batch dim when `perRow`). Records each call's arrival time.
 */
export function queueSession(
  scheduler: VirtualScheduler,
  serviceNs: (call: number) => number,
  perRow = false,
): Session & { arrivalsNs: bigint[] } {
  let busyUntil = 0n;
  const arrivalsNs: bigint[] = [];
  return {
    arrivalsNs,
    async run(feeds: Feeds): Promise<Feeds> {
      const now = scheduler.clock.nowNs();
      arrivalsNs.push(now);
      const rows = perRow ? Object.values(feeds)[0]!.dims[0]! : 1;
      const begin = busyUntil > now ? busyUntil : now;
      busyUntil = begin + BigInt(Math.round(serviceNs(arrivalsNs.length - 1) * rows));
      await scheduler.waitUntilNs(busyUntil);
      return {};
    },
    async dispose() {},
  };
}

/** A session where every call takes its own latency, all calls in parallel. */
export function parallelSession(scheduler: VirtualScheduler, latencyNs: (call: number) => number): Session {
  let calls = 0;
  return {
    async run(): Promise<Feeds> {
      await scheduler.sleepNs(latencyNs(calls++));
      return {};
    },
    async dispose() {},
  };
}
