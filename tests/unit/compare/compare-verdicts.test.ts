import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import { job, result } from './make-result.js';

/** One run per value, each run's p50 exactly that value (a one-sample run). */
const side = (p50s: number[], extra: Partial<ReturnType<typeof job>> = {}) =>
  sideFromResults(
    [result(p50s.map((v, r) => job({ repeat: r, samplesNs: [v], memory: { peakRssBytes: 50e6 }, ...extra })))],
    ['x.json'],
  );
const spread = (median: number) =>
  [0.995, 1.004, 0.998, 1.002, 1, 0.997, 1.003, 1.001].map((f) => Math.round(median * f));
const p50Of = (c: ReturnType<typeof compareSides>) => c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;

describe('compare verdicts (8 runs per side, 0.3% run-to-run CV)', () => {
  it('A against A is unchanged', () => {
    const c = compareSides(side(spread(100_000)), side(spread(100_000)));
    expect(c.regression).toBe(false);
    expect(c.jobs.map((j) => j.verdict)).toEqual(['unchanged']);
  });

  it('a 10% slower candidate is a regression, significant after Holm, with a CI around +10%', () => {
    const c = compareSides(side(spread(100_000)), side(spread(110_000)));
    expect(c.regression).toBe(true);
    const p50 = p50Of(c);
    expect(p50.verdict).toBe('regression');
    expect(p50.ciLow!).toBeGreaterThan(1.08);
    expect(p50.ciHigh!).toBeLessThan(1.12);
    expect(p50.pAdjusted!).toBeLessThan(0.05);
  });

  it('a 0.5% slower candidate is unchanged: its whole CI is within the 2% threshold', () => {
    expect(p50Of(compareSides(side(spread(100_000)), side(spread(100_500)))).verdict).toBe('unchanged');
  });

  it('a 10% faster candidate is an improvement', () => {
    expect(p50Of(compareSides(side(spread(100_000)), side(spread(90_000)))).verdict).toBe('improvement');
  });

  it('single-stream throughput is reported, not judged; offline throughput is judged', () => {
    const c = compareSides(
      side(spread(100_000), { throughputPerS: 1000 }),
      side(spread(100_000), { throughputPerS: 800 }),
    );
    const t = c.jobs[0]!.metrics.find((m) => m.metric === 'throughput')!;
    expect(t.judged).toBe(false);
    expect(c.regression).toBe(false);
    const offline = { scenario: 'offline' as const };
    const o = compareSides(
      side(spread(100_000), { ...offline, throughputPerS: 1000 }),
      side(spread(100_000), { ...offline, throughputPerS: 800 }),
    );
    expect(o.jobs[0]!.metrics.find((m) => m.metric === 'throughput')!.judged).toBe(true);
  });
});
