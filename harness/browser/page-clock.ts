/**
 * The page's clock and scheduler (in the browser): performance.now() in integer ns, and a
 * scheduler for the Server scenario without Node's setImmediate or a main-thread Atomics.wait
 * (neither exists on a page's main thread). With nothing in flight it spins to the instant; with
 * queries in flight it sleeps on setTimeout for far waits and yields through a MessageChannel
 * for near ones, so completions are timestamped when they happen. Lateness is never hidden: the
 * Server runner measures latency from the scheduled instant.
 */
import type { Scheduler } from '../measure/scheduler.js';
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

const SLEEP_ABOVE_NS = 3_000_000n;
const SLEEP_MARGIN_NS = 2_000_000n;

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

/** The page's scheduler over `clock`. */
export function createPageScheduler(clock: Clock = pageClock): Scheduler {
  return {
    clock,
    async waitUntilNs(tNs: bigint, idle?: () => boolean): Promise<void> {
      await null;
      for (;;) {
        const leftNs = tNs - clock.nowNs();
        if (leftNs <= 0n) return;
        if (idle?.()) {
          while (clock.nowNs() < tNs) { /* nothing in flight to starve */ }
          return;
        }
        if (leftNs > SLEEP_ABOVE_NS) await new Promise<void>((resolve) => setTimeout(resolve, Number((leftNs - SLEEP_MARGIN_NS) / 1_000_000n)));
        else await yieldToTasks();
      }
    },
  };
}
