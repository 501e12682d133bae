import { describe, expect, it } from 'vitest';
import {
  buildModel,
  checkParity,
  compareOutputs,
  FLOAT64_REFERENCE_ID,
  PARITY_TOLERANCE,
} from '../../../harness/models/index.js';
import type { Tensor } from '../../../harness/types.js';

const t = (values: number[]): Tensor => ({
  dtype: 'float32',
  dims: [1, values.length],
  data: Float32Array.from(values),
});

describe('models: parity', () => {
  it('passes within tolerance and reports abs and rel differences', () => {
    const p = compareOutputs({ y: t([1, 0.5, 1e-8]) }, { y: t([1.0001, 0.5, 2e-8]) });
    expect(p.pass).toBe(true);
    expect(p.reference).toBe(FLOAT64_REFERENCE_ID);
    expect(p.tolerance).toBe(PARITY_TOLERANCE);
    expect(p.maxAbsDiff).toBeCloseTo(1e-4, 6);
    expect(p.maxRelDiff).toBeCloseTo(1e-4, 4);
  });

  it('fails on a large difference, wrong dims, a missing output or a NaN', () => {
    expect(compareOutputs({ y: t([1, 2]) }, { y: t([1, 2.1]) }).pass).toBe(false);
    expect(compareOutputs({ y: t([1, 2]) }, { y: t([1, 2, 3]) })).toMatchObject({ pass: false, reason: /dims/ });
    expect(compareOutputs({ y: t([1]) }, { z: t([1]) })).toMatchObject({ pass: false, reason: /missing/ });
    expect(compareOutputs({ y: t([1]) }, { y: t([Number.NaN]) }).pass).toBe(false);
  });

  it('checks ort-node:cpu against the float64 reference, not against itself', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'mlp', params: { features: 3 }, seed: 5 });
    const feeds = { input: { dtype: 'float32' as const, dims: [1, 3], data: Float32Array.from([0.1, 0.2, 0.3]) } };
    const { createOrtNodeRuntime } = await import('../../../harness/runtimes/ort-node.js');
    const { session } = await createOrtNodeRuntime('cpu').load(model, {});
    const same = await session.run(feeds);
    const p = await checkParity(model, feeds, same);
    expect(p).toMatchObject({ pass: true, reference: FLOAT64_REFERENCE_ID });
    // fp32 against float64: a rounding-sized difference, not the 0 of a self-comparison.
    expect(p.maxAbsDiff).toBeGreaterThan(0);
    expect(p.maxAbsDiff).toBeLessThan(1e-6);
    const wrong = { output: { ...same.output!, data: Float32Array.from([0.9, 0.1]) } };
    expect((await checkParity(model, feeds, wrong)).pass).toBe(false);
    await session.dispose();
  });
});
