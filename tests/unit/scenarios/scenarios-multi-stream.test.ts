import { describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { noWarmup, parallelSession, samples } from './virtual-session.js';

describe('multi-stream on virtual time', () => {
  it('a query takes the latency of its slowest sample', async () => {
    const scheduler = new VirtualScheduler();
    // Sample j of each 8-sample query takes (j + 1) * 100 us; one in every 8 queries has a 5 ms straggler.
    const session = parallelSession(scheduler, (call) => {
      const query = Math.floor(call / 8);
      const j = call % 8;
      return j === 3 && query % 8 === 0 ? 5e6 : (j + 1) * 100_000;
    });
    const r = await runScenario(
      'multi-stream',
      session,
      samples(),
      { ...noWarmup, minDurationMs: 0, minQueryCount: 800 },
      { clock: scheduler.clock, scheduler },
    );
    expect(r.queryCount).toBe(800);
    expect(r.latencyNs.min).toBe(800_000);
    expect(r.latencyNs.p50).toBe(800_000);
    expect(r.latencyNs.max).toBe(5e6);
    expect(r.latencyNs.p90).toBe(5e6); // 100 of 800 queries have the straggler
    expect(r.throughputPerS).toBeCloseTo((800 * 8) / (r.durationNs / 1e9), 6);
    expect(r.metric).toMatchObject({ name: 'p99 latency (early stopping)', key: 'early_stopping_latency_ms' });
    expect(r.metric.value).toBe(r.loadgen.early_stopping_latency_ms);
    expect(r.loadgen['result_99.00_percentile_latency_ns']).toBe(5e6);
  });
});
