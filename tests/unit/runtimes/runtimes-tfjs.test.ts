import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../harness/models/index.js';
import { createTfjsRuntime } from '../../../harness/runtimes/tfjs.js';
import { createOrtWebRuntime } from '../../../harness/runtimes/ort-web.js';
import { defaultSettings } from '../../../harness/config/settings.js';

describe('runtimes: tfjs and ort-web', () => {
  it('tfjs:wasm records SIMD and threads, and no tensors leak after dispose', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'lenet', params: {}, seed: 1 });
    const rt = createTfjsRuntime('wasm');
    expect((await rt.probe()).available).toBe(true);
    const { session, info } = await rt.load(model, defaultSettings());
    expect(info.options).toMatchObject({ backend: 'wasm', simd: true, multithread: false });
    const out = await session.run({
      input: { dtype: 'float32', dims: [1, 1, 28, 28], data: new Float32Array(784).fill(0.5) },
    });
    expect(out.output!.dims).toEqual([1, 10]);
    await session.dispose();
    expect(session.leakedTensors!()).toBe(0);
  });

  it('tfjs refuses an ONNX-file model with a runtime error, and an unknown backend', async () => {
    const zoo = await buildModel({ kind: 'zoo', arch: 'logreg', params: {}, seed: 1 });
    const fileModel = { ...zoo, arch: undefined };
    await expect(createTfjsRuntime('cpu').load(fileModel, {})).rejects.toMatchObject({
      code: 'E_RUNTIME',
      message: /ONNX file/,
    });
    expect(() => createTfjsRuntime('webgl')).toThrow(/Valid: cpu, wasm/);
  });

  it('ort-web:wasm runs a model and records its threads', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'mlp', params: { features: 4 }, seed: 1 });
    const rt = createOrtWebRuntime('wasm');
    expect(await rt.probe()).toMatchObject({ available: true, version: expect.stringMatching(/^1\./) });
    const { session, info } = await rt.load(model, { ...defaultSettings(), 'ortWeb.threads': 1 });
    expect(info.threads).toBe(1);
    const out = await session.run({ input: { dtype: 'float32', dims: [2, 4], data: new Float32Array(8).fill(1) } });
    expect(out.output!.dims).toEqual([2, 2]);
    await session.dispose();
  });
});
