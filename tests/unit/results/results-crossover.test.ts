/**
 * The crossover rule (results/crossover.ts): a GPU runtime overtakes the fastest CPU runtime at
 * the smallest swept value from which it stays faster; a lucky middle point is not a crossover;
 * a software adapter's sentence says so.
 */
import { describe, expect, it } from 'vitest';
import { findCrossovers, type CrossoverJob } from '../../../results/crossover.js';

const SOFT = 'llvmpipe is a software rasterizer on the CPU: these timings say nothing about GPU speed';

function jobs(
  runtime: string,
  device: 'cpu' | 'gpu',
  rates: Record<number, number>,
  software: string | null = null,
): CrossoverJob[] {
  return Object.entries(rates).map(([v, r]) => ({
    suite: 'zoo',
    scenario: 'offline',
    status: 'ok',
    runtime,
    throughputPerS: r,
    software,
    sweep: { axis: 'batch', value: Number(v), base: 'mlp', device },
  }));
}

describe('crossover finder', () => {
  it('names the batch from which the GPU stays ahead of the fastest CPU runtime', () => {
    const [c] = findCrossovers([
      ...jobs('ort-node:cpu', 'cpu', { 1: 1000, 8: 4000, 64: 6000, 512: 6500 }),
      ...jobs('tfjs:wasm', 'cpu', { 1: 1200, 8: 3000, 64: 5000, 512: 5000 }),
      ...jobs('ort-node:webgpu', 'gpu', { 1: 100, 8: 4100, 64: 5900, 512: 20000 }),
    ]);
    expect(c!.points).toHaveLength(12);
    // Ahead at 8 but behind at 64: the crossover is 512, not 8.
    expect(c!.sentences).toEqual([
      'ort-node:webgpu overtakes the fastest CPU runtime at batch 512 (20000 vs 6500 samples/s on ort-node:cpu) and stays ahead up to 512.',
    ]);
  });

  it('never ahead, and ahead everywhere; the software label travels with the sentence', () => {
    const cpu = jobs('ort-node:cpu', 'cpu', { 1: 1000, 4: 2000 });
    const [never] = findCrossovers([...cpu, ...jobs('tfjs:webgpu', 'gpu', { 1: 10, 4: 500 }, SOFT)]);
    expect(never!.sentences[0]).toBe(
      `tfjs:webgpu [software adapter] does not overtake the fastest CPU runtime at any batch from 1 to 4: at batch 4 it reaches 0.25x the fastest CPU runtime (ort-node:cpu, 2000 vs 500 samples/s). (${SOFT}.)`,
    );
    const [always] = findCrossovers([...cpu, ...jobs('ort-node:webgpu', 'gpu', { 1: 5000, 4: 9000 })]);
    expect(always!.sentences[0]).toMatch(
      /^ort-node:webgpu is faster than every CPU runtime at every batch swept \(1-4\)/,
    );
  });

  it('failed jobs and jobs without a sweep are left out', () => {
    const failed = jobs('ort-node:webgpu', 'gpu', { 1: 5000 }).map((j) => ({ ...j, status: 'failed' as const }));
    expect(findCrossovers([...failed, { ...jobs('ort-node:cpu', 'cpu', { 1: 1 })[0]!, sweep: null }])).toEqual([]);
  });
});
