/**
 * Clocks in integer nanoseconds. Scenario runners take their clock as a parameter (LoadGen's
 * injected clock idea), so tests can drive a virtual clock and get exact latencies.
 * Pure: no I/O.
 */
import type { Clock } from '../types.js';

/** The real monotonic clock: `process.hrtime.bigint()`. */
export const realClock: Clock = {
  nowNs: () => process.hrtime.bigint(),
};

/**
 * A virtual clock for tests: time moves only when `advanceNs` / `setNs` is called
 * (by a virtual session or a VirtualScheduler).
 */
export class VirtualClock implements Clock {
  private tNs: bigint;

  constructor(startNs: bigint = 0n) {
    this.tNs = startNs;
  }

  nowNs(): bigint {
    return this.tNs;
  }

  /** Moves time forward by `ns` (must be >= 0). */
  advanceNs(ns: number | bigint): void {
    const d = typeof ns === 'bigint' ? ns : BigInt(Math.round(ns));
    if (d < 0n) throw new RangeError(`VirtualClock cannot go back in time (advanceNs ${d})`);
    this.tNs += d;
  }

  /** Sets the time; never moves it backwards. */
  setNs(tNs: bigint): void {
    if (tNs > this.tNs) this.tNs = tNs;
  }
}
