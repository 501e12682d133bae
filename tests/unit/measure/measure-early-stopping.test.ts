import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import {
  allowedOverlatencyCount,
  earlyStoppingEstimate,
  earlyStoppingMinQueries,
  minQueriesForOverlatency,
} from '../../../harness/measure/early-stopping.js';

/**
 * Independent computation in LoadGen's own terms: odds(h, t) = BetaRegularized[p, h, 1 + t]
 * (jstat's regularised incomplete beta); h(t) = the least h with odds <= 1 - c; n queries allow
 * t over-latency queries when n >= h(t) + t.
 */
function minUnderLatency(t: number, p: number, c = 0.99): number {
  let h = 1;
  while (jStat.ibeta(p, h, 1 + t) > 1 - c) h++;
  return h;
}
function allowedByLoadGenRule(n: number, p: number): number {
  let t = -1;
  while (minUnderLatency(t + 1, p) + (t + 1) <= n) t++;
  return t;
}

describe('early stopping (binomial rule, confidence 0.99)', () => {
  it('needs 64 queries at p90 and 662 at p99, as LoadGen reports', () => {
    expect(earlyStoppingMinQueries(0.9)).toBe(64);
    expect(earlyStoppingMinQueries(0.99)).toBe(662);
    // t = 0 needs p^n <= 0.01: n >= ln(0.01) / ln(0.9) = 43.7.
    expect(minQueriesForOverlatency(0, 0.9)).toBe(44);
    expect(minQueriesForOverlatency(0, 0.99)).toBe(459);
  });

  it("discards 172 of 2048 queries at p90 (LoadGen's published example)", () => {
    // LoadGen: "Processed 2048 queries... Would discard 172 highest latency queries": t - 1.
    expect(allowedOverlatencyCount(2048, 0.9) - 1).toBe(172);
  });

  it.each([44, 63, 64, 100, 250, 1000])(
    'allowed over-latency count at p90 for n = %i matches the beta formulation',
    (n) => {
      expect(allowedOverlatencyCount(n, 0.9)).toBe(allowedByLoadGenRule(n, 0.9));
    },
  );

  it.each([459, 661, 662, 1500])('allowed over-latency count at p99 for n = %i matches the beta formulation', (n) => {
    expect(allowedOverlatencyCount(n, 0.99)).toBe(allowedByLoadGenRule(n, 0.99));
  });

  it('is -1 below the minimum and grows about like n (1 - p) for large n', () => {
    expect(allowedOverlatencyCount(43, 0.9)).toBe(-1);
    const t = allowedOverlatencyCount(1_000_000, 0.9);
    expect(t).toBeGreaterThan(99_000);
    expect(t).toBeLessThan(100_000);
  });

  it('estimates the percentile at rank n - t of the sorted latencies', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    const t = allowedOverlatencyCount(100, 0.9);
    expect(earlyStoppingEstimate(100, 0.9, (r) => sorted[r]!)).toBe(sorted[100 - t]);
    expect(earlyStoppingEstimate(63, 0.9, (r) => sorted[r]!)).toBeNull();
  });
});
