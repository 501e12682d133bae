import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import { job, latencies, result } from './make-result.js';

const side = (jobs: ReturnType<typeof job>[], id = 'm-1') => sideFromResults([result(jobs, id)], ['x.json']);

describe('compare verdicts', () => {
  it('A against A is unchanged everywhere', () => {
    const a = side([job()]);
    const c = compareSides(a, a);
    expect(c.regression).toBe(false);
    expect(c.jobs.map((j) => j.verdict)).toEqual(['unchanged']);
    expect(c.jobs[0]!.metrics.every((m) => m.verdict === 'unchanged')).toBe(true);
  });

  it('a 20% slower candidate is a regression, significant after Holm', () => {
    const c = compareSides(side([job()]), side([job({ samplesNs: latencies(2, 400, 120_000) })]));
    expect(c.regression).toBe(true);
    const p50 = c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(p50.verdict).toBe('regression');
    expect(p50.ratio!).toBeGreaterThan(1.15);
    expect(p50.ciLow!).toBeGreaterThan(1.1);
    expect(p50.pAdjusted!).toBeLessThan(0.01);
  });

  it('a 0.5% slower candidate is unchanged even though it may be significant', () => {
    const c = compareSides(side([job()]), side([job({ samplesNs: latencies(3, 400, 100_500) })]));
    expect(c.regression).toBe(false);
    expect(c.jobs[0]!.verdict).toBe('unchanged');
  });

  it('large but not significant (few samples, noisy) is inconclusive', () => {
    const c = compareSides(side([job({ samplesNs: latencies(4, 5, 100_000, 0.3) })]), side([job({ samplesNs: latencies(5, 5, 112_000, 0.3) })]));
    expect(c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!.verdict).toMatch(/inconclusive|unchanged/);
    expect(c.regression).toBe(false);
  });

  it('a single throughput value per side is not testable: inconclusive, never a regression', () => {
    const c = compareSides(side([job({ throughputPerS: 1000 })]), side([job({ throughputPerS: 800 })]));
    const t = c.jobs[0]!.metrics.find((m) => m.metric === 'throughput')!;
    expect(t.testedOn).toBe('none');
    expect(t.verdict).toBe('inconclusive');
  });

  it('throughput over repeats is tested on the repeats', () => {
    const base = [0, 1, 2, 3, 4, 5, 6, 7].map((r) => job({ repeat: r, throughputPerS: 1000 + r }));
    const cand = [0, 1, 2, 3, 4, 5, 6, 7].map((r) => job({ repeat: r, throughputPerS: 800 + r }));
    const t = compareSides(side(base), side(cand)).jobs[0]!.metrics.find((m) => m.metric === 'throughput')!;
    expect(t.testedOn).toBe('repeats');
    expect(t.nBaseline).toBe(8);
    expect(t.verdict).toBe('regression');
  });

  it('too few repeats to ever be significant: not testable, noted with the repeats needed, outside the Holm family', () => {
    const base = [0, 1, 2].map((r) => job({ repeat: r, throughputPerS: 1000 + r }));
    const cand = [0, 1, 2].map((r) => job({ repeat: r, throughputPerS: 800 + r }));
    const c = compareSides(side(base), side(cand));
    const t = c.jobs[0]!.metrics.find((m) => m.metric === 'throughput')!;
    expect(t.testedOn).toBe('none');
    expect(t.pValue).toBeNull();
    expect(t.verdict).toBe('inconclusive');
    expect(t.note).toMatch(/needs >= 5 repeats per side/);
    expect(c.tests).toBe(1); // the latency test only
  });
});
