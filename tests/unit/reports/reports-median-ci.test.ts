import { describe, expect, it } from 'vitest';
import { medianCi, MIN_SAMPLES_FOR_CI } from '../../../reports/median-ci.js';
import { fromValues } from '../../../results/stats/index.js';

describe('medianCi', () => {
  it('uses the LoadGen median and order statistics around it', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // unsorted 1..100
    const ci = medianCi(samples);
    expect(ci.median).toBe(51); // sorted[floor(100 * 0.5)]
    // half-width 1.96 * sqrt(100) / 2 = 9.8 -> indices 40 and 60
    expect(ci.low).toBe(41);
    expect(ci.high).toBe(61);
    expect(ci.n).toBe(100);
  });

  it('gives no interval below the minimum sample count', () => {
    const ci = medianCi(Array.from({ length: MIN_SAMPLES_FOR_CI - 1 }, (_, i) => i));
    expect(ci.low).toBeNull();
    expect(ci.high).toBeNull();
  });

  it('picks the order statistics exactly: the lone outlier lies outside the interval', () => {
    // n = 11: half-width 1.96 * sqrt(11) / 2 = 3.25 -> indices floor(2.25) = 2 and ceil(8.75) = 9.
    const ci = medianCi([9, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(ci).toEqual({ median: 5, low: 5, high: 5, n: 11 });
    const spread = medianCi([110, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect([spread.low, spread.median, spread.high]).toEqual([102, 105, 109]);
  });

  it('gives the same interval from a weighted sample (a decoded histogram)', () => {
    const values = Array.from({ length: 200 }, (_, i) => 1000 + (i % 37) * 10);
    expect(medianCi(fromValues(values))).toEqual(medianCi(values));
  });
});
