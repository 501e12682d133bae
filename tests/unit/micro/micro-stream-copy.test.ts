/** The STREAM-like copy: bytes counted twice (read + write), best pass, a GB/s figure the decode floor divides by. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/measure/clock.js';
import { measureCopyBandwidth } from '../../../harness/micro/stream-copy.js';
import { microSuite } from '../../../suites/micro/index.js';

describe('stream copy', () => {
  it('GB/s = 2 x array bytes / best pass (virtual clock: every pass takes 1 ms)', () => {
    const clock = new VirtualClock();
    const timed = {
      nowNs: () => {
        clock.advanceNs(500_000);
        return clock.nowNs();
      },
    };
    const r = measureCopyBandwidth({ arrayMiB: 1, passes: 3, clock: timed });
    expect(r.arrayBytes).toBe(2 ** 20);
    expect(r.bestNs).toBe(500_000);
    expect(r.gbPerS).toBeCloseTo((2 * 2 ** 20) / 500_000, 9);
  });

  it('is a micro workload with one row', () => {
    const w = microSuite.workloads('quick').find((x) => x.id === 'streamCopy-128MiB')!;
    expect(w.model).toEqual({ kind: 'micro', op: 'streamCopy', params: { mib: 128, passes: 10 } });
    expect(w.runtimes).toEqual(['ort-node:cpu']);
  });
});
