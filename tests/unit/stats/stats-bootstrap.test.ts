import { describe, expect, it } from 'vitest';
import { bootstrapRatioCi, createRng, fromValues, quantile } from '../../../results/stats/index.js';

function normalSample(seed: number, n: number, mean: number, sd: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => mean + sd * rng.normal());
}

/** Literal resampling, to check the order-statistic shortcut against. */
function naiveMedianRatios(base: number[], cand: number[], b: number, seed: number): number[] {
  const rng = createRng(seed);
  const med = (xs: number[]) => {
    const r = Array.from({ length: xs.length }, () => xs[Math.floor(rng.uniform() * xs.length)]!).sort((x, y) => x - y);
    return r[Math.floor(r.length / 2)]!;
  };
  return Array.from({ length: b }, () => med(cand) / med(base)).sort((x, y) => x - y);
}

describe('bootstrap CI of a ratio of quantiles', () => {
  it('is reproducible with a seed and brackets the point estimate', () => {
    const base = fromValues(normalSample(1, 500, 100, 5));
    const cand = fromValues(normalSample(2, 500, 110, 5));
    const a = bootstrapRatioCi(base, cand, { p: 0.5, seed: 7 });
    const b = bootstrapRatioCi(base, cand, { p: 0.5, seed: 7 });
    expect(a).toEqual(b);
    expect(a.ratio).toBeCloseTo(quantile(cand, 0.5) / quantile(base, 0.5), 12);
    expect(a.low!).toBeLessThanOrEqual(a.ratio);
    expect(a.high!).toBeGreaterThanOrEqual(a.ratio);
    expect(a.low!).toBeGreaterThan(1.05);
    expect(a.high!).toBeLessThan(1.15);
  });

  it('agrees with literal resampling (same law, different draws)', () => {
    const baseRaw = normalSample(3, 200, 50, 10);
    const candRaw = normalSample(4, 200, 50, 10);
    const fast = bootstrapRatioCi(fromValues(baseRaw), fromValues(candRaw), { p: 0.5, seed: 11, resamples: 4000 });
    const naive = naiveMedianRatios(baseRaw, candRaw, 4000, 12);
    const lowNaive = naive[Math.floor(4000 * 0.025)]!;
    const highNaive = naive[Math.floor(4000 * 0.975)]!;
    expect(Math.abs(fast.low! - lowNaive)).toBeLessThan(0.02);
    expect(Math.abs(fast.high! - highNaive)).toBeLessThan(0.02);
  });

  it('gives no interval for a single observation per side', () => {
    const r = bootstrapRatioCi(fromValues([10]), fromValues([12]), { p: 0.5, seed: 1 });
    expect(r.ratio).toBeCloseTo(1.2, 12);
    expect(r.low).toBeNull();
  });

  it('covers the true ratio about 95% of the time', () => {
    let covered = 0;
    for (let i = 0; i < 100; i++) {
      const base = fromValues(normalSample(100 + i, 300, 100, 10));
      const cand = fromValues(normalSample(900 + i, 300, 100, 10));
      const ci = bootstrapRatioCi(base, cand, { p: 0.5, seed: i, resamples: 500 });
      if (ci.low! <= 1 && ci.high! >= 1) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(88);
  });
});
