import { describe, expect, it } from 'vitest';
import { medianCi, MIN_SAMPLES_FOR_CI } from '../../../reports/median-ci.js';

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

  it('clamps to the data and brackets the median', () => {
    const ci = medianCi([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 9]);
    expect(ci.low).toBe(5);
    expect(ci.high).toBeLessThanOrEqual(9);
    expect(ci.low! <= ci.median && ci.median <= ci.high!).toBe(true);
  });
});
