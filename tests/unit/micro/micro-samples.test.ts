import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { decodeHistogram } from '../../../harness/measure/histogram.js';
import { summarize } from '../../../harness/measure/percentiles.js';
import { executeMicroJob } from '../../../harness/micro/execute-micro.js';
import type { Job } from '../../../harness/types.js';

function job(settings: Record<string, unknown>): Job {
  const workload = {
    id: 'matmul-8',
    kind: 'inference' as const,
    description: '',
    model: { kind: 'micro' as const, op: 'matmul', params: { m: 8, k: 8, n: 8 } },
    scenarios: ['offline' as const],
  };
  return {
    id: 'micro/matmul-8',
    suite: 'micro',
    workload,
    runtime: 'ort-node:cpu',
    scenario: 'offline',
    repeat: 0,
    settings: { ...defaultSettings(), minDurationMs: 1, minQueryCount: 60, warmupMs: 1, warmupQueries: 5, ...settings },
  };
}

describe('micro: every measured call is recorded in issue order, with its histogram', () => {
  it('keeps all samples and their exact percentiles when under the cap', async () => {
    const out = await executeMicroJob(job({ maxSamplesRetained: 100_000 }), () => undefined);
    expect(out.status, out.error?.message).toBe('ok');
    expect(out.samplesNs!.length).toBe(out.queryCount);
    expect(out.samplesCapped).toBe(false);
    expect(out.histogramNs!.count).toBe(out.queryCount);
    expect(out.latencyNs).toEqual(summarize(out.samplesNs!));
    // tinybench's statistics describe the same calls.
    expect((out.micro!.tinybench as { samples: number }).samples).toBe(out.queryCount);
  });

  it('caps the raw samples (the first calls, in issue order) and the histogram holds every call', async () => {
    const out = await executeMicroJob(job({ maxSamplesRetained: 10 }), () => undefined);
    expect(out.status, out.error?.message).toBe('ok');
    expect(out.samplesNs!.length).toBe(10);
    expect(out.samplesCapped).toBe(true);
    expect(out.queryCount).toBeGreaterThanOrEqual(60);
    expect(decodeHistogram(out.histogramNs!).totalCount).toBe(out.queryCount);
    // The maximum is exact and over every call, so it is at least the largest retained sample.
    expect(out.latencyNs!.max).toBeGreaterThanOrEqual(Math.max(...out.samplesNs!));
  });
});
