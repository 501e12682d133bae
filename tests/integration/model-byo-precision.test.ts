/**
 * `mlbench model` on a user's quantized file: its precision is read, recorded
 * (settings.modelPrecision) and shown, parity uses that precision's tolerance against the
 * float64 evaluator, so quantize_dynamic's bert-tiny is not `failed` on ort-web:wasm; a file
 * with an op the evaluator lacks names onnxruntime as a reference that is not independent.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel, valueInfo } from '../../harness/models/onnx-export.js';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

const INT8 = path.resolve(__dirname, '../../../shared/cases/onnx/bert-tiny-int8.onnx');
const FAST = ['--min-duration', '50', '--min-queries', '10', '--set', 'warmupQueries=2', '--no-report'];

function run(file: string, extra: string[]) {
  const dir = tempDir();
  const r = mlbench(['model', file, '--runtime', 'ort-node:cpu,ort-web:wasm', '--results-dir', dir, ...FAST, ...extra]);
  const [machine] = readdirSync(dir);
  const [name] = readdirSync(path.join(dir, machine!));
  const resultFile = path.join(dir, machine!, name!);
  return { ...r, result: parseResult(readFileSync(resultFile, 'utf8'), resultFile) };
}

describe('mlbench model: BYO precision and the independent reference', () => {
  it.skipIf(!existsSync(INT8))(
    'bert-tiny-int8 (quantize_dynamic): int8 dynamic recorded and shown, both runtimes pass int8 parity against the float64 evaluator',
    () => {
      const r = run(INT8, [
        '--shape',
        'input_ids=1x32',
        '--shape',
        'attention_mask=1x32',
        '--shape',
        'token_type_ids=1x32',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.result.settings.modelPrecision).toMatchObject({ scheme: 'int8 dynamic', tolerance: 'int8' });
      expect(r.stdout).toMatch(/precision: int8 dynamic \(12 DynamicQuantizeLinear, 12 MatMulInteger/);
      expect(r.stdout).toMatch(/parity reference: float64 ONNX evaluator/);
      expect(r.result.jobs.map((j) => [j.runtime.id, j.status])).toEqual([
        ['ort-node', 'ok'],
        ['ort-web', 'ok'],
      ]);
      for (const j of r.result.jobs)
        expect(j.parity).toMatchObject({ reference: 'float64 ONNX evaluator', precision: 'int8', pass: true });
    },
  );

  it('names onnxruntime as not independent, and the missing op, where the evaluator lacks one', () => {
    const file = path.join(tempDir(), 'hardmax.onnx');
    writeFileSync(
      file,
      encodeModel({
        name: 'hardmax',
        node: [{ opType: 'Hardmax', input: ['x'], output: ['y'] }],
        input: [valueInfo('x', ['batch', 8])],
        output: [valueInfo('y', ['batch', 8])],
      }),
    );
    const r = run(file, []);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/parity reference: onnxruntime \(not independent\): .*no kernel for Hardmax/);
    for (const j of r.result.jobs)
      expect(j.parity).toMatchObject({
        reference: expect.stringMatching(/^onnxruntime \(not independent\).*Hardmax$/),
        pass: true,
      });
  });
});
