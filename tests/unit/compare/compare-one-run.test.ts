import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import { job, latencies, result } from './make-result.js';

const side = (jobs: ReturnType<typeof job>[]) => sideFromResults([result(jobs)], ['x.json']);

describe('compare: one run per side', () => {
  it('is reported with its ratio as not testable, never a regression, even at +50% over 4,000 queries', () => {
    const c = compareSides(
      side([job({ samplesNs: latencies(1, 4000, 100_000) })]),
      side([job({ samplesNs: latencies(2, 4000, 150_000) })]),
    );
    const p50 = c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(p50.ratio!).toBeCloseTo(1.5, 1);
    expect(p50.testedOn).toBe('none');
    expect(p50.pValue).toBeNull();
    expect(p50.verdict).toBe('inconclusive');
    expect(p50.note).toMatch(/one run per side: not testable/);
    expect(c.regression).toBe(false);
    expect(c.tests).toBe(0);
  });

  it('a job that breaks needs no statistics: ok -> crashed is a regression with one run per side', () => {
    const c = compareSides(
      side([job()]),
      side([job({ status: 'crashed', samplesNs: undefined, latencyNs: undefined })]),
    );
    expect(c.regression).toBe(true);
  });
});
