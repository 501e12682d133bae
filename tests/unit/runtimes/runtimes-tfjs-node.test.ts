import { describe, expect, it } from 'vitest';
import { buildModel, checkParity } from '../../../harness/models/index.js';
import { createTfjsNodeRuntime } from '../../../harness/runtimes/tfjs-node.js';

describe('runtimes: tfjs-node (optional)', () => {
  it('is unavailable with the install command when the package is absent', async () => {
    const p = await createTfjsNodeRuntime('tfjs-node').probe();
    expect(p.available).toBe(false);
    expect(p.reason).toBe(
      '@tensorflow/tfjs-node is not installed: npm install @tensorflow/tfjs-node (its install downloads libtensorflow, so it needs internet)',
    );
    const gpu = await createTfjsNodeRuntime('tfjs-node-gpu').probe();
    expect(gpu).toMatchObject({ available: false, version: null });
    expect(gpu.reason).toMatch(/^@tensorflow\/tfjs-node-gpu is not installed: npm install @tensorflow\/tfjs-node-gpu/);
  });

  it('fails load() with the same reason as a runtime error', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'logreg', params: {}, seed: 1 });
    await expect(createTfjsNodeRuntime('tfjs-node').load(model, {})).rejects.toMatchObject({
      code: 'E_RUNTIME',
      message: /not installed/,
    });
  });

  it('reports a broken install apart from a missing one', async () => {
    const rt = createTfjsNodeRuntime('tfjs-node', {
      importModule: () => Promise.reject(new Error('libtensorflow.so.2: cannot open shared object file')),
    });
    expect((await rt.probe()).reason).toMatch(/failed to load: libtensorflow.so.2.*npm install @tensorflow\/tfjs-node/);
  });

  it('runs a model through an injected module (present path) with parity', async () => {
    const tfjs = await import('@tensorflow/tfjs');
    const fake = { ...tfjs, version: { ...tfjs.version, 'tfjs-node': '9.9.9-fake' } };
    const rt = createTfjsNodeRuntime('tfjs-node', { importModule: async () => fake });
    expect(await rt.probe()).toMatchObject({
      available: true,
      version: '9.9.9-fake',
      backends: [{ id: 'tensorflow', available: true }],
    });
    const model = await buildModel({ kind: 'zoo', arch: 'mlp', params: { features: 4 }, seed: 2 });
    const { session, info } = await rt.load(model, {});
    expect(info.options).toMatchObject({ package: '@tensorflow/tfjs-node', version: '9.9.9-fake' });
    const feeds = {
      input: { dtype: 'float32' as const, dims: [3, 4], data: Float32Array.from({ length: 12 }, (_, i) => i / 12) },
    };
    const out = await session.run(feeds);
    expect((await checkParity(model, feeds, out)).pass).toBe(true);
    await session.dispose();
    expect((session as unknown as { leakedTensors(): number }).leakedTensors()).toBe(0);
  });
});
