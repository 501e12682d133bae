import { describe, expect, it } from 'vitest';
import { compareSides, noisyNote, sideFromResults } from '../../../results/compare/index.js';
import { job, result } from './make-result.js';

/** Runs with fixed p50 values (one sample each is enough: each run's p50 is its sample). */
const side = (p50s: number[]) => sideFromResults([result(p50s.map((v, r) => job({ repeat: r, samplesNs: [v], memory: { peakRssBytes: 50e6 } })))], ['x.json']);

describe('compare: the noisy verdict', () => {
  it('a +6% change at 10% run-to-run CV and 5 runs is inconclusive: too noisy, with the runs needed', () => {
    const base = [100, 112, 90, 104, 95].map((v) => v * 1000);
    const cand = base.map((v, i) => v * 1.06 * (i % 2 ? 1.02 : 0.98));
    const p50 = compareSides(side(base), side(cand)).jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(p50.verdict).toBe('inconclusive');
    expect(p50.note).toMatch(/^too noisy \(CV \d+\.\d% at n=5; needs n(≈\d+|>200)\)$/);
    expect(p50.runsNeeded ?? Number.POSITIVE_INFINITY).toBeGreaterThan(5);
    expect(p50.mdePct!).toBeGreaterThan(p50.thresholdPct!);
  });

  it('within the threshold but with a CI wider than it is never called unchanged', () => {
    const base = [100, 112, 90, 104, 95].map((v) => v * 1000);
    const p50 = compareSides(side(base), side([...base].reverse())).jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(p50.ratio).toBe(1);
    expect(p50.verdict).toBe('inconclusive');
  });

  it('the note says CV, n and the runs needed', () => {
    expect(noisyNote({ cv: 0.041, nBaseline: 8, nCandidate: 8, runsNeeded: 21 })).toBe('too noisy (CV 4.1% at n=8; needs n≈21)');
    expect(noisyNote({ cv: 0.5, nBaseline: 3, nCandidate: 4, runsNeeded: null })).toBe('too noisy (CV 50.0% at n=3+4; needs n>200)');
  });
});
