/**
 * Fault 7: an ONNX file with an op the runtimes lack. Each runtime's job fails with the runtime's
 * own message naming the op; the run goes on to the next runtime and exits 0.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { FAST, mlbench, onlyResult, tempDir } from './helpers.js';

describe('fault: an ONNX file with an op the runtime lacks', () => {
  it('records failed per runtime with the op named, exit 0', () => {
    const dir = tempDir();
    const { onnx } = onnxProto;
    const info = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 2 }] } } } });
    const bytes = onnx.ModelProto.encode(
      onnx.ModelProto.create({
        irVersion: 8,
        opsetImport: [{ domain: '', version: 13 }],
        graph: {
          name: 'g',
          node: [{ opType: 'NoSuchOp', input: ['x'], output: ['y'] }],
          input: [info('x')],
          output: [info('y')],
        },
      }),
    ).finish();
    const file = path.join(dir, 'unknown-op.onnx');
    writeFileSync(file, bytes);
    const out = path.join(dir, 'r');
    const run = mlbench(['model', file, '--runtime', 'ort-node:cpu,ort-web:wasm', '--results-dir', out, ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    const result = onlyResult(out);
    expect(result.jobs.map((j) => j.status)).toEqual(['failed', 'failed']);
    for (const j of result.jobs) expect(j.error!.message).toMatch(/NoSuchOp/);
    expect(run.stdout + run.stderr).toMatch(/NoSuchOp/); // on the terminal too, not only in the JSON
  }, 60_000);
});
