import { describe, expect, it } from 'vitest';
import {
  logRatioInterval, minimumDetectableEffect, minimumPerSide, minimumPValue, permutationTest, pooledCv, runCv, runsNeeded,
} from '../../../results/stats/index.js';

describe('run-level statistics', () => {
  it('complete separation at 5 vs 5 gives the smallest exact p, 2 / C(10, 5)', () => {
    const r = permutationTest([100, 101, 102, 103, 104], [110, 111, 112, 113, 114]);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(2 / 252, 12);
    expect(r.minimumP).toBeCloseTo(2 / 252, 12);
  });

  it('the smallest p is 2 / C(2n, n): 5 runs per side reach 0.01, 4 reach 0.05', () => {
    expect(minimumPValue(2, 2)).toBeCloseTo(1 / 3, 10);
    expect(minimumPValue(4, 4)).toBeCloseTo(2 / 70, 10);
    expect(minimumPValue(8, 8)).toBeCloseTo(2 / 12870, 12);
    expect(minimumPValue(1, 1)).toBe(1);
    expect(minimumPerSide(0.01)).toBe(5);
    expect(minimumPerSide(0.05)).toBe(4);
  });

  it('3 vs 3 can never go below p = 0.1, however large the shift', () => {
    expect(permutationTest([1, 1.01, 1.02], [5, 5.01, 5.02]).pValue).toBeCloseTo(0.1, 12);
  });

  it('interleaved identical sides are not significant; one run per side gives p = 1', () => {
    expect(permutationTest([100, 103, 101, 104], [102, 100, 104, 101]).pValue).toBeGreaterThan(0.5);
    expect(permutationTest([100], [150]).pValue).toBe(1);
  });

  it('above 50,000 splits it is a seeded Monte Carlo test, reproducible', () => {
    const a = Array.from({ length: 10 }, (_, i) => 100 + i);
    const b = Array.from({ length: 10 }, (_, i) => 104 + i);
    const r = permutationTest(a, b, 3);
    expect(r.method).toBe('monte-carlo');
    expect(r.pValue).toBe(permutationTest(a, b, 3).pValue);
    expect(r.pValue).toBeGreaterThan(0.001);
    expect(r.pValue).toBeLessThan(0.05);
  });

  it('the Welch interval of the ratio covers the true ratio and widens with noise', () => {
    const tight = logRatioInterval([100, 101, 99, 100], [110, 111, 109, 110])!;
    expect(tight.low).toBeLessThan(1.1);
    expect(tight.high).toBeGreaterThan(1.1);
    const wide = logRatioInterval([100, 120, 85, 100], [110, 130, 95, 110])!;
    expect(wide.high - wide.low).toBeGreaterThan(5 * (tight.high - tight.low));
    expect(logRatioInterval([100], [110])).toBeNull();
  });

  it('CV is the sd of the logs, pooled over sides', () => {
    expect(runCv([100])).toBe(0);
    expect(runCv([100, 100 * Math.exp(0.1)])).toBeCloseTo(0.1 / Math.SQRT2, 10);
    expect(pooledCv([100, 100 * Math.exp(0.1)], [50, 50 * Math.exp(0.1)])).toBeCloseTo(0.1 / Math.SQRT2, 10);
  });

  it('the minimum detectable effect grows with noise, shrinks with runs, and is infinite when alpha is out of reach', () => {
    const mde = (cv: number, n: number) => minimumDetectableEffect(cv, n, n, 0.05);
    expect(mde(0.02, 8)).toBeLessThan(mde(0.04, 8));
    expect(mde(0.02, 16)).toBeLessThan(mde(0.02, 8));
    expect(mde(0.02, 8)).toBeGreaterThan(0.02);
    expect(mde(0.02, 3)).toBeGreaterThan(0.02);
    expect(minimumDetectableEffect(0.02, 3, 3, 0.01)).toBe(Number.POSITIVE_INFINITY); // 3 vs 3 cannot reach 0.01
    const n = runsNeeded(0.05, 0.05, 0.05)!;
    expect(minimumDetectableEffect(0.05, n, n, 0.05)).toBeLessThanOrEqual(0.05);
    expect(minimumDetectableEffect(0.05, n - 1, n - 1, 0.05)).toBeGreaterThan(0.05);
  });
});
