import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/measure/clock.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { ResultFileSchema, JobResultSchema } from '../../../results/schema.js';
import { sampleResult } from '../../helpers/sample-result.js';
import { noWarmup, samples, serialSession } from './virtual-session.js';

/** 1..1000 us, scrambled. */
const latenciesNs = Array.from({ length: 1000 }, (_, i) => (((i * 7919) % 1000) + 1) * 1000);

describe('single-stream on a virtual clock', () => {
  it('measures exact latencies and LoadGen percentiles', async () => {
    const clock = new VirtualClock();
    const session = serialSession(clock, latenciesNs);
    const r = await runScenario(
      'single-stream',
      session,
      samples(),
      { ...noWarmup, minDurationMs: 0, minQueryCount: 1000 },
      { clock },
    );
    expect(r.queryCount).toBe(1000);
    expect(session.calls).toBe(1000);
    expect(r.samplesNs).toEqual(latenciesNs);
    expect(r.latencyNs.p50).toBe(501_000);
    expect(r.latencyNs.p90).toBe(901_000);
    expect(r.latencyNs.p99).toBe(991_000);
    // The headline is LoadGen's early-stopping estimate: t = 78 over-latency queries allowed at
    // n = 1000, so the latency at rank n - t = 922 of the sorted 1..1000 us (77 discarded).
    expect(r.metric).toEqual({
      name: 'p90 latency (early stopping)',
      value: 923_000,
      unit: 'ns',
      key: 'early_stopping_latency_ss',
    });
    expect(r.loadgen).toMatchObject({
      early_stopping_latency_ss: 923_000,
      'result_90.00_percentile_latency_ns': 901_000,
      result_validity: 'VALID',
    });
    expect(r.summary).toContain('Would discard 77 highest latency queries.');
    expect(r.durationNs).toBe(500_500_000);
    expect(r.throughputPerS).toBeCloseTo(1000 / 0.5005, 6);
    expect(r.status).toBe('ok');
    expect(r.summary).toContain('Result is : VALID');
    expect(r.summary).toContain('90.00 percentile latency (ns) : 901000');
  });

  it('discards 172 of 2048 queries at p90, as LoadGen publishes', async () => {
    const clock = new VirtualClock();
    const sorted = Array.from({ length: 2048 }, (_, i) => (i + 1) * 1000);
    const r = await runScenario(
      'single-stream',
      serialSession(clock, sorted),
      samples(),
      { ...noWarmup, minDurationMs: 0, minQueryCount: 2048 },
      { clock },
    );
    expect(r.queryCount).toBe(2048);
    expect(r.summary).toContain('Would discard 172 highest latency queries.');
    // 173 may exceed the estimate: rank 2048 - 173 = 1875, i.e. 1876 us.
    expect(r.loadgen.early_stopping_latency_ss).toBe(1_876_000);
    expect(r.metric.value).toBe(1_876_000);
  });

  it('runs until the minimum duration and the early-stopping minimum (64 at p90)', async () => {
    const clock = new VirtualClock();
    const r = await runScenario(
      'single-stream',
      serialSession(clock, [1e6]),
      samples(),
      { ...noWarmup, minDurationMs: 10, minQueryCount: 1 },
      { clock },
    );
    expect(r.queryCount).toBe(64);
    expect(r.validity.valid).toBe(true);
  });

  it('produces fields the result schema accepts', async () => {
    const clock = new VirtualClock();
    const r = await runScenario(
      'single-stream',
      serialSession(clock, [5000]),
      samples(),
      { ...noWarmup, minDurationMs: 1, minQueryCount: 100 },
      { clock },
    );
    const job = {
      id: 'j',
      suite: 's',
      workload: 'w',
      kind: 'inference',
      runtime: { id: 'null', backend: 'null', version: null, threads: 1, options: {} },
      scenario: 'single-stream',
      repeat: 0,
      settings: {},
      startedAt: new Date(0).toISOString(),
      wallMs: 1,
      ...r,
    };
    expect(JobResultSchema.safeParse(job).success).toBe(true);
    const file = { ...sampleResult(), jobs: [job] };
    const parsed = ResultFileSchema.safeParse(file);
    expect(parsed.success, parsed.error?.message).toBe(true);
    expect(parsed.data?.jobs[0]?.queryCount).toBe(r.queryCount);
  });
});
