/**
 * Honest labelling: a job on a software WebGPU adapter (llvmpipe) is flagged on the terminal, in
 * the report's warnings and leaderboard (under its own `(software: llvmpipe)` label, never as the
 * GPU runtime) and in the exports, with one sentence.
 */
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../reports/model.js';
import { buildLeaderboard, suiteWarnings } from '../../../reports/leaderboard.js';
import { renderHtml } from '../../../reports/html.js';
import { summaryTable } from '../../../harness/cli/run-output.js';
import { githubActionBenchmarkExporter } from '../../../results/export/github-action-benchmark.js';
import { loadgenExporter } from '../../../results/export/loadgen.js';
import { adapterFromInfo } from '../../../harness/system/gpu-adapter.js';
import { fixtures, RUN_A1 } from './helpers.js';

const SENTENCE = 'llvmpipe is a software rasterizer on the CPU: these timings say nothing about GPU speed';
/** GPUAdapterInfo as Dawn reports Mesa 25's llvmpipe (recorded on this project's CI machine). */
const LLVMPIPE = adapterFromInfo({
  vendor: 'mesa',
  architecture: 'software',
  device: 'llvmpipe-llvm-15-0-6-256-bits-',
  description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1',
  isFallbackAdapter: true,
});

async function withWebgpuJob() {
  const [run] = await fixtures(RUN_A1);
  const cpu = run!.result.jobs.find((j) => j.id === 'vision/lenet-mnist/ort-node:cpu/single-stream/0')!;
  const gpu = {
    ...cpu,
    id: 'vision/lenet-mnist/ort-node:webgpu/single-stream/0',
    runtime: { ...cpu.runtime, backend: 'webgpu' },
    adapter: LLVMPIPE,
  };
  run!.result.jobs.push(gpu);
  return run!;
}

describe('a software adapter is labelled everywhere', () => {
  it('reads the adapter facts: software, fallback, the driver from the description', () => {
    expect(LLVMPIPE).toMatchObject({
      software: true,
      fallback: true,
      driver: 'Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1',
      vendor: 'mesa',
    });
    expect(
      adapterFromInfo({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200: 570.86' })
        .software,
    ).toBe(false);
  });

  it('report: a warning and a leaderboard label of its own; the HTML shows the sentence', async () => {
    const run = await withWebgpuJob();
    const model = buildReportModel([run]);
    const vision = model.jobs.filter((j) => j.suite === 'vision');
    expect(suiteWarnings(vision).join('\n')).toContain(
      `ort-node:webgpu ran on a software adapter (llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1): ${SENTENCE}. Not ranked as a GPU.`,
    );
    const board = buildLeaderboard(vision, false)!;
    expect(board.runtimes).toContain('ort-node:webgpu (software: llvmpipe)');
    expect(board.runtimes).not.toContain('ort-node:webgpu');
    expect(renderHtml(model, [], [])).toContain(SENTENCE);
  });

  it('terminal and exports carry the sentence', async () => {
    const run = await withWebgpuJob();
    const table = summaryTable(run.result.jobs);
    expect(table).toContain('ort-node:webgpu (software: llvmpipe)');
    expect(table).toContain(`WARNING: ort-node:webgpu ran on a software adapter`);
    expect(table).toContain(SENTENCE);
    const gab = githubActionBenchmarkExporter
      .render([run])
      .map((f) => f.content)
      .join('\n');
    expect(gab).toContain(SENTENCE);
    const loadgen = loadgenExporter
      .render([run])
      .filter((f) => f.name.includes('ort-node-webgpu'))
      .map((f) => f.content)
      .join('\n');
    expect(loadgen).toContain(`WARNING: ${SENTENCE}`);
  });
});
