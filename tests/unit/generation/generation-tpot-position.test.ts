import { describe, expect, it } from 'vitest';
import type { DecoderLayout } from '../../../harness/generation/decoder-layout.js';
import {
  bootstrapRatio,
  expectedRatios,
  gapSpread,
  sweepOutputTokens,
  sweepPromptTokens,
  windowGaps,
} from '../../../harness/generation/tpot-position.js';
import { transformerConfig } from '../../../harness/models/transformer/config.js';

/** Token times whose gap i is i x 10 ns, so a gap names its decode step. */
const times = (n: number) => Array.from({ length: n }, (_, i) => BigInt(5 * i * (i + 1)));

describe('TPOT by cache position', () => {
  it('takes the steps at P..P+steps-1 cached rows of one request, and refuses a short one', () => {
    // prompt 12: step i feeds position 11 + i, so the window of 16 is steps 5 and 6.
    expect(windowGaps(times(12), 12, [16, 20], 2)).toEqual([
      [50, 60],
      [90, 100],
    ]);
    expect(() => windowGaps(times(10), 12, [16, 20], 2)).toThrow(
      /position 20 needs 11 output tokens, the request has 10/,
    );
    expect(() => windowGaps(times(40), 12, [8], 2)).toThrow(/inside the 12-token prompt/);
  });

  it('sizes the sweep request to the last window exactly', () => {
    const positions = [16, 64, 128];
    const prompt = sweepPromptTokens(positions),
      n = sweepOutputTokens(positions, 8);
    expect([prompt, n]).toEqual([12, 125]);
    expect(windowGaps(times(n), prompt, positions, 8)[2]).toHaveLength(8);
    expect(() => windowGaps(times(n - 1), prompt, positions, 8)).toThrow(RangeError);
  });

  it('median and quartiles by the LoadGen rule; max/min of medians with a seeded bootstrap interval', () => {
    expect(gapSpread([4, 1, 3, 2])).toEqual({ n: 4, medianNs: 3, q1Ns: 2, q3Ns: 4 });
    expect(
      bootstrapRatio([
        [5, 5, 5],
        [5, 5, 5],
      ]),
    ).toEqual({ ratio: 1, low: 1, high: 1 });
    const noisy = [
      Array.from({ length: 60 }, (_, i) => 100 + (i % 7)),
      Array.from({ length: 60 }, (_, i) => 200 + (i % 11)),
    ];
    const r = bootstrapRatio(noisy);
    expect(r.ratio).toBeCloseTo(205 / 103, 6);
    expect(r.low).toBeLessThanOrEqual(r.ratio);
    expect(r.high).toBeGreaterThanOrEqual(r.ratio);
    expect(r.high).toBeLessThan(2.1);
    expect(bootstrapRatio(noisy)).toEqual(r);
  });

  it("predicts the standard gpt's cached ratio from FLOPs and bytes per step", () => {
    const config = transformerConfig('gpt', {
      layers: 4,
      hidden: 256,
      heads: 4,
      intermediate: 1024,
      vocab: 8192,
      context: 256,
    });
    const cache = Array.from({ length: 8 }, () => ({ heads: 4, headDim: 64, dtype: 'float32' }));
    const layout = { cache } as unknown as DecoderLayout;
    const input = { config, weightsBytes: 20e6, layout, positions: [16, 64, 128], steps: 8, cacheTouches: 1 };
    const once = expectedRatios(input);
    // Windows attend over 20.5 and 132.5 rows: 4 layers x 2 x 2 x 256 FLOPs per row on a fixed 10,485,760.
    expect(once.flops).toBeCloseTo((10_485_760 + 4096 * 132.5) / (10_485_760 + 4096 * 20.5), 9);
    // KV cache: 4 layers x (key, value) x 256 floats x 4 bytes = 8192 bytes per row.
    expect(once.bytesCacheOnce).toBeCloseTo((20e6 + 8192 * 132.5) / (20e6 + 8192 * 20.5), 9);
    expect(once.bytesCacheTouched).toBe(once.bytesCacheOnce);
    expect(expectedRatios({ ...input, cacheTouches: 7 }).bytesCacheTouched).toBeCloseTo(
      (20e6 + 7 * 8192 * 132.5) / (20e6 + 7 * 8192 * 20.5),
      9,
    );
    expect(once.uncachedGrowth).toBeGreaterThan(6);
    expect(expectedRatios({ ...input, config: null })).toMatchObject({ flops: null, uncachedGrowth: null });
  });
});
