/**
 * The page's clock and wait primitives (in the browser): performance.now() in integer ns, and
 * the HostWaits that the shared real scheduler (harness/measure/scheduler.ts) takes on a page's
 * main thread, which has neither Node's setImmediate nor a blocking Atomics.wait: a turn is a
 * MessageChannel message, and idle waits spin (no blockMs).
 */
import { createRealScheduler, type HostWaits, type Scheduler } from '../measure/scheduler.js';
import type { Clock } from '../types.js';

/** performance.now() as integer ns (its step is 5 us in a cross-origin-isolated page). */
export const pageClock: Clock = {
  nowNs: () => BigInt(Math.round(performance.now() * 1e6)),
};

/** The smallest step performance.now() takes here, in ns (sampled over a few hundred reads). */
export function clockResolutionNs(): number {
  let best = Infinity;
  let last = performance.now();
  for (let i = 0, seen = 0; i < 1_000_000 && seen < 200; i++) {
    const t = performance.now();
    if (t !== last) {
      best = Math.min(best, t - last);
      last = t;
      seen++;
    }
  }
  return Math.round(best * 1e6);
}

/** One turn of the page's task queue (a MessageChannel message: not clamped like setTimeout). */
function yieldToTasks(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The page's waits: no blockMs, since a page's main thread may not block. */
export const pageWaits: HostWaits = { yieldTurn: yieldToTasks };

/** The page's scheduler over `clock`: the shared real scheduler with the page's waits. */
export function createPageScheduler(clock: Clock = pageClock): Scheduler {
  return createRealScheduler(clock, pageWaits);
}
