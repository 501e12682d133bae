/** `mlbench export`: result files to BMF / github-action-benchmark / LoadGen logs; a model to ONNX. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('mlbench export', () => {
  it('exports a real run as BMF (stdout), github-action-benchmark and LoadGen logs (folders)', () => {
    const dir = tempDir();
    const run = mlbench([
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--min-duration',
      '100',
      '--results-dir',
      dir,
      '--no-report',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const bmf = mlbench(['export', dir, '--format', 'bmf']);
    expect(bmf.code, bmf.stderr).toBe(0);
    expect(JSON.parse(bmf.stdout)['smoke/logreg-32/null/single-stream'].latency.value).toBeGreaterThan(0);
    const gab = mlbench(['export', dir, '--format', 'github-action-benchmark', '-o', path.join(dir, 'gab')]);
    expect(gab.code, gab.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'gab')).sort()).toEqual([
      'customBiggerIsBetter.json',
      'customSmallerIsBetter.json',
    ]);
    expect(mlbench(['export', dir, '--format', 'loadgen', '-o', path.join(dir, 'lg')]).code).toBe(0);
    const summary = readFileSync(
      path.join(dir, 'lg', 'smoke_logreg-32_null_single-stream', 'mlperf_log_summary.txt'),
      'utf8',
    );
    expect(summary).toMatch(/LoadGen-style, not an MLPerf result/);
    expect(summary).toMatch(/^Result is : VALID \(relaxed: 0.1 s, \d+ queries; LoadGen requires 600 s, 1024\)$/m);
    const csv = mlbench(['export', dir, '--format', 'csv']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/nothing to export as csv/);
    const bad = mlbench(['export', dir, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format: unknown value "xml".*bmf/);
  });

  it('writes a zoo model (--model, and the older positional form) that mlbench model benchmarks', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lenet.onnx');
    const out = mlbench(['export', '--model', 'lenet', '--param', 'width=4', '-o', file]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/inputs: input \[batchx1x28x28\] float32/);
    expect(existsSync(file)).toBe(true);
    expect(mlbench(['export', 'logreg', '-o', path.join(dir, 'lr.onnx')]).code).toBe(0);
    const run = mlbench([
      'model',
      file,
      '--runtime',
      'ort-node:cpu',
      '--results-dir',
      dir,
      '--min-duration',
      '100',
      '--min-queries',
      '64',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/model\/lenet\s+ort-node:cpu\s+single-stream\s+ok/);
  });

  it('refuses an unknown model, a bad --param or both forms at once with exit 2', () => {
    const dir = tempDir();
    expect(mlbench(['export', '--model', 'nope', '-o', path.join(dir, 'x.onnx')]).stderr).toMatch(
      /nope: not a zoo architecture \(logreg, mlp/,
    );
    const bad = mlbench(['export', '--model', 'lenet', '--param', 'width=wide', '-o', path.join(dir, 'x.onnx')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--param width=wide: expected key=integer/);
    expect(mlbench(['export', 'lenet', '--param', 'depth=3', '-o', path.join(dir, 'x.onnx')]).stderr).toMatch(
      /unknown param "depth"/,
    );
    const both = mlbench(['export', 'r.json', '--format', 'bmf', '--model', 'lenet']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give one of them/);
  });
});
