/** Fault 6: a corrupt (truncated) ONNX file. Refused before any job: exit 2 naming the file. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../harness/models/index.js';
import { mlbench, resultFiles, tempDir } from './helpers.js';

describe('fault: a corrupt ONNX file', () => {
  it('exits 2 with E_BAD_MODEL naming the file; no result file is written', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'resnet.onnx');
    writeFileSync(good, (await buildModel({ kind: 'zoo', arch: 'lenet', params: {}, seed: 1 })).onnx);
    const corrupt = path.join(dir, 'corrupt.onnx');
    writeFileSync(corrupt, readFileSync(good).subarray(0, 300));
    const out = path.join(dir, 'results');
    const run = mlbench(['model', corrupt, '--results-dir', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_BAD_MODEL/);
    expect(run.stderr).toContain(corrupt);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(() => resultFiles(out)).toThrow(); // the folder was never created
  });
});
