import { describe, expect, it } from 'vitest';
import { accuracyBetter, METRICS, relativeToBest, speedMetricOf } from '../../../results/metrics.js';
import { measuresOf } from '../../../results/export/measures.js';
import { metricRows } from '../../../results/compare/statistics.js';
import { sampleRun } from '../export/helpers.js';
import type { JobResult } from '../../../results/schema.js';

describe('metric catalogue', () => {
  it('an accuracy metric named error is lower-is-better in compare and in the exports alike', () => {
    expect(accuracyBetter('error')).toBe('lower');
    expect(accuracyBetter('LogLoss')).toBe('lower');
    expect(accuracyBetter('auc')).toBe('higher');
    const job = sampleRun()[0]!.result.jobs.find((j) => j.status === 'ok')!;
    const withError: JobResult = {
      ...job,
      accuracy: { metric: 'error', value: 0.1, reference: null, ratio: null } as JobResult['accuracy'],
    };
    expect(measuresOf([withError]).find((m) => m.id === 'error')?.better).toBe('lower');
    const side = {
      latency: [],
      throughputPerS: [],
      trainSeconds: [],
      peakRssBytes: [],
      parityPass: [],
      statuses: ['ok'],
      accuracy: { metric: 'error', values: [0.1] },
    };
    const ctx = { key: 'k', scenario: 'offline', seed: 1, judgeTails: false, thresholdPct: () => 5 };
    const rows = metricRows(
      ctx,
      side as never,
      { ...side, accuracy: { metric: 'error', values: [0.3] } } as never,
      0.01,
    );
    expect(rows.find((r) => r.row.metric === 'accuracy')?.row).toMatchObject({
      better: 'lower',
      verdict: 'regression',
    });
  });

  it('reads each metric from a job and ranks by the speed metric of its kind', () => {
    const job = sampleRun()[0]!.result.jobs.find((j) => j.latencyNs)!;
    expect(METRICS['latency.p50'].read(job)).toBe(job.latencyNs!.p50);
    expect(speedMetricOf({ kind: 'training' }).id).toBe('train.seconds');
    expect(speedMetricOf({ kind: 'inference' }).better).toBe('lower');
    expect(relativeToBest([2, 4, 3], 'lower')).toEqual([1, 2, 1.5]);
    expect(relativeToBest([2, 4], 'higher')).toEqual([2, 1]);
  });
});
