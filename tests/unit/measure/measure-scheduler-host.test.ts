/**
 * One real scheduler for Node and the browser page (harness/measure/scheduler.ts): the host's
 * waits are injected. A stepping clock (each read moves time on) makes the paths observable:
 * with nothing in flight a host that may block sleeps up to the spin window and offers
 * blockUntilNs; a page's host (no blockMs) spins and offers none; with queries in flight both
 * yield turns to the host.
 */
import { describe, expect, it } from 'vitest';
import { createRealScheduler, type HostWaits } from '../../../harness/measure/scheduler.js';
import { createPageScheduler } from '../../../harness/browser/page-clock.js';

function steppingClock(stepNs: bigint) {
  let tNs = 0n;
  return { nowNs: () => (tNs += stepNs), advanceNs: (ns: number) => void (tNs += BigInt(Math.round(ns))) };
}

function countingHost(clock: ReturnType<typeof steppingClock>, canBlock: boolean) {
  const calls = { turns: 0, blocksMs: [] as number[] };
  const host: HostWaits = {
    yieldTurn: async () => void calls.turns++,
    ...(canBlock
      ? {
          blockMs: (ms: number) => {
            calls.blocksMs.push(ms);
            clock.advanceNs(ms * 1e6);
          },
        }
      : {}),
  };
  return { host, calls };
}

describe('real scheduler with injected host waits', () => {
  it('a host that may block sleeps through an idle wait, then spins the last 100 us', async () => {
    const clock = steppingClock(1_000n);
    const { host, calls } = countingHost(clock, true);
    const scheduler = createRealScheduler(clock, host);
    await scheduler.waitUntilNs(10_000_000n, () => true);
    expect(calls.blocksMs).toHaveLength(1);
    expect(calls.blocksMs[0]).toBeGreaterThan(9.8);
    expect(calls.blocksMs[0]).toBeLessThan(9.95);
    expect(calls.turns).toBe(0);
    expect(scheduler.blockUntilNs!(clock.nowNs() + 5_000_000n)).toBeGreaterThan(0n);
    expect(calls.blocksMs).toHaveLength(2);
  });

  it('a host that may not block (the page) spins idle waits and has no blockUntilNs', async () => {
    const clock = steppingClock(1_000n);
    const { host, calls } = countingHost(clock, false);
    const scheduler = createRealScheduler(clock, host);
    expect(scheduler.blockUntilNs).toBeUndefined();
    await scheduler.waitUntilNs(2_000_000n, () => true);
    expect(clock.nowNs()).toBeGreaterThanOrEqual(2_000_000n);
    expect(calls.turns).toBe(0);
  });

  it('with queries in flight, near waits yield turns to the host', async () => {
    const clock = steppingClock(10_000n);
    const { host, calls } = countingHost(clock, true);
    await createRealScheduler(clock, host).waitUntilNs(1_000_000n, () => false);
    expect(calls.turns).toBeGreaterThan(10);
    expect(calls.blocksMs).toHaveLength(0);
  });

  it('the page scheduler is the shared one without blocking', () => {
    expect(createPageScheduler({ nowNs: () => 0n }).blockUntilNs).toBeUndefined();
  });
});
