import { describe, expect, it } from 'vitest';
import { fmix32, indicesSha256, sampleSmallestKeys, splitKey } from '../../../datasets/split/key.js';
import { userSplit } from '../../../datasets/user/user-source.js';

describe('split key and smallest-key sampling', () => {
  it('fmix32 is the MurmurHash3 finalizer', () => {
    expect(fmix32(0)).toBe(0);
    // Reference computed with BigInt arithmetic.
    const ref = (x: bigint): bigint => {
      const m = (1n << 32n) - 1n;
      let h = x & m;
      h ^= h >> 16n;
      h = (h * 0x85ebca6bn) & m;
      h ^= h >> 13n;
      h = (h * 0xc2b2ae35n) & m;
      h ^= h >> 16n;
      return h;
    };
    for (const i of [1, 2, 42, 123456, 2_999_999, 0xffffffff]) expect(BigInt(fmix32(i))).toBe(ref(BigInt(i)));
    for (const i of [0, 7, 2_497_771])
      expect(BigInt(splitKey(i))).toBe(ref((BigInt(i) * 0x9e3779b1n + 42n) & 0xffffffffn));
  });

  it('samples are the smallest keys, ascending and nested', () => {
    const pool = Uint32Array.from({ length: 5000 }, (_v, k) => k * 3 + 1);
    const [a, b] = sampleSmallestKeys(pool, [100, 1000]);
    expect(a!.length).toBe(100);
    expect([...a!]).toEqual([...a!].sort((x, y) => x - y));
    const inB = new Set(b);
    expect([...a!].every((i) => inB.has(i))).toBe(true);
    const maxKeyA = Math.max(...[...a!].map((i) => splitKey(i)));
    const outside = [...pool].filter((i) => !new Set(a).has(i));
    expect(outside.every((i) => splitKey(i) > maxKeyA)).toBe(true);
  });

  it('a size beyond the pool takes the whole pool; the index hash ends each line in \\n', () => {
    const pool = Uint32Array.from([5, 2, 9]);
    expect([...sampleSmallestKeys(pool, [10])[0]!]).toEqual([2, 5, 9]);
    // sha256("1\n2\n")
    expect(indicesSha256(Uint32Array.from([1, 2]))).toBe(
      'a6e2b7a040683432de03a18fd8a1939a2fdf82585b364bfc874bdd4095c4cae1',
    );
  });

  it('user split: 20% test, disjoint, covering every row', () => {
    const { train, test } = userSplit(1001);
    expect(test.length).toBe(200);
    expect(train.length + test.length).toBe(1001);
    const t = new Set(test);
    expect([...train].some((i) => t.has(i))).toBe(false);
  });
});
