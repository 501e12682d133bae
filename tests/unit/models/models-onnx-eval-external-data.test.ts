/**
 * The float64 evaluator reads each external-data initializer's own bytes (offset, length), not
 * the whole file: LLM weights past 2 GiB are over Node's readFile limit (ERR_FS_FILE_TOO_LARGE),
 * and reading the whole file per initializer made a model's load cost initializers x file size.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromTensorProto } from '../../../harness/models/onnx-eval/tensor.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mlbench-extdata-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GIB2 = 2 ** 31;
/** A sparse file of 2 GiB + 16 bytes (no disk used) with float32 [1.5, -2] at 2 GiB. */
function bigSparseFile(): string {
  const file = path.join(dir, 'model.onnx_data');
  const fd = openSync(file, 'w');
  ftruncateSync(fd, GIB2 + 16);
  writeSync(fd, new Uint8Array(new Float32Array([1.5, -2]).buffer), 0, 8, GIB2);
  closeSync(fd);
  return file;
}

const initializer = (entries: Record<string, string>) =>
  ({
    name: 'w',
    dataType: 1,
    dims: [2],
    dataLocation: 1,
    externalData: Object.entries(entries).map(([key, value]) => ({ key, value })),
  }) as never;

describe('float64 evaluator: external data', () => {
  it('reads an initializer past 2 GiB into its file, by offset and length', () => {
    bigSparseFile();
    const t = fromTensorProto(initializer({ location: 'model.onnx_data', offset: String(GIB2), length: '8' }), dir);
    expect([...t.data]).toEqual([1.5, -2]);
  });

  it('reads to the end without a length, and names the file when it ends inside the entry', () => {
    bigSparseFile();
    expect([
      ...fromTensorProto(initializer({ location: 'model.onnx_data', offset: String(GIB2 + 8) }), dir).data,
    ]).toEqual([0, 0]);
    expect(() =>
      fromTensorProto(initializer({ location: 'model.onnx_data', offset: String(GIB2 + 12), length: '8' }), dir),
    ).toThrow(/model\.onnx_data: external data ends at byte 2147483664/);
  });
});
