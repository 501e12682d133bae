import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../harness/models/index.js';
import { createOrtNodeRuntime, PROBE_MODEL_ONNX } from '../../../harness/runtimes/ort-node.js';
import { defaultSettings } from '../../../harness/config/settings.js';

describe('runtimes: ort-node', () => {
  it("probes with the zoo's logreg bytes, unchanged", async () => {
    const tiny = await buildModel({ kind: 'zoo', arch: 'logreg', params: { features: 2 }, seed: 1 });
    expect(Buffer.from(PROBE_MODEL_ONNX).equals(Buffer.from(tiny.onnx))).toBe(true);
  });

  it('runs logreg on cpu and returns softmax rows', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'logreg', params: { features: 4, classes: 3 }, seed: 3 });
    const rt = createOrtNodeRuntime('cpu');
    const { session, info } = await rt.load(model, { ...defaultSettings(), 'ort.intraOpThreads': 1 });
    expect(info.threads).toBe(1);
    expect(info.options).toMatchObject({
      executionProvider: 'cpu',
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
    });
    const data = Float32Array.from([1, 2, 3, 4, -1, 0, 1, 2]);
    const out = await session.run({ input: { dtype: 'float32', dims: [2, 4], data } });
    expect(out.output!.dims).toEqual([2, 3]);
    const d = out.output!.data as Float32Array;
    expect(d[0]! + d[1]! + d[2]!).toBeCloseTo(1, 5);
    await session.dispose();
  });

  it('probe reports cpu available and the other EPs with a reason, without crashing', async () => {
    const p = await createOrtNodeRuntime('cuda').probe();
    expect(p.version).toMatch(/^1\./);
    const cpu = p.backends.find((b) => b.id === 'cpu')!;
    expect(cpu.available).toBe(true);
    for (const b of p.backends.filter((x) => !x.available)) expect(b.reason).toBeTruthy();
    if (!p.available) expect(p.reason).toMatch(/cuda12/);
  });

  it('refuses an unknown EP naming the valid ones', () => {
    expect(() => createOrtNodeRuntime('tpu')).toThrow(/Valid: cpu, cuda, tensorrt, webgpu, dml, coreml/);
  });
});
