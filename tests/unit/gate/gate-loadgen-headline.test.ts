import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import type { JobResult } from '../../../results/schema.js';
import { job, latencies, result } from '../compare/make-result.js';

const side = (jobs: JobResult[]) => sideFromResults([result(jobs)], ['x.json']);

/** A Server run with a steady p50: VALID, or INVALID (p99 over the bound). */
const server = (r: number, valid: boolean) =>
  job({
    repeat: r,
    scenario: 'server',
    status: valid ? 'ok' : 'invalid',
    samplesNs: latencies(r + 1, 400, 100_000, 0.01),
    validity: {
      valid,
      result: valid ? 'VALID' : 'INVALID',
      reasons: valid ? [] : ['p99 latency over the bound'],
      recommendations: [],
    },
  });

/** A single-stream run whose headline (early stopping p90) is `p90Us`, with the same p50. */
const single = (r: number, p90Us: number) =>
  job({
    repeat: r,
    samplesNs: latencies(r + 1, 400, 100_000, 0.01),
    metric: {
      name: 'p90 latency (early stopping)',
      value: p90Us * 1000 * (1 + 0.001 * r),
      unit: 'ns',
      key: 'early_stopping_latency_ss',
    },
  });

describe("gate: LoadGen's headline is judged (why 5)", () => {
  it('VALID -> INVALID with a steady p50 is a regression', () => {
    const c = compareSides(
      side([0, 1, 2, 3].map((r) => server(r, true))),
      side([0, 1, 2, 3].map((r) => server(r, false))),
    );
    expect(c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!.verdict).not.toBe('regression');
    expect(c.jobs[0]!.metrics.find((m) => m.metric === 'validity')).toMatchObject({
      baseline: 'VALID',
      candidate: 'INVALID',
      verdict: 'regression',
    });
    expect(c.jobs[0]!.verdict).toBe('regression');
  });

  it('with one run per side, VALID -> INVALID is a regression too', () => {
    expect(compareSides(side([server(0, true)]), side([server(0, false)])).regression).toBe(true);
  });

  it('the single-stream early-stopping p90 is judged: +15% is a regression while p50 holds', () => {
    const c = compareSides(
      side([0, 1, 2, 3, 4, 5].map((r) => single(r, 130))),
      side([0, 1, 2, 3, 4, 5].map((r) => single(r, 150))),
    );
    const headline = c.jobs[0]!.metrics.find((m) => m.metric === 'loadgen.early_stopping_latency_ss')!;
    expect(headline).toMatchObject({ judged: true, better: 'lower', verdict: 'regression' });
    expect(c.regression).toBe(true);
  });
});
