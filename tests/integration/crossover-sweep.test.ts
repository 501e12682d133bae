/**
 * The crossover finder end to end on llvmpipe: `--sweep batch=1,4` runs one small zoo model on a
 * CPU runtime and a WebGPU runtime at each batch, and the terminal, the result and the report
 * carry the crossover sentence, labelled software, and its chart. A test of the mechanism: no
 * timing is asserted (which side wins on a software rasterizer says nothing about GPUs).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

const SUITE = `export default {
  id: 'sweep-test',
  describe: () => 'one small MLP for the crossover sweep',
  workloads: () => [{
    id: 'mlp', kind: 'inference', description: 'MLP, 64 features, 2 x 64 hidden',
    model: { kind: 'zoo', arch: 'mlp', params: { features: 64, width: 64, depth: 2 }, seed: 1 },
    scenarios: ['offline'], runtimes: ['ort-node:cpu', 'tfjs:webgpu'],
    settings: { minDurationMs: 100, minQueryCount: 4, warmupQueries: 1, warmupMs: 0 },
  }],
};
`;

describe('--sweep batch on llvmpipe', () => {
  it('runs each batch on CPU and GPU runtimes; terminal, result and report show the labelled crossover and its chart', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'suite.mjs'), SUITE);
    const report = path.join(dir, 'report');
    const env = { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
    const run = mlbench(
      [
        'run',
        '--suite',
        path.join(dir, 'suite.mjs'),
        '--sweep',
        'batch=1,4',
        '--results-dir',
        path.join(dir, 'r'),
        '--report-dir',
        report,
      ],
      { env, timeoutMs: 240_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /Where the GPU overtakes the CPU \(batch sweep\):\n {2}mlp: tfjs:webgpu \[software adapter\] .*these timings say nothing about GPU speed/,
    );

    const machine = readdirSync(path.join(dir, 'r'))[0]!;
    const file = path.join(dir, 'r', machine, readdirSync(path.join(dir, 'r', machine))[0]!);
    const jobs = parseResult(readFileSync(file, 'utf8'), file).jobs;
    expect(
      jobs
        .map((j) => `${j.workload} ${j.runtime.id}:${j.runtime.backend} ${j.sweep?.device} ${j.settings.batchSize}`)
        .sort(),
    ).toEqual([
      'mlp@batch1 ort-node:cpu cpu 1',
      'mlp@batch1 tfjs:webgpu gpu 1',
      'mlp@batch4 ort-node:cpu cpu 4',
      'mlp@batch4 tfjs:webgpu gpu 4',
    ]);

    const html = readFileSync(path.join(report, 'index.html'), 'utf8');
    expect(html).toMatch(/<div class="crossover" data-crossover>\s*<h3>Where the GPU overtakes the CPU<\/h3>/);
    expect(html).toMatch(
      /<li class="software"><strong>mlp<\/strong>: tfjs:webgpu \[software adapter\] .*llvmpipe is a software rasterizer on the CPU: these timings say nothing about GPU speed/,
    );
    expect(html).toMatch(/data-chart="sweep-test-crossover"[\s\S]*?<svg/);
    expect(existsSync(path.join(report, 'charts', 'sweep-test-crossover.svg'))).toBe(true);
    // The GPU jobs' details: adapter flagged software, the upload/dispatch/readback split named.
    expect(html).toMatch(
      /<h3>GPU jobs: adapter, query phases, energy<\/h3>[\s\S]*llvmpipe[\s\S]*software[\s\S]*tfjs-backend-webgpu: uploadToGPU/,
    );
    expect(readFileSync(path.join(report, 'summary.md'), 'utf8')).toMatch(
      /\*\*Where the GPU overtakes the CPU\*\*[\s\S]*tfjs:webgpu \\?\[software adapter\\?\]/,
    );
  }, 260_000);

  it.skipIf(!existsSync(path.resolve('../shared/cases/onnx/bert-tiny.onnx')))(
    'mlbench model --seq is a seq sweep: each job records its point and the terminal names the crossover',
    () => {
      const dir = tempDir();
      const bert = path.resolve('../shared/cases/onnx/bert-tiny.onnx');
      const env = { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
      const run = mlbench(
        [
          'model',
          bert,
          '--seq',
          '8,32',
          '--runtime',
          'ort-node:cpu,ort-node:webgpu',
          '--min-duration',
          '50',
          '--min-queries',
          '8',
          '--results-dir',
          dir,
          '--no-report',
        ],
        { env, timeoutMs: 180_000 },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(
        /Where the GPU overtakes the CPU \(seq sweep\):\n {2}bert-tiny: ort-node:webgpu \[software adapter\] .*sequence length/,
      );
      const machine = readdirSync(dir)[0]!;
      const file = path.join(dir, machine, readdirSync(path.join(dir, machine))[0]!);
      expect(
        parseResult(readFileSync(file, 'utf8'), file)
          .jobs.map((j) => j.sweep)
          .filter(Boolean),
      ).toContainEqual({ axis: 'seq', value: 32, base: 'bert-tiny', device: 'gpu' });
    },
    200_000,
  );

  it('a bad --sweep is a usage error naming the flag (exit 2)', () => {
    for (const [arg, message] of [
      ['batch=4', /two or more positive integers/],
      ['width=1,2', /axis batch or seq/],
      ['seq=32,128', /mlbench model <encoder.onnx> --seq/],
    ] as const) {
      const run = mlbench(['run', '--suite', 'smoke', '--runtime', 'null', '--sweep', arg, '--no-report']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
