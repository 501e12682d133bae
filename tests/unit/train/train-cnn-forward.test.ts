import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildTfjsForward, type TfModule } from '../../../harness/runtimes/tfjs-forward.js';
import { resolveArch, zooDescription } from '../../../harness/models/index.js';
import { createSequentialModel } from '../../../harness/train/sequential-model.js';

describe("train: the trainable CNN computes the exported model's function", () => {
  it('matches the zoo forward (conv as patches x kernel, pooling by reductions) before and after a step', async () => {
    await tf.setBackend('cpu');
    const zoo = zooDescription('lenet', { width: 4, resolution: 16 }, 3);
    const desc = {
      ...zoo,
      layers: zoo.layers.map((l) => (l.type === 'flatten' ? { ...l, order: 'hwc' as const } : l)),
    };
    const n = 3;
    const x = Float32Array.from({ length: n * 16 * 16 }, (_v, i) => ((i * 7919) % 255) / 255);
    const model = createSequentialModel(tf as unknown as TfModule, desc, 0.01);
    const reference = (arch: ReturnType<typeof model.resolved>) => {
      const f = buildTfjsForward(tf as unknown as TfModule, arch);
      const y = f.predict(tf.tensor(x, [n, 1, 16, 16]));
      const out = y.dataSync() as Float32Array;
      y.dispose();
      f.dispose();
      return out;
    };
    const before = model.predict(x, n, 2);
    expect(before.length).toBe(n * 10);
    const expected = reference(resolveArch(desc).arch);
    for (let i = 0; i < before.length; i++) expect(before[i]).toBeCloseTo(expected[i]!, 5);

    model.step(x, n, Int32Array.from([1, 2, 3]));
    const after = model.predict(x, n, 3);
    const trained = reference(model.resolved());
    for (let i = 0; i < after.length; i++) expect(after[i]).toBeCloseTo(trained[i]!, 5);
    expect(after.some((v, i) => Math.abs(v - before[i]!) > 1e-6)).toBe(true);
    model.dispose();
  });

  it('refuses a layer it cannot train with E_BAD_MODEL naming the model and the layer', () => {
    const zoo = zooDescription('lenet', { width: 4, resolution: 16 }, 3);
    const desc = { ...zoo, layers: [{ type: 'globalAvgPool' as const }, ...zoo.layers] };
    expect(() => createSequentialModel(tf as unknown as TfModule, desc, 0.01)).toThrow(
      expect.objectContaining({
        code: 'E_BAD_MODEL',
        message: expect.stringMatching(new RegExp(`model ${zoo.name}: layer 0 \\(globalAvgPool\\) cannot be trained`)),
      }),
    );
  });
});
