import { describe, expect, it } from 'vitest';
import {
  bmfExporter,
  githubActionBenchmarkExporter,
  medianOverRuns,
  type ExportInput,
} from '../../../results/export/index.js';
import type { JobResult } from '../../../results/schema.js';
import { job, latencies, result } from '../compare/make-result.js';

const input = (jobs: JobResult[], file = 'r.json'): ExportInput => ({ file, result: result(jobs) });
const run = (latencyUs: number, seed: number, setting = 1000) =>
  job({
    settings: { ...job().settings, 'null.latencyUs': setting },
    samplesNs: latencies(seed, 400, latencyUs * 1000, 0.01),
  });

describe('gate: honest export bounds (why 7)', () => {
  it('a single run exports no interval, however many queries it ran', () => {
    const bmf = JSON.parse(bmfExporter.render([input([run(100, 1)])])[0]!.content);
    const latency = Object.values(bmf as Record<string, Record<string, Record<string, number>>>)[0]!.latency!;
    expect(latency.value).toBeGreaterThan(0);
    expect(latency).not.toHaveProperty('lower_value');
    expect(latency).not.toHaveProperty('upper_value');
  });

  it('8 runs of one setting: the median over runs with its exact interval over runs', () => {
    const inputs = [0, 1, 2, 3, 4, 5, 6, 7].map((r) => input([run(100 + r, r + 1)], `r${r}.json`));
    const latency = Object.values(
      JSON.parse(bmfExporter.render(inputs)[0]!.content) as Record<string, Record<string, Record<string, number>>>,
    )[0]!.latency!;
    expect(latency.lower_value!).toBeLessThan(latency.value);
    expect(latency.upper_value!).toBeGreaterThan(latency.value);
    expect(medianOverRuns([5, 1, 4, 2, 3, 8, 7, 6])).toEqual({ value: 5, low: 1, high: 8 });
    expect(medianOverRuns([1, 2, 3, 4, 5])).toMatchObject({ low: null, high: null });
  });

  it('runs of two settings are refused, naming what differs, instead of pooled into one median', () => {
    const inputs = [0, 1, 2, 3].map((r) => input([run(100, r + 1, r < 2 ? 1000 : 1100)], `r${r}.json`));
    expect(() => bmfExporter.render(inputs)).toThrow(/null\.latencyUs: 1000 → 1100/);
    expect(() => githubActionBenchmarkExporter.render(inputs)).toThrow(/Export each setting's result files separately/);
  });
});

describe('gate: the exact interval of a median over runs', () => {
  it('widens to the k-th order statistics as n grows: n = 12 gives [x(3), x(10)]', () => {
    const values = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(medianOverRuns(values)).toEqual({ value: 7, low: 3, high: 10 });
  });
});
