import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/measure/clock.js';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';

describe('virtual clock and scheduler', () => {
  it('moves only when told to, never backwards', () => {
    const c = new VirtualClock(5n);
    c.advanceNs(10);
    expect(c.nowNs()).toBe(15n);
    c.setNs(3n);
    expect(c.nowNs()).toBe(15n);
    expect(() => c.advanceNs(-1)).toThrow(RangeError);
  });

  it('fires waits in time order and jumps the clock to each instant', async () => {
    const s = new VirtualScheduler();
    const fired: Array<[string, bigint]> = [];
    await Promise.all([
      s.waitUntilNs(300n).then(() => fired.push(['c', s.clock.nowNs()])),
      s.waitUntilNs(100n).then(() => fired.push(['a', s.clock.nowNs()])),
      s.sleepNs(200).then(() => fired.push(['b', s.clock.nowNs()])),
    ]);
    expect(fired).toEqual([
      ['a', 100n],
      ['b', 200n],
      ['c', 300n],
    ]);
  });
});
