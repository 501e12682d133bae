/**
 * The crossover chart (reports/charts/crossover.ts): one panel per sweep, CPU solid and GPU
 * dashed, units on the axes, a software adapter named in the series and the subtitle; no chart
 * without swept jobs.
 */
import { describe, expect, it } from 'vitest';
import { crossover } from '../../../reports/charts/crossover.js';
import { renderSvg } from '../../../reports/charts/render-svg.js';
import type { ReportJob } from '../../../reports/model.js';

const SOFT = 'llvmpipe is a software rasterizer on the CPU: these timings say nothing about GPU speed';

function job(
  runtime: string,
  device: 'cpu' | 'gpu',
  value: number,
  rate: number,
  soft: string | null = null,
): ReportJob {
  return {
    suite: 'zoo',
    scenario: 'offline',
    status: 'ok',
    runtime,
    throughputPerS: rate,
    softwareAdapter: soft,
    latest: true,
    machineId: 'm',
    machineLabel: 'A: vm',
    sweep: { axis: 'batch', value, base: 'mlp', device },
  } as unknown as ReportJob;
}

describe('crossover chart', () => {
  it('draws samples/s by batch per runtime, the software adapter labelled', async () => {
    const jobs = [1, 4, 16].flatMap((b) => [
      job('ort-node:cpu', 'cpu', b, 1000 * b),
      job('tfjs:webgpu', 'gpu', b, 50 * b * b, SOFT),
    ]);
    const spec = crossover.spec(jobs)!;
    expect(JSON.stringify(spec)).toContain('tfjs:webgpu (GPU: software adapter)');
    const svg = await renderSvg(spec);
    expect(svg).toMatch(/samples\/s \(log scale\)/);
    expect(svg).toMatch(/SOFTWARE ADAPTER: a CPU rasterizer stands in for the GPU/);
    expect(svg).toContain('stroke-dasharray');
  });

  it('is left out without swept jobs', () => {
    expect(crossover.spec([{ ...job('ort-node:cpu', 'cpu', 1, 1), sweep: null }])).toBeNull();
  });
});
