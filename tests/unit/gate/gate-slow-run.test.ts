import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import { job, result } from '../compare/make-result.js';

/** One run per value, p50 in µs (issue 22, "Why" 1 and 4: 8 runs a side, null runtime). */
const side = (p50Us: number[]) =>
  sideFromResults([result(p50Us.map((v, r) => job({ repeat: r, samplesNs: [v * 1000] })))], ['x.json']);
const p50 = (a: number[], b: number[]) =>
  compareSides(side(a), side(b)).jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
const A = [100, 100.2, 99.9, 100.1, 100, 99.8, 100.3, 100.1];

describe('gate: one slow run', () => {
  it('cannot hide a proven regression (why 1)', () => {
    const c = compareSides(side(A), side([110, 110.2, 109.9, 110.1, 110, 109.8, 110.3, 160]));
    const row = c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(row.verdict).toBe('regression');
    expect(row.pValue!).toBeCloseTo(2 / 12870, 8);
    expect(row.ciLow!).toBeGreaterThan(1.02);
    expect(row.ratio!).toBeCloseTo(1.1, 2);
    expect(c.jobs[0]!.verdict).toBe('regression');
    expect(c.failed).toBe(true);
  });

  it('the point estimate lies inside its own CI (why 4)', () => {
    const row = p50(A, [100, 100.1, 99.9, 100, 130, 130.1, 129.9, 130]);
    expect(row.ciLow!).toBeLessThanOrEqual(row.ratio!);
    expect(row.ratio!).toBeLessThanOrEqual(row.ciHigh!);
    expect(row.verdict).toBe('inconclusive');
  });

  it('the MDE is a planning figure: a regression beyond the threshold but below the MDE is still a regression', () => {
    const row = p50(A, [110, 110.2, 109.9, 110.1, 110, 109.8, 110.3, 160]);
    expect(row.mdePct).not.toBeNull();
    expect(row.verdict).toBe('regression');
  });
});
