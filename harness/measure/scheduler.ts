/**
 * Schedulers: how a scenario runner waits for a future instant (the next Poisson arrival of the
 * Server scenario). Injected beside the clock so the Server scenario runs on virtual time in tests.
 * Pure: no I/O (timers only). Runs in Node and, bundled, in the browser page.
 */
import type { Clock } from '../types.js';
import { VirtualClock, realClock } from './clock.js';

/**
 * Waits until the scheduler's clock reads at least `tNs`. `idle`, when given, says whether no
 * query is in flight: then nothing can complete during the wait, and a real scheduler may spin
 * without yielding to the event loop.
 */
export interface Scheduler {
  readonly clock: Clock;
  waitUntilNs(tNs: bigint, idle?: () => boolean): Promise<void>;
  /**
   * Optional synchronous wait, for when nothing is in flight: blocks the thread (sleep, then spin
   * near the instant) and returns the clock reading that ended the wait (>= tNs, so the caller
   * needs no second read), or null at once when the wait is too long to block (the caller then
   * awaits waitUntilNs, which lets the event loop run). Virtual schedulers leave it out.
   */
  blockUntilNs?(tNs: bigint): bigint | null;
}

/**
 * With queries in flight, waits above this sleep on setTimeout and wake SLEEP_MARGIN_NS early: timers are
 * ~1 ms coarse and a sleeping process on a busy machine wakes up late, which the Server
 * scenario would charge to the system under test as latency.
 */
const SLEEP_ABOVE_NS = 3_000_000n;
const SLEEP_MARGIN_NS = 2_000_000n;

/**
 * With nothing in flight, the last SPIN_WINDOW_NS before an instant are spun on the clock; the
 * time before that is slept with Atomics.wait (a futex wait with sub-ms timeout: the kernel's
 * timer slack is ~50 us, inside the window). Sleeping rather than spinning matters on a shared
 * machine: a process that spins uses up its CPU share and is then preempted for milliseconds,
 * while one that sleeps is woken promptly.
 */
const SPIN_WINDOW_NS = 100_000n;
/**
 * blockUntilNs spins over the last millisecond. A thread woken from a sleep runs its next query
 * about 1 us slower (cold caches, the vCPU's wake-up; measured against the spin-only floor in
 * bench/overhead.ts), so a Server run should sleep only before rare long gaps: at 5,000 QPS
 * 0.7 % of Poisson gaps exceed 1 ms, at 25,000 QPS none in practice. Longer waits still sleep,
 * so a low-rate run does not hold a core.
 */
const BLOCK_SPIN_WINDOW_NS = 1_000_000;
/** The longest single block; longer idle waits yield to the event loop between blocks. */
const MAX_BLOCK_NS = 50_000_000;
let sleepCell: Int32Array | undefined;

/**
 * What a host gives a real scheduler to wait with. Node and a browser page share the scheduler
 * and differ only here: a page's main thread has neither setImmediate nor Atomics.wait.
 */
export interface HostWaits {
  /** One turn of the host's task queue: timers, I/O callbacks, completions of in-flight queries. */
  yieldTurn(): Promise<void>;
  /**
   * Blocks the thread for `ms` (fractional) without spinning, or absent where the thread may not
   * block (a page's main thread): idle waits then spin to the instant.
   */
  blockMs?(ms: number): void;
}

/** Node: setImmediate turns, Atomics.wait sleeps (a futex wait with sub-ms timeout). */
export const nodeWaits: HostWaits = {
  yieldTurn: () => new Promise<void>((resolve) => setImmediate(resolve)),
  blockMs(ms: number): void {
    // Made on first use: a SharedArrayBuffer exists only where the host allows it.
    sleepCell ??= new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(sleepCell, 0, 0, ms);
  },
};

/**
 * The real scheduler, designed so issue lateness stays far below the service times measured:
 * - with nothing in flight, block without yielding (host.blockMs, then a spin over the last
 *   100 us; a host that cannot block spins throughout): nothing can complete meanwhile, so
 *   blocking costs the system nothing and issues on the dot (lateness: one clock read). An
 *   event-loop turn alone costs several us, more than the 2 us the overhead benchmark allows
 *   (bench/overhead.ts, server row);
 * - with queries in flight, far waits sleep on setTimeout and leave ~2 ms, near waits yield one
 *   task-queue turn, so completions are timestamped when they happen (lateness: about one
 *   event-loop turn, a few us).
 * Lateness is never hidden: the Server runner measures latency from the scheduled instant.
 * `host` defaults to Node's; the browser page passes its own (harness/browser/page-clock.ts).
 */
export function createRealScheduler(clock: Clock = realClock, host: HostWaits = nodeWaits): Scheduler {
  const { yieldTurn, blockMs } = host;
  return {
    clock,
    ...(blockMs
      ? {
          blockUntilNs(tNs: bigint): bigint | null {
            let t = clock.nowNs();
            const leftNs = Number(tNs - t);
            if (leftNs > MAX_BLOCK_NS) return null;
            if (leftNs > BLOCK_SPIN_WINDOW_NS) blockMs((leftNs - BLOCK_SPIN_WINDOW_NS) / 1e6);
            while (t < tNs) t = clock.nowNs(); /* spin: nothing is in flight to starve */
            return t;
          },
        }
      : {}),
    async waitUntilNs(tNs: bigint, idle?: () => boolean): Promise<void> {
      // Let already-settled completions run first, so `idle` sees them.
      await null;
      for (;;) {
        const leftNs = tNs - clock.nowNs();
        if (leftNs <= 0n) return;
        if (idle?.()) {
          if (blockMs && leftNs > SPIN_WINDOW_NS) {
            const blockNs =
              leftNs - SPIN_WINDOW_NS < BigInt(MAX_BLOCK_NS) ? leftNs - SPIN_WINDOW_NS : BigInt(MAX_BLOCK_NS);
            blockMs(Number(blockNs) / 1e6);
            // Long waits let the event loop run now and then (signals, IPC).
            if (tNs - clock.nowNs() > SPIN_WINDOW_NS) {
              await yieldTurn();
              continue;
            }
          }
          while (clock.nowNs() < tNs) {
            /* spin: nothing is in flight to starve */
          }
          return;
        }
        if (leftNs > SLEEP_ABOVE_NS) {
          const ms = Number((leftNs - SLEEP_MARGIN_NS) / 1_000_000n);
          await new Promise<void>((resolve) => setTimeout(resolve, ms));
        } else {
          await yieldTurn();
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

  waitUntilNs(tNs: bigint, _idle?: () => boolean): Promise<void> {
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
