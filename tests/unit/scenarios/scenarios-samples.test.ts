import { describe, expect, it } from 'vitest';
import { arraySamples, randomSamples } from '../../../harness/scenarios/samples.js';

describe('sample sources', () => {
  it('random samples are seeded, typed and shaped per spec', () => {
    const specs = [
      { name: 'f', dtype: 'float32' as const, dims: ['batch', 'features'] },
      { name: 'ids', dtype: 'int64' as const, dims: ['batch', 3] },
      { name: 'mask', dtype: 'bool' as const, dims: [1, 2] },
      { name: 'i', dtype: 'int32' as const, dims: ['batch'] },
      { name: 'u', dtype: 'uint8' as const, dims: ['batch', 2] },
    ];
    const a = randomSamples(specs, 10, 5, { features: 4 });
    const b = randomSamples(specs, 10, 5, { features: 4 });
    const fa = a.feeds([2, 3]);
    expect(fa.f!.dims).toEqual([2, 4]);
    expect(fa.f!.data).toBeInstanceOf(Float32Array);
    expect(fa.ids!.data).toBeInstanceOf(BigInt64Array);
    expect(fa.ids!.dims).toEqual([2, 3]);
    expect(fa.mask!.dims).toEqual([2, 2]);
    expect(fa.i!.data).toBeInstanceOf(Int32Array);
    expect(fa.u!.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(fa.f!.data as Float32Array)).toEqual(Array.from(b.feeds([2, 3]).f!.data as Float32Array));
    expect(Array.from(fa.f!.data as Float32Array).every((v) => v >= -1 && v < 1)).toBe(true);
    expect(Array.from(fa.ids!.data as BigInt64Array).every((v) => v === 0n || v === 1n)).toBe(true);
  });

  it('concatenates samples along dim 0, in the order asked', () => {
    const s = arraySamples({ inputName: 'x', features: Float32Array.from([0, 1, 10, 11, 20, 21]), sampleDims: [2] });
    expect(s.count).toBe(3);
    expect(Array.from(s.feeds([2, 0]).x!.data as Float32Array)).toEqual([20, 21, 0, 1]);
    expect(s.feeds([1, 2]).x!.dims).toEqual([2, 2]);
  });

  it('refuses a symbolic dim without a size, and bad indices', () => {
    expect(() => randomSamples([{ name: 'x', dtype: 'float32', dims: ['batch', 'seq'] }], 2, 1)).toThrow(/"seq"/);
    const s = randomSamples([{ name: 'x', dtype: 'float32', dims: ['batch', 2] }], 2, 1);
    expect(() => s.feeds([2])).toThrow(RangeError);
    expect(() => arraySamples({ inputName: 'x', features: new Float32Array(5), sampleDims: [2] })).toThrow(
      /not a multiple/,
    );
  });
});
