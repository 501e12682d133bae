import { describe, expect, it } from 'vitest';
import { compareSides, decideTail, sideFromResults, type MetricComparison } from '../../../results/compare/index.js';
import { job, latencies, result } from './make-result.js';

const side = (samplesNs: number[]) => sideFromResults([result([job({ samplesNs })])], ['x.json']);

/** Same body, with an interference burst: the slowest 3% of queries take 3x longer. */
function withBurst(samples: number[]): number[] {
  const sorted = [...samples].sort((a, b) => a - b);
  const cut = sorted[Math.floor(sorted.length * 0.97)]!;
  return samples.map((v) => (v >= cut ? v * 3 : v));
}

describe('compare: tail percentiles', () => {
  it('a tail-only change is reported but not a regression by default', () => {
    const base = latencies(1, 4000, 100_000);
    const c = compareSides(side(base), side(withBurst(latencies(2, 4000, 100_000))));
    const p99 = c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p99')!;
    expect(p99.ratio!).toBeGreaterThan(2);
    expect(p99.verdict).toBe('inconclusive');
    expect(p99.note).toMatch(/tail: not judged/);
    expect(c.regression).toBe(false);
  });

  it('with judgeTails, a uniform slowdown is a regression at p99 too', () => {
    const c = compareSides(side(latencies(1, 4000, 100_000)), side(latencies(2, 4000, 120_000)), { judgeTails: true });
    expect(c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p99')!.verdict).toBe('regression');
  });

  it('with judgeTails, a tail whose CI reaches inside the threshold stays inconclusive', () => {
    const row: MetricComparison = {
      metric: 'latency.p99', unit: 'ns', better: 'lower', baseline: 100, candidate: 120, nBaseline: 1000, nCandidate: 1000,
      ratio: 1.2, ciLow: 1.01, ciHigh: 1.5, testedOn: 'samples', pValue: 1e-6, pAdjusted: 1e-6, effect: 0.7, thresholdPct: 5, verdict: 'unchanged',
    };
    expect(decideTail(row, 0.01, true)).toBe('inconclusive');
    expect(decideTail({ ...row, ciLow: 1.1 }, 0.01, true)).toBe('regression');
    expect(decideTail({ ...row, ciLow: 1.1 }, 0.01, false)).toBe('inconclusive');
  });
});
