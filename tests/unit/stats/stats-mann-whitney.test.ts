import { describe, expect, it } from 'vitest';
import { exactUDistribution, fromValues, mannWhitneyU, minimumPerSide, minimumPValue } from '../../../results/stats/index.js';

// Reference values computed independently with scipy 1.17.1, scipy.stats.mannwhitneyu
// (two-sided; asymptotic = normal approximation with tie and continuity corrections).
const males = [19, 22, 16, 29, 24];
const females = [20, 11, 17, 12];

describe('Mann-Whitney U', () => {
  it('matches scipy exact p for a small sample without ties', () => {
    const r = mannWhitneyU(fromValues(males), fromValues(females));
    expect(r.method).toBe('exact');
    expect(r.u1).toBe(17);
    expect(r.pValue).toBeCloseTo(0.1111111111111111, 12);
  });

  it('matches scipy asymptotic p for the same sample', () => {
    const r = mannWhitneyU(fromValues(males), fromValues(females), 'normal');
    expect(r.pValue).toBeCloseTo(0.11134688653314041, 12);
  });

  it('matches scipy with ties (normal approximation, tie correction)', () => {
    const r = mannWhitneyU(fromValues([1, 2, 2, 3, 3, 3, 4, 5]), fromValues([2, 3, 4, 4, 5, 5, 6, 6, 7]));
    expect(r.method).toBe('normal');
    expect(r.u1).toBe(13.5);
    expect(r.pValue).toBeCloseTo(0.03175895714806371, 12);
  });

  it('matches scipy exact p for 10 vs 12', () => {
    const a = [0.8, 1.1, 1.3, 1.9, 2.2, 2.4, 3.0, 3.1, 3.5, 4.0];
    const b = [1.5, 2.7, 3.3, 3.8, 4.1, 4.6, 5.0, 5.2, 6.1, 7.3, 7.9, 8.5];
    const r = mannWhitneyU(fromValues(a), fromValues(b));
    expect(r.u1).toBe(14);
    expect(r.pValue).toBeCloseTo(0.0015186052337755125, 12);
    // Symmetric: swapping sides gives the same two-sided p.
    expect(mannWhitneyU(fromValues(b), fromValues(a)).pValue).toBeCloseTo(r.pValue, 14);
  });

  it('exact distribution: hand-worked n1=2, n2=2 is 1,1,2,1,1 over 6', () => {
    const d = Array.from(exactUDistribution(2, 2)).map((p) => Math.round(p * 6));
    expect(d).toEqual([1, 1, 2, 1, 1]);
    const sum = exactUDistribution(7, 9).reduce((s, p) => s + p, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('weighted counts equal repeated observations', () => {
    const raw = mannWhitneyU(fromValues([1, 1, 1, 2, 3, 3]), fromValues([2, 2, 3, 4, 4]));
    const weighted = mannWhitneyU(
      { values: Float64Array.of(1, 2, 3), counts: Float64Array.of(3, 1, 2), n: 6 },
      { values: Float64Array.of(2, 3, 4), counts: Float64Array.of(2, 1, 2), n: 5 },
    );
    expect(weighted.u1).toBe(raw.u1);
    expect(weighted.pValue).toBeCloseTo(raw.pValue, 14);
    expect(raw.pValue).toBeCloseTo(0.10962761280255269, 12); // scipy 1.17.1
  });

  it('all values tied gives p = 1', () => {
    expect(mannWhitneyU(fromValues([5, 5, 5]), fromValues([5, 5])).pValue).toBe(1);
  });
});

describe('smallest possible p-value', () => {
  it('is 2 / C(2n, n) for n per side, as the exact test reaches at complete separation', () => {
    expect(minimumPValue(2, 2)).toBeCloseTo(1 / 3, 10);
    expect(minimumPValue(3, 3)).toBeCloseTo(0.1, 10);
    expect(minimumPValue(4, 4)).toBeCloseTo(2 / 70, 10);
    expect(minimumPValue(1, 1)).toBe(1);
    const separated = mannWhitneyU(fromValues([1, 2, 3, 4]), fromValues([5, 6, 7, 8]));
    expect(separated.pValue).toBeCloseTo(minimumPValue(4, 4), 10);
  });

  it('needs 5 per side at alpha 0.01 and 4 at 0.05', () => {
    expect(minimumPerSide(0.01)).toBe(5);
    expect(minimumPerSide(0.05)).toBe(4);
  });
});
