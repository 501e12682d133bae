/** Fault 8: a wrong input shape from `--shape`. Refused before any job, naming the input and the flag. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../harness/models/index.js';
import { mlbench, tempDir } from './helpers.js';

describe('fault: a wrong input shape from --shape', () => {
  it('exits 2 naming the input, its rank and the expected shape', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mlp.onnx');
    writeFileSync(file, (await buildModel({ kind: 'zoo', arch: 'mlp', params: { features: 8 }, seed: 1 })).onnx);
    const rank = mlbench(['model', file, '--shape', 'input=1x2x8', '--results-dir', dir]);
    expect(rank.code).toBe(2);
    expect(rank.stderr).toMatch(/--shape/);
    expect(rank.stderr).toMatch(/input "input" has rank 2/);
    const unknown = mlbench(['model', file, '--shape', 'nope=1x8', '--results-dir', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"nope"/);
  });
});
