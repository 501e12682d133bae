/**
 * Schedulers: how a scenario runner waits for a future instant (the next Poisson arrival of the
 * Server scenario). Injected beside the clock so the Server scenario runs on virtual time in tests.
 * Pure: no I/O (timers only).
 */
import type { Clock } from '../types.js';
import { VirtualClock, realClock } from './clock.js';

/** Waits until the scheduler's clock reads at least `tNs`. */
export interface Scheduler {
  readonly clock: Clock;
  waitUntilNs(tNs: bigint): Promise<void>;
}

/**
 * Below this, the real scheduler yields with setImmediate instead of sleeping on a timer: timers
 * are ~1 ms coarse, and on a busy machine a sleeping process wakes up milliseconds late, which
 * the Server scenario would charge to the system under test as latency.
 */
const SPIN_BELOW_NS = 3_000_000n;
const SLEEP_MARGIN_NS = 2_000_000n;

/**
 * The real scheduler. Far waits sleep on setTimeout and leave ~2 ms; near waits yield to the
 * event loop with setImmediate (so completions of in-flight queries are processed) until the
 * instant is reached. Lateness is not hidden: the Server runner measures latency from the
 * scheduled instant, as LoadGen does.
 */
export function createRealScheduler(clock: Clock = realClock): Scheduler {
  return {
    clock,
    async waitUntilNs(tNs: bigint): Promise<void> {
      for (;;) {
        const leftNs = tNs - clock.nowNs();
        if (leftNs <= 0n) return;
        if (leftNs > SPIN_BELOW_NS) {
          const ms = Number((leftNs - SLEEP_MARGIN_NS) / 1_000_000n);
          await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
        } else {
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    },
  };
}

/**
 * A discrete-event scheduler on a VirtualClock. Pending waits sit in a queue ordered by time;
 * whenever the event loop is idle (checked with setImmediate, so all promise reactions have
 * run), the earliest wait fires and the clock jumps to its instant. A virtual session can use
 * `waitUntilNs(clock.nowNs() + latency)` inside `run()` to take virtual time, so several queries
 * can be in flight at once, exactly as on a real server.
 */
export class VirtualScheduler implements Scheduler {
  readonly clock: VirtualClock;
  private queue: Array<{ tNs: bigint; seq: number; resolve: () => void }> = [];
  private seq = 0;
  private pumping = false;

  constructor(clock: VirtualClock = new VirtualClock()) {
    this.clock = clock;
  }

  waitUntilNs(tNs: bigint): Promise<void> {
    return new Promise<void>((resolve) => {
      this.queue.push({ tNs, seq: this.seq++, resolve });
      this.schedulePump();
    });
  }

  /** Convenience for virtual sessions: takes `ns` of virtual time from now. */
  sleepNs(ns: number): Promise<void> {
    return this.waitUntilNs(this.clock.nowNs() + BigInt(Math.round(ns)));
  }

  private schedulePump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.pumping = false;
    if (this.queue.length === 0) return;
    // A linear scan is enough for tests (a handful of waits in flight).
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.tNs < b.tNs || (a.tNs === b.tNs && a.seq < b.seq)) best = i;
    }
    const next = this.queue.splice(best, 1)[0]!;
    this.clock.setNs(next.tNs);
    next.resolve();
    if (this.queue.length > 0) this.schedulePump();
  }
}
