import { describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { noWarmup, queueSession, samples } from './virtual-session.js';

describe('offline on virtual time', () => {
  it('throughput equals samples / wall time, in batches of batchSize', async () => {
    const scheduler = new VirtualScheduler();
    // 50 us per row: a batch of 32 takes 1.6 ms.
    const session = queueSession(scheduler, () => 50_000, true);
    const r = await runScenario(
      'offline',
      session,
      samples(100),
      { ...noWarmup, batchSize: 32, minDurationMs: 100, minQueryCount: 1000 },
      { clock: scheduler.clock, scheduler },
    );
    expect(r.queryCount).toBe(63); // ceil(100 ms / 1.6 ms)
    expect(r.durationNs).toBe(63 * 1.6e6);
    expect(r.throughputPerS).toBeCloseTo((63 * 32) / (r.durationNs / 1e9), 6);
    expect(r.throughputPerS).toBeCloseTo(20_000, 6);
    expect(r.metric).toEqual({
      name: 'samples per second',
      value: r.throughputPerS,
      unit: 'samples/s',
      key: 'result_samples_per_second',
    });
    expect(r.loadgen.result_samples_per_second).toBe(r.throughputPerS);
    expect(r.status).toBe('ok');
  });
});
