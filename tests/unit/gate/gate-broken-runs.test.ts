import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import type { JobResult } from '../../../results/schema.js';
import { job, result } from '../compare/make-result.js';

const runs = (n: number, broken: number, status: JobResult['status'] = 'timeout') =>
  Array.from({ length: n }, (_, r) =>
    r < broken
      ? job({ repeat: r, status, samplesNs: undefined, error: { code: 'E_TIMEOUT', message: 'over 60 s' } })
      : job({ repeat: r, samplesNs: [100_000 + r] }),
  );
const side = (jobs: JobResult[]) => sideFromResults([result(jobs)], ['x.json']);

describe('gate: broken runs are tested (why 2)', () => {
  it('one timeout among 8 candidate runs with identical timings is not a regression', () => {
    const c = compareSides(side(runs(8, 0)), side(runs(8, 1)));
    const status = c.jobs[0]!.metrics.find((m) => m.metric === 'status')!;
    expect(status.testedOn).toBe('counts');
    expect(status.pValue!).toBeCloseTo(1, 10);
    expect(status.verdict).not.toBe('regression');
    expect(c.regression).toBe(false);
    expect(c.failed).toBe(false);
  });

  it('the status test joins the Holm family', () => {
    const c = compareSides(side(runs(8, 0)), side(runs(8, 1)));
    expect(c.tests).toBe(c.jobs[0]!.metrics.filter((m) => m.pAdjusted !== null && m.judged).length);
    expect(c.jobs[0]!.metrics.find((m) => m.metric === 'status')!.pAdjusted).not.toBeNull();
  });

  it('0 of 8 against 6 of 8 broken is a significant regression (Fisher p < 0.01)', () => {
    const c = compareSides(side(runs(8, 0)), side(runs(8, 6, 'crashed')));
    const status = c.jobs[0]!.metrics.find((m) => m.metric === 'status')!;
    expect(status.pValue!).toBeLessThan(0.01);
    expect(status.verdict).toBe('regression');
  });

  it('every candidate run broken is a regression, even with one run per side', () => {
    expect(compareSides(side(runs(8, 0)), side(runs(8, 8, 'crashed'))).regression).toBe(true);
    expect(compareSides(side(runs(1, 0)), side(runs(1, 1, 'crashed'))).jobs[0]!.verdict).toBe('regression');
  });

  it('a deterministic parity flip stays a verdict', () => {
    const par = (pass: boolean, r: number) =>
      job({
        repeat: r,
        samplesNs: [100_000],
        parity: { reference: 'float64', maxAbsDiff: pass ? 0 : 1, maxRelDiff: 0, pass },
      });
    const c = compareSides(side([0, 1, 2].map((r) => par(true, r))), side([0, 1, 2].map((r) => par(false, r))));
    const parity = c.jobs[0]!.metrics.find((m) => m.metric === 'parity')!;
    expect(parity.verdict).toBe('regression');
    expect(parity.testedOn).toBe('none');
  });
});
