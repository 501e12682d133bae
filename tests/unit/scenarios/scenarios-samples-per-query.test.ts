/**
 * Batched queries record throughput both ways, each with its unit (issue 24 item 7): samples/s
 * (throughputPerS, LoadGen's samples per second) and queries/s (queriesPerS), so a batch-8 job's
 * samples/s is exactly 8 x its queries/s; the summary log and the report carry both.
 */
import { describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { throughputText } from '../../../reports/model.js';
import { noWarmup, queueSession, samples } from './virtual-session.js';

describe('samples/s beside queries/s', () => {
  it('a batch-8 offline job: samples/s = 8 x queries/s, both in the summary', async () => {
    const scheduler = new VirtualScheduler();
    const session = queueSession(scheduler, () => 40_000, true);
    const r = await runScenario(
      'offline',
      session,
      samples(64),
      { ...noWarmup, batchSize: 8, minDurationMs: 20, minQueryCount: 64 },
      { clock: scheduler.clock, scheduler },
    );
    expect(r.queryCount).toBeGreaterThan(0);
    expect(r.queriesPerS).toBeCloseTo(r.queryCount / (r.durationNs / 1e9), 6);
    expect(r.throughputPerS / r.queriesPerS!).toBeCloseTo(8, 12);
    expect(r.summary).toMatch(/Completed samples per second\s*:\s*[\d.]+/);
    expect(r.summary).toMatch(/Completed queries per second\s*:\s*[\d.]+/);
    expect(throughputText({ throughputPerS: 8000, queriesPerS: 1000 }, String)).toBe('8000 samples/s · 1000 queries/s');
  });

  it('one sample per query: queries/s equals samples/s and the summary has one line', async () => {
    const scheduler = new VirtualScheduler();
    const session = queueSession(scheduler, () => 40_000, true);
    const r = await runScenario(
      'single-stream',
      session,
      samples(64),
      { ...noWarmup, minDurationMs: 5, minQueryCount: 16 },
      { clock: scheduler.clock, scheduler },
    );
    expect(r.queriesPerS).toBeCloseTo(r.throughputPerS, 9);
    expect(r.summary).not.toMatch(/Completed queries per second/);
    expect(throughputText({ throughputPerS: 25000, queriesPerS: null }, String)).toBe('25000 samples/s');
  });
});
