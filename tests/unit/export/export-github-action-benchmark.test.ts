/** github-action-benchmark custom tools: one array per direction, each entry its BenchmarkResult shape. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { githubActionBenchmarkExporter } from '../../../results/export/index.js';
import { fixtureText, sampleRun } from './helpers.js';

// The action's BenchmarkResult (src/extract.ts): name, value, unit; range and extra are strings.
const Entry = z
  .object({
    name: z.string().min(1),
    value: z.number(),
    unit: z.string(),
    range: z.string().optional(),
    extra: z.string().optional(),
  })
  .strict();
const Tool = z.array(Entry);

describe('export github-action-benchmark', () => {
  it('the published example passes the shape check', () => {
    expect(Tool.safeParse(JSON.parse(fixtureText('custom-smaller-is-better-example.json'))).success).toBe(true);
    expect(Tool.safeParse([{ name: 'x', value: '3', unit: 'ns' }]).success).toBe(false);
  });

  it('writes customSmallerIsBetter and customBiggerIsBetter, each measure in its direction', () => {
    const files = githubActionBenchmarkExporter.render(sampleRun());
    expect(files.map((f) => f.name)).toEqual(['customSmallerIsBetter.json', 'customBiggerIsBetter.json']);
    const [smaller, bigger] = files.map((f) => Tool.parse(JSON.parse(f.content)));
    const name = 'vision/lenet-mnist/ort-node:cpu/single-stream/0';
    // One run: no range (an interval over one process's queries would make the action alert on noise).
    expect(smaller!.find((e) => e.name === `${name} - latency`)).toMatchObject({ unit: 'ns' });
    expect(smaller!.find((e) => e.name === `${name} - latency`)).not.toHaveProperty('range');
    expect(bigger!.find((e) => e.name === `${name} - throughput`)?.unit).toBe('per-s');
    expect(bigger!.some((e) => e.name.endsWith(' - auc'))).toBe(true);
    expect(smaller!.some((e) => e.name.endsWith(' - auc'))).toBe(false);
    expect(smaller!.some((e) => e.name.endsWith(' - train-seconds'))).toBe(true);
    const names = [...smaller!, ...bigger!].map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
