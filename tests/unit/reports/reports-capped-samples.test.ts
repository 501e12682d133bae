import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { CHARTS } from '../../../reports/charts/index.js';
import { buildReportModel } from '../../../reports/model.js';
import type { ResultFile } from '../../../results/schema.js';
import { fixtures, RUN_A1 } from './helpers.js';

/** RUN_A1 with its ort-node single-stream job capped: 20 fast first samples, the histogram of all 2000. */
async function capped(data?: string): Promise<Array<{ file: string; result: ResultFile }>> {
  const [loaded] = await fixtures(RUN_A1);
  const all = Array.from({ length: 2000 }, (_, i) => (i < 20 ? 50_000 : 1_000_000 + (i % 100) * 1000));
  const h = hdr.build();
  for (const v of all) h.recordValue(v);
  const jobs = loaded!.result.jobs.map((j) =>
    j.workload === 'lenet-mnist' && j.runtime.id === 'ort-node' && j.scenario === 'single-stream'
      ? {
          ...j,
          samplesNs: all.slice(0, 20),
          samplesCapped: true,
          histogramNs: {
            encoding: 'hdr-histogram-js/base64' as const,
            data: data ?? hdr.encodeIntoCompressedBase64(h),
            count: all.length,
          },
        }
      : j,
  );
  return [{ file: loaded!.file, result: { ...loaded!.result, jobs } }];
}

const rowsOf = (id: string, jobs: ReturnType<typeof buildReportModel>['jobs']) =>
  (
    CHARTS.find((c) => c.id === id)!.spec(jobs) as { data: { values: Array<Record<string, unknown>> } }
  ).data.values.filter((r) => r.runtime === 'ort-node:cpu' && r.panel === 'lenet-mnist · single-stream');

describe('capped samples', () => {
  it('charts read the histogram, not the first queries only', async () => {
    const model = buildReportModel(await capped());
    const job = model.jobs.find((j) => j.key === 'vision/lenet-mnist/ort-node:cpu/single-stream')!;
    expect(job.latencySample?.source).toBe('histogram');
    expect(job.latencySample?.sample.n).toBe(2000);
    const [cmp] = rowsOf('runtime-comparison', model.jobs);
    expect(cmp!.n).toBe(2000);
    expect(cmp!.medianMs as number).toBeGreaterThan(1); // the first 20 samples sit at 0.05 ms
    const p50 = rowsOf('latency-distribution', model.jobs).find((r) => r.percentile === 50)!;
    expect(p50.latencyMs as number).toBeCloseTo(cmp!.medianMs as number, 6);
  });

  it('a corrupt histogram is a warning and the job falls back to its summary', async () => {
    const warnings: string[] = [];
    const model = buildReportModel(await capped('AAAA'), new Date(0), warnings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/2025-01-10T09-00-00Z-r1\.json: job .*histogramNs is corrupt/);
    const job = model.jobs.find((j) => j.key === 'vision/lenet-mnist/ort-node:cpu/single-stream')!;
    expect(job.latencySample).toBeNull();
    expect(rowsOf('runtime-comparison', model.jobs)[0]!.medianMs).toBe(job.latencyNs!.p50 / 1e6);
  });
});
