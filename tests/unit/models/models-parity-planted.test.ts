/** Parity that could catch a bug: a planted 1 % error in one layer of a zoo model fails; the real runtime passes, batch included. */
import { describe, expect, it } from 'vitest';
import { buildModel, checkParity, FLOAT64_REFERENCE_ID } from '../../../harness/models/index.js';
import { float64Forward } from '../../../harness/models/float64-forward.js';
import { parityTolerance } from '../../../harness/models/parity.js';
import { parityProfile } from '../../../harness/models/parity-profile.js';
import { randomSamples } from '../../../harness/scenarios/samples.js';
import type { ResolvedArch } from '../../../harness/arch.js';
import type { Feeds } from '../../../harness/types.js';

const asFloat32 = (feeds: Feeds): Feeds =>
  Object.fromEntries(
    Object.entries(feeds).map(([k, t]) => [
      k,
      { ...t, dtype: 'float32', data: Float32Array.from(t.data as Float64Array) },
    ]),
  );

describe('models: parity catches a planted error', () => {
  it('a 1 % error in one layer of lenet fails; ort-node:cpu passes on 4 samples and a batch of 8', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'lenet', params: {}, seed: 3 });
    const arch = model.arch as ResolvedArch;
    const profile = parityProfile(model);
    expect(profile.precision).toBe('fp32');
    expect(profile.softmaxOutputs.has(arch.description.output.name)).toBe(true);
    const tolerance = parityTolerance(profile.precision, profile.accumulation);
    const options = { tolerance, softmaxOutputs: profile.softmaxOutputs };
    const samples = randomSamples(model.inputs, 8, 11);

    const { createOrtNodeRuntime } = await import('../../../harness/runtimes/ort-node.js');
    const { session } = await createOrtNodeRuntime('cpu').load(model, {});
    for (const indices of [[0], [1], [2], [3], [0, 1, 2, 3, 4, 5, 6, 7]]) {
      const feeds = samples.feeds(indices);
      const p = await checkParity(model, feeds, await session.run(feeds), options);
      expect(p, p.reason).toMatchObject({ pass: true, reference: FLOAT64_REFERENCE_ID });
      expect(p.outputs![0]!.compared).toBe('logits');
    }
    await session.dispose();

    // Plant: the second parametric layer's kernel 1 % too large.
    const [path, w] = [...arch.weights.entries()][1]!;
    const planted: ResolvedArch = {
      ...arch,
      weights: new Map(arch.weights).set(path, { ...w, kernel: w.kernel.map((v) => v * 1.01) }),
    };
    const feeds = samples.feeds([0, 1, 2, 3, 4, 5, 6, 7]);
    const wrong = asFloat32(float64Forward(planted, feeds));
    const p = await checkParity(model, feeds, wrong, options);
    expect(p.pass).toBe(false);
    expect(p.reason).toContain(`output "${arch.description.output.name}" (as logits): max abs diff`);
    expect(p.outputs).toEqual([expect.objectContaining({ name: arch.description.output.name, pass: false })]);
  });
});
