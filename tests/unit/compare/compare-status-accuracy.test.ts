import { describe, expect, it } from 'vitest';
import * as hdr from 'hdr-histogram-js';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import { job, latencies, result } from './make-result.js';
import type { JobResult } from '../../../results/schema.js';

const side = (jobs: JobResult[]) => sideFromResults([result(jobs)], ['x.json']);

describe('compare: status, accuracy, parity, histograms', () => {
  it('ok -> crashed is a regression', () => {
    const crashed = job({ status: 'crashed', samplesNs: undefined, error: { code: 'E_CRASH', message: 'SIGABRT' } });
    const c = compareSides(side([job()]), side([crashed]));
    expect(c.jobs[0]!.verdict).toBe('regression');
    expect(c.jobs[0]!.metrics[0]).toMatchObject({
      metric: 'status',
      baseline: 'ok',
      candidate: 'crashed',
      verdict: 'regression',
    });
  });

  it('an accuracy drop beyond the tolerance is a regression; within it unchanged', () => {
    const acc = (value: number) => job({ accuracy: { metric: 'accuracy', value, reference: null, ratio: null } });
    expect(compareSides(side([acc(0.9)]), side([acc(0.85)])).jobs[0]!.verdict).toBe('regression');
    expect(
      compareSides(side([acc(0.9)]), side([acc(0.895)])).jobs[0]!.metrics.find((m) => m.metric === 'accuracy')!.verdict,
    ).toBe('unchanged');
    // Lower-is-better metrics are read the other way round.
    const loss = (value: number) => job({ accuracy: { metric: 'logloss', value, reference: null, ratio: null } });
    expect(compareSides(side([loss(0.3)]), side([loss(0.4)])).jobs[0]!.verdict).toBe('regression');
  });

  it('parity pass -> fail is a regression', () => {
    const par = (pass: boolean) =>
      job({ parity: { reference: 'ort-node:cpu', maxAbsDiff: pass ? 0 : 1, maxRelDiff: 0, pass } });
    expect(compareSides(side([par(true)]), side([par(false)])).jobs[0]!.verdict).toBe('regression');
    expect(
      compareSides(side([par(false)]), side([par(true)])).jobs[0]!.metrics.find((m) => m.metric === 'parity')!.verdict,
    ).toBe('improvement');
  });

  it("takes a capped run's percentiles from its HDR histogram", () => {
    const encode = (values: number[]) => {
      const h = hdr.build();
      for (const v of values) h.recordValue(v);
      return {
        encoding: 'hdr-histogram-js/base64' as const,
        data: hdr.encodeIntoCompressedBase64(h),
        count: values.length,
      };
    };
    const base = latencies(1, 5000, 100_000);
    const cand = latencies(2, 5000, 110_000);
    const c = compareSides(
      side([job({ samplesNs: base.slice(0, 10), samplesCapped: true, histogramNs: encode(base) })]),
      side([job({ samplesNs: cand.slice(0, 10), samplesCapped: true, histogramNs: encode(cand) })]),
    );
    const p50 = c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(p50.nBaseline).toBe(1); // one run
    expect(p50.ratio!).toBeCloseTo(1.1, 2);
    expect(p50.verdict).toBe('inconclusive');
  });

  it('counts each repeat as one run, not its queries', () => {
    const reps = (median: number) =>
      [0, 1, 2].map((r) => job({ repeat: r, samplesNs: latencies(10 + r + median, 100, median) }));
    const c = compareSides(side(reps(100_000)), side(reps(100_000)));
    expect(c.jobs[0]!.repeatsBaseline).toBe(3);
    expect(c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!.nBaseline).toBe(3);
  });
});
