/**
 * `mlbench model` on the ONNX kinds users bring (tests/fixtures/cases, see its README): float16
 * I/O, an IR version no runtime supports, weights in an external data file, a scikit-learn
 * classifier with a ZipMap output. Each runs from a working directory other than the model's.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const CASES = path.join(ROOT, 'tests', 'fixtures', 'cases', 'onnx');
const FAST = ['--min-duration', '50', '--min-queries', '20', '--set', 'warmupQueries=2'];

/** Runs `mlbench model <file>` on both ONNX runtimes with cwd = a fresh temp folder. */
function model(file: string) {
  const cwd = tempDir();
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'mlbench.js'),
      'model',
      path.join(CASES, file),
      '--runtime',
      'ort-node:cpu,ort-web:wasm',
      '--results-dir',
      'r',
      ...FAST,
    ],
    { cwd, encoding: 'utf8', timeout: 120_000 },
  );
  const dir = path.join(cwd, 'r');
  const [machine] = readdirSync(dir);
  const [name] = readdirSync(path.join(dir, machine!));
  const resultFile = path.join(dir, machine!, name!);
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    result: parseResult(readFileSync(resultFile, 'utf8'), resultFile),
  };
}

describe('mlbench model on the ONNX cases', () => {
  it("feeds float16 inputs on every ONNX runtime, outputs matching the float64 evaluator, the file's precision recorded", () => {
    const run = model('fp16_io.onnx');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/float16/);
    expect(run.result.jobs.map((j) => j.status)).toEqual(['ok', 'ok']);
    // Both runtimes are checked against the independent float64 evaluator, with fp16's tolerance.
    for (const j of run.result.jobs)
      expect(j.parity).toMatchObject({ reference: 'float64 ONNX evaluator', pass: true, precision: 'fp16' });
  });

  it("shows the runtime's reason for an IR version too new in words; the full text stays in the result file", () => {
    const run = model('ir99_opset21.onnx');
    expect(run.result.jobs.map((j) => j.status)).toEqual(['failed', 'failed']);
    for (const text of [run.stdout, run.stderr]) {
      expect(text).toMatch(/Unsupported model IR version: 99, max supported IR version: \d+/);
      expect(text).not.toMatch(/onnxruntime::Model::Model|model\.cc/);
    }
    expect(run.result.jobs[0]!.error!.message).toMatch(
      /model\.cc:\d+ onnxruntime::Model::Model\(.*Unsupported model IR version: 99/,
    );
  });

  it('loads weights from the external data file next to the model, from another working directory', () => {
    const run = model(path.join('extdata', 'model.onnx'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/external data model\.onnx_data/);
    expect(run.result.jobs.map((j) => [j.runtime.id, j.status])).toEqual([
      ['ort-node', 'ok'],
      ['ort-web', 'ok'],
    ]);
  });

  it("benchmarks a ZipMap classifier's tensor outputs and names the skipped output", () => {
    const run = model('sklearn_logreg_zipmap.onnx');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /output "output_probability" \(seq\(map\(int64, tensor\(float\)\)\)\) is not a tensor; it is skipped/,
    );
    expect(run.result.jobs.map((j) => j.status)).toEqual(['ok', 'ok']);
    expect(JSON.stringify(run.result.settings.modelNotes)).toMatch(/output_probability.*skipped/);
  });
});
