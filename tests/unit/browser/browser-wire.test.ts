/** Tensors cross the DevTools protocol as base64 bytes: bit for bit, every dtype; software renderers are named. */
import { describe, expect, it } from 'vitest';
import { decodeFeeds, encodeFeeds, isSoftwareRenderer } from '../../../harness/browser/wire.js';
import type { Feeds } from '../../../harness/types.js';

describe('browser wire format', () => {
  it('round-trips float32 (NaN, -0, subnormals), int64, uint8 and strings exactly', () => {
    const f = new Float32Array([1.5, -0, NaN, 1e-45, 3.4e38, -2.25]);
    const feeds: Feeds = {
      x: { dtype: 'float32', dims: [2, 3], data: f },
      ids: { dtype: 'int64', dims: [2], data: new BigInt64Array([-1n, 2n ** 40n]) },
      mask: { dtype: 'uint8', dims: [3], data: new Uint8Array([0, 255, 7]) },
      s: { dtype: 'string', dims: [2], data: ['a', 'ß'] },
    };
    const back = decodeFeeds(JSON.parse(JSON.stringify(encodeFeeds(feeds))));
    expect(new Uint8Array((back.x!.data as Float32Array).buffer)).toEqual(new Uint8Array(f.buffer));
    expect(back.x!.dims).toEqual([2, 3]);
    expect(back.ids!.data).toEqual(new BigInt64Array([-1n, 2n ** 40n]));
    expect(back.mask!.data).toEqual(new Uint8Array([0, 255, 7]));
    expect(back.s!.data).toEqual(['a', 'ß']);
  });

  it('encodes a view of a larger buffer, not the whole buffer', () => {
    const big = new Float32Array([9, 1, 2, 9]);
    const back = decodeFeeds(encodeFeeds({ y: { dtype: 'float32', dims: [2], data: big.subarray(1, 3) } }));
    expect(Array.from(back.y!.data as Float32Array)).toEqual([1, 2]);
  });

  it('refuses an unknown dtype naming the tensor', () => {
    expect(() => decodeFeeds({ z: { dtype: 'complex64' as never, dims: [1], base64: '' } })).toThrow(
      /tensor "z".*complex64/,
    );
  });

  it('flags SwiftShader and llvmpipe as software, a real GPU not', () => {
    expect(
      isSoftwareRenderer(
        'Google Inc. (Google) ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
      ),
    ).toBe(true);
    expect(isSoftwareRenderer('Mesa llvmpipe (LLVM 19.1.7, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA H100 80GB HBM3 (0x00002330), Vulkan 1.3)')).toBe(false);
  });
});
