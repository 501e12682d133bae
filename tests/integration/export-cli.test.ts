/** `mlbench export`: a zoo model to an ONNX file that `mlbench model` then runs. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('mlbench export', () => {
  it('writes a zoo model that mlbench model benchmarks with parity', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lenet.onnx');
    const out = mlbench(['export', 'lenet', '--param', 'width=4', '-o', file]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/inputs: input \[batchx1x28x28\] float32/);
    expect(existsSync(file)).toBe(true);
    const run = mlbench(['model', file, '--runtime', 'ort-node:cpu', '--results-dir', dir, '--min-duration', '100', '--min-queries', '64']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/model\/lenet\s+ort-node:cpu\s+single-stream\s+ok/);
  });

  it('refuses an unknown model or a bad --param with exit 2', () => {
    const dir = tempDir();
    expect(mlbench(['export', 'nope', '-o', path.join(dir, 'x.onnx')]).stderr).toMatch(/nope: not a zoo architecture \(logreg, mlp/);
    const bad = mlbench(['export', 'lenet', '--param', 'width=wide', '-o', path.join(dir, 'x.onnx')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--param width=wide: expected key=integer/);
    expect(mlbench(['export', 'lenet', '--param', 'depth=3', '-o', path.join(dir, 'x.onnx')]).stderr).toMatch(/unknown param "depth"/);
  });
});
