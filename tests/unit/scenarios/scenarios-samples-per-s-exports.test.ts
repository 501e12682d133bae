import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../../harness/cli/run-output.js';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { measuresOf } from '../../../results/export/measures.js';
import { METRICS } from '../../../results/metrics.js';
import type { JobResult } from '../../../results/schema.js';
import { noWarmup, queueSession, samples } from './virtual-session.js';

describe('batched queries: samples/s and queries/s in the run table, catalogue and exports', () => {
  it('a batch-8 offline job shows both, each named with its unit', async () => {
    const scheduler = new VirtualScheduler();
    const session = queueSession(scheduler, () => 50_000, true);
    const r = await runScenario(
      'offline',
      session,
      samples(64),
      { ...noWarmup, batchSize: 8, minDurationMs: 10, minQueryCount: 80 },
      { clock: scheduler.clock, scheduler },
    );
    expect(r.throughputPerS / r.queriesPerS!).toBeCloseTo(8, 12);
    const job = {
      ...r,
      id: 's/w/rt/offline',
      suite: 's',
      workload: 'w',
      runtime: 'null',
      scenario: 'offline',
      repeat: 0,
      kind: 'inference',
    } as unknown as JobResult;
    expect(METRICS.throughput.read(job)).toBe(r.throughputPerS);
    expect(METRICS['throughput.queries'].read(job)).toBe(r.queriesPerS);
    const table = summaryTable([job]);
    expect(table).toMatch(/samples\/s\s+queries\/s/);
    expect(table).toContain(` ${r.throughputPerS.toFixed(0)} `);
    expect(table).toContain(` ${r.queriesPerS!.toFixed(0)} `);
    const measures = measuresOf([job]);
    expect(measures.find((m) => m.id === 'throughput')!.value).toBe(r.throughputPerS);
    expect(measures.find((m) => m.id === 'queries-per-s')!.value).toBe(r.queriesPerS);
  });
});
