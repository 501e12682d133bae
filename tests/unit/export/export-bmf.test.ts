/** Bencher Metric Format: the published JSON Schema's shape, Bencher's measure slugs, CI bounds. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bmfExporter } from '../../../results/export/index.js';
import { fixtureText, sampleRun } from './helpers.js';

// https://bencher.dev/bmf.json: an object of benchmarks, each an object of measures, each
// { value: number (required), lower_value?: number, upper_value?: number }.
const Metric = z
  .object({ value: z.number(), lower_value: z.number().optional(), upper_value: z.number().optional() })
  .strict();
const Bmf = z.record(z.string().min(1), z.record(z.string().min(1), Metric));

describe('export bmf', () => {
  it('the published example passes the shape check, and a wrong shape fails it', () => {
    expect(Bmf.safeParse(JSON.parse(fixtureText('bmf-example.json'))).success).toBe(true);
    expect(Bmf.safeParse({ b: { latency: { lower_value: 1 } } }).success).toBe(false);
  });

  it('writes latency (ns) and throughput (no bounds from one run), and the other measures', () => {
    const run = sampleRun();
    run[0]!.result.jobs.find((j) => j.id.startsWith('tabular/logistic-regression-flights-10k/tfjs:cpu'))!.memory = {
      peakRssBytes: 512 * 2 ** 20,
    };
    const [file] = bmfExporter.render(run);
    const bmf = Bmf.parse(JSON.parse(file!.content));
    const job = sampleRun()[0]!.result.jobs.find((j) => j.id === 'vision/lenet-mnist/ort-node:cpu/single-stream/0')!;
    const latency = bmf['vision/lenet-mnist/ort-node:cpu/single-stream/0']!.latency!;
    const sorted = [...job.samplesNs!].sort((a, b) => a - b);
    expect(latency.value).toBe(sorted[Math.floor(sorted.length / 2)]);
    // One run: no interval (one process's queries say nothing of run-to-run noise).
    expect(latency).not.toHaveProperty('lower_value');
    expect(latency).not.toHaveProperty('upper_value');
    expect(bmf['vision/lenet-mnist/ort-node:cpu/single-stream/0']!.throughput!.value).toBe(job.throughputPerS);
    const training = bmf['tabular/logistic-regression-flights-10k/tfjs:cpu/accuracy/0']!;
    expect(Object.keys(training).sort()).toEqual(['auc', 'peak-rss', 'train-seconds']);
    expect(training['peak-rss']!.value).toBe(512 * 2 ** 20);
    // Failed, crashed and unavailable jobs measured nothing and are left out.
    expect(Object.keys(bmf).some((k) => k.includes('resnet-w16'))).toBe(false);
  });
});
