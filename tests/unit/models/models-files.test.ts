import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, resolveArch, withExplicitWeights, zooDescription } from '../../../harness/models/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-models-'));

describe('models: file and trained references', () => {
  it('reads an ONNX file and fills inputs and outputs from its graph', async () => {
    const zoo = await buildModel({ kind: 'zoo', arch: 'lenet', params: {}, seed: 1 });
    const file = path.join(dir, 'lenet.onnx');
    writeFileSync(file, zoo.onnx);
    const m = await buildModel({ kind: 'file', path: file });
    expect(m.inputs).toEqual([{ name: 'input', dtype: 'float32', dims: ['batch', 1, 28, 28] }]);
    expect(m.outputs).toEqual([{ name: 'output', dtype: 'float32', dims: ['batch', 10] }]);
    expect(m.arch).toBeUndefined();
  });

  it('refuses a truncated or missing file with E_BAD_MODEL naming it', async () => {
    const zoo = await buildModel({ kind: 'zoo', arch: 'lenet', params: {}, seed: 1 });
    const file = path.join(dir, 'truncated.onnx');
    writeFileSync(file, zoo.onnx.subarray(0, Math.floor(zoo.onnx.length / 2)));
    await expect(buildModel({ kind: 'file', path: file })).rejects.toMatchObject({
      code: 'E_BAD_MODEL',
      message: expect.stringContaining(file),
    });
    await expect(buildModel({ kind: 'file', path: path.join(dir, 'nope.onnx') })).rejects.toThrow(
      /nope\.onnx: cannot read/,
    );
  });

  it('builds a trained description with explicit weights into the same model as its seeded twin', async () => {
    const desc = zooDescription('mlp', { features: 5 }, 9);
    const explicit = withExplicitWeights(resolveArch(desc).arch);
    const file = path.join(dir, 'trained.json');
    writeFileSync(file, JSON.stringify({ ...explicit, seed: 12345 }));
    const trained = await buildModel({ kind: 'trained', path: file });
    const seeded = await buildModel({ kind: 'zoo', arch: 'mlp', params: { features: 5 }, seed: 9 });
    expect(Buffer.from(trained.onnx).equals(Buffer.from(seeded.onnx))).toBe(true);
    expect(trained.flopsPerSample).toBe(seeded.flopsPerSample);
  });

  it('names the file and layer when explicit weights do not fit', async () => {
    const explicit = withExplicitWeights(resolveArch(zooDescription('logreg', { features: 3 }, 1)).arch);
    (explicit.layers[0] as { weights: { kernel: { dims: number[] } } }).weights.kernel.dims = [4, 2];
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(explicit));
    await expect(buildModel({ kind: 'trained', path: file })).rejects.toThrow(
      /layer 0 \(dense\): kernel must have dims \[3, 2\]/,
    );
    writeFileSync(file, '{"format":"other"}');
    await expect(buildModel({ kind: 'trained', path: file })).rejects.toThrow(
      /bad\.json: not an mlbench architecture description/,
    );
  });
});
