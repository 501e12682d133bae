import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../reports/model.js';
import { fixtures, RUN_A1, RUN_A2, RUN_B1 } from './helpers.js';

describe('buildReportModel', () => {
  it('puts machines side by side and marks the newest run per machine', async () => {
    const model = buildReportModel(await fixtures(RUN_A2, RUN_B1, RUN_A1));
    expect(model.runs.map((r) => r.runId)).toEqual([
      '2025-01-10T09-00-00Z-r1',
      '2025-01-11T14-30-00Z-r1',
      '2025-01-12T09-00-00Z-r2',
    ]);
    expect(model.machines.map((m) => m.label)).toEqual(['A: bench-a (a1b2c3d4)', 'B: ci-runner-7 (f0e1d2c3)']);
    expect(model.machines[0]!.facts.find(([k]) => k === 'CPU')?.[1]).toBe('Intel Xeon Platinum 8375C');
    const lenet = model.jobs.filter((j) => j.key === 'vision/lenet-mnist/ort-node:cpu/single-stream');
    expect(lenet).toHaveLength(3);
    expect(
      lenet
        .filter((j) => j.latest)
        .map((j) => j.runId)
        .sort(),
    ).toEqual(['2025-01-11T14-30-00Z-r1', '2025-01-12T09-00-00Z-r2']);
  });

  it('groups suites and collects failures with their messages', async () => {
    const model = buildReportModel(await fixtures(RUN_A1));
    expect(model.suites.map((s) => s.id)).toEqual(['zoo', 'vision', 'tabular', 'micro']);
    expect(model.failures.map((j) => j.status).sort()).toEqual(['crashed', 'timeout']);
    expect(model.failures.find((j) => j.status === 'crashed')?.error?.message).toContain('SIGSEGV');
    expect(model.statusCounts.unavailable).toBe(1);
  });

  it('reads find-peak steps, the latency bound, training and accuracy fields', async () => {
    const model = buildReportModel(await fixtures(RUN_A1));
    const server = model.jobs.find((j) => j.scenario === 'server')!;
    expect(server.findPeakSteps.length).toBeGreaterThan(3);
    expect(server.latencyBoundNs).toBe(10e6);
    const train = model.jobs.find((j) => j.workload === 'logistic-regression-flights-1m' && j.runtime === 'tfjs:wasm')!;
    expect(train.datasetRows).toBe(1e6);
    expect(train.model).toBe('logistic-regression');
    expect(train.accuracy?.metric).toBe('auc');
    expect(train.train?.seconds).toBeGreaterThan(0);
  });
});
