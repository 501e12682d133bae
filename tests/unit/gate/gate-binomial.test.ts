import { describe, expect, it } from 'vitest';
import { binomialInterval } from '../../../results/stats/index.js';

describe('gate: the exact binomial interval bench:gate prints', () => {
  it('0 of 10 is [0, 0.308] and 10 of 10 is [0.692, 1] (Clopper-Pearson)', () => {
    const none = binomialInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.3085, 3);
    const all = binomialInterval(10, 10);
    expect(all.low).toBeCloseTo(0.6915, 3);
    expect(all.high).toBe(1);
  });

  it('5 of 10 is symmetric about 0.5: [0.187, 0.813]', () => {
    const half = binomialInterval(5, 10);
    expect(half.rate).toBe(0.5);
    expect(half.low).toBeCloseTo(0.187, 3);
    expect(half.high).toBeCloseTo(0.813, 3);
  });
});
