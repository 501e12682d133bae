/** LoadGen-style logs: LoadGen's own key names (checked against a LoadGen log), values from the job. */
import { describe, expect, it } from 'vitest';
import { LOADGEN_HEADER, loadgenExporter } from '../../../results/export/index.js';
import { fixtureText, sampleRun } from './helpers.js';

function detailKeys(text: string): Map<string, unknown> {
  const lines = text.split('\n').filter((l) => l.startsWith(':::MLLOG '));
  return new Map(
    lines
      .map((l) => JSON.parse(l.slice(':::MLLOG '.length)) as { key: string; value: unknown })
      .map((e) => [e.key, e.value]),
  );
}
const summaryLabels = (text: string) =>
  text
    .split('\n')
    .filter((l) => / ?: /.test(l) && !l.startsWith('#'))
    .map((l) => l.split(/\s*:\s/)[0]!.trim());

describe('export loadgen', () => {
  it('writes a summary and a detail log per inference job, with the LoadGen-style header', () => {
    const files = loadgenExporter.render(sampleRun());
    const dir = 'vision_lenet-mnist_ort-node-cpu_single-stream_0';
    const summary = files.find((f) => f.name === `${dir}/mlperf_log_summary.txt`)!.content;
    const detail = files.find((f) => f.name === `${dir}/mlperf_log_detail.txt`)!.content;
    for (const text of [summary, detail]) expect(text.split('\n')[0]).toContain(LOADGEN_HEADER);
    expect(files.some((f) => f.name.includes('tabular'))).toBe(false);

    // Every key and label we write is one LoadGen writes (fixture: a LoadGen single-stream log).
    const loadgen = detailKeys(fixtureText('mlperf_log_detail.txt'));
    const ours = detailKeys(detail);
    expect([...ours.keys()].filter((k) => !loadgen.has(k) && !k.startsWith('mlbench_'))).toEqual([]);
    const labels = new Set(summaryLabels(fixtureText('mlperf_log_summary.txt')));
    expect(summaryLabels(summary).filter((l) => !labels.has(l))).toEqual([]);

    const job = sampleRun()[0]!.result.jobs.find((j) => j.id === 'vision/lenet-mnist/ort-node:cpu/single-stream/0')!;
    expect(ours.get('result_90.00_percentile_latency_ns')).toBe(job.latencyNs!.p90);
    expect(ours.get('result_validity')).toBe('VALID');
    expect(ours.get('early_stopping_latency_ss')).toBeGreaterThanOrEqual(job.latencyNs!.p90);
    expect(summary).toMatch(/^Scenario : SingleStream$/m);
    expect(summary).toMatch(new RegExp(`^90.0th percentile latency \\(ns\\) : ${job.latencyNs!.p90}$`, 'm'));
  });

  it('marks an INVALID job and uses headline keys the job recorded itself', () => {
    const run = sampleRun();
    const job = run[0]!.result.jobs.find((j) => j.status === 'invalid')!;
    (job as Record<string, unknown>).loadgen = {
      early_stopping_latency_ss: 123456,
      'result_99.00_percentile_latency_ns': null,
    };
    const detail = loadgenExporter
      .render(run)
      .find((f) => f.name.includes('cnn-small') && f.name.endsWith('detail.txt'))!.content;
    expect(detailKeys(detail).get('result_validity')).toBe('INVALID');
    expect(detailKeys(detail).get('result_invalid_reason')).toBeTruthy();
    expect(detailKeys(detail).get('early_stopping_latency_ss')).toBe(123456);
    expect(detailKeys(detail).get('result_99.00_percentile_latency_ns')).toBe(Math.round(job.latencyNs!.p99));
  });
});
