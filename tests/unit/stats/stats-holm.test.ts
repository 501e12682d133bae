import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../results/stats/index.js';

describe('Holm correction', () => {
  it('matches a hand-worked example', () => {
    // p = [0.01, 0.04, 0.03, 0.005], m = 4. Sorted: 0.005, 0.01, 0.03, 0.04.
    // Step-down: 4*0.005 = 0.02; 3*0.01 = 0.03; 2*0.03 = 0.06; max(0.06, 1*0.04) = 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted[0]).toBeCloseTo(0.03, 15);
    expect(adjusted[1]).toBeCloseTo(0.06, 15);
    expect(adjusted[2]).toBeCloseTo(0.06, 15);
    expect(adjusted[3]).toBeCloseTo(0.02, 15);
  });

  it('caps at 1 and keeps non-tests (NaN) out of the family', () => {
    const adjusted = holmAdjust([0.6, Number.NaN, 0.3]);
    // m = 2 (NaN is not a test): 2*0.3 = 0.6; max(0.6, 0.6) = 0.6.
    expect(adjusted[0]).toBeCloseTo(0.6, 15);
    expect(Number.isNaN(adjusted[1])).toBe(true);
    expect(adjusted[2]).toBeCloseTo(0.6, 15);
    expect(holmAdjust([0.9, 0.8])).toEqual([1, 1]);
  });

  it('agrees with the textbook rejection rule at alpha = 0.05', () => {
    // Rejects while p_(i) <= alpha / (m - i + 1): 0.001 <= 0.0125, 0.012 <= 0.0167, 0.03 > 0.025 stop.
    const p = [0.03, 0.001, 0.2, 0.012];
    const rejected = holmAdjust(p).map((a) => a <= 0.05);
    expect(rejected).toEqual([false, true, false, true]);
  });

  it('handles an empty family', () => {
    expect(holmAdjust([])).toEqual([]);
  });
});
