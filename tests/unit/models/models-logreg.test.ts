import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../harness/models/index.js';
import { readOnnxSignature } from '../../../harness/models/onnx-read.js';

describe('models: logreg zoo model', () => {
  it('builds ONNX bytes with a symbolic batch dim, FLOPs and parameters', async () => {
    const m = await buildModel({ kind: 'zoo', arch: 'logreg', params: { features: 10, classes: 3 }, seed: 7 });
    expect(m.inputs).toEqual([{ name: 'input', dtype: 'float32', dims: ['batch', 10] }]);
    expect(m.outputs).toEqual([{ name: 'output', dtype: 'float32', dims: ['batch', 3] }]);
    expect(m.parameters).toBe(10 * 3 + 3);
    expect(m.flopsPerSample).toBe(2 * 10 * 3);
    const sig = readOnnxSignature(m.onnx, 'mem');
    expect(sig.irVersion).toBe(8);
    expect(sig.opsets).toEqual([{ domain: '', version: 13 }]);
    expect(sig.inputs[0]!.dims).toEqual(['batch', 10]);
  });

  it('gives identical bytes for the same seed and different ones for another seed', async () => {
    const ref = { kind: 'zoo' as const, arch: 'logreg', params: { features: 4 } };
    const a = await buildModel({ ...ref, seed: 1 });
    const b = await buildModel({ ...ref, seed: 1 });
    const c = await buildModel({ ...ref, seed: 2 });
    expect(Buffer.from(a.onnx).equals(Buffer.from(b.onnx))).toBe(true);
    expect(Buffer.from(a.onnx).equals(Buffer.from(c.onnx))).toBe(false);
  });

  it('refuses unknown archs and params naming the valid ones', async () => {
    await expect(buildModel({ kind: 'zoo', arch: 'nope', params: {}, seed: 1 })).rejects.toThrow(
      /Valid archs: logreg, mlp/,
    );
    await expect(buildModel({ kind: 'zoo', arch: 'logreg', params: { depth: 2 }, seed: 1 })).rejects.toThrow(
      /unknown param "depth".*features, classes/,
    );
    await expect(buildModel({ kind: 'zoo', arch: 'logreg', params: { features: 0 }, seed: 1 })).rejects.toMatchObject({
      code: 'E_BAD_MODEL',
    });
  });
});
