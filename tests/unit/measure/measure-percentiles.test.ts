import { describe, expect, it } from 'vitest';
import { percentileSorted, summarize } from '../../../harness/measure/percentiles.js';

describe('percentiles (LoadGen rule: sorted[floor(n*p)])', () => {
  it('is exact on 1..100', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // unsorted on purpose
    const s = summarize(samples);
    expect(s).toEqual({ min: 1, p50: 51, p90: 91, p95: 96, p97: 98, p99: 100, p999: 100, max: 100, mean: 50.5 });
  });

  it('takes the upper median for even n and clamps at the last element', () => {
    expect(percentileSorted([1, 2, 3, 4], 0.5)).toBe(3);
    expect(percentileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(percentileSorted([7], 0.99)).toBe(7);
  });

  it('returns NaN for no samples and rejects p outside [0, 1]', () => {
    expect(summarize([]).p50).toBeNaN();
    expect(() => percentileSorted([1], 1.5)).toThrow(RangeError);
  });
});
