import { describe, expect, it } from 'vitest';
import { compareSides, noisyNote, sideFromResults, verdictText } from '../../../results/compare/index.js';
import { job, result } from './make-result.js';

/** Runs with fixed p50 values (one sample each is enough: each run's p50 is its sample). */
const side = (p50s: number[]) =>
  sideFromResults(
    [result(p50s.map((v, r) => job({ repeat: r, samplesNs: [v], memory: { peakRssBytes: 50e6 } })))],
    ['x.json'],
  );
const p50Of = (a: number[], b: number[]) =>
  compareSides(side(a), side(b)).jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;

describe('compare: inconclusive only when the CI straddles the threshold', () => {
  it('a +6% change at 10% run-to-run CV and 5 runs is inconclusive, with the spread, MDE and runs needed', () => {
    const base = [100, 112, 90, 104, 95].map((v) => v * 1000);
    const p50 = p50Of(
      base,
      base.map((v, i) => v * 1.06 * (i % 2 ? 1.02 : 0.98)),
    );
    expect(p50.verdict).toBe('inconclusive');
    expect(p50.note).toMatch(
      /^CI \[-\d+\.\d%, \+\d+\.\d%\] straddles ±2% \(spread \d+\.\d% at n=5; MDE \d+\.\d%(; n≈\d+ per side for an MDE of 4%)?\)$/,
    );
    expect(p50.ciLow!).toBeLessThan(1.02);
    expect(p50.ciHigh!).toBeGreaterThan(1.02);
    // The MDE is a planning figure for this rule: never below the threshold itself.
    expect(p50.mdePct!).toBeGreaterThan(p50.thresholdPct!);
  });

  it('within the threshold but with a CI wider than it is never called unchanged', () => {
    const base = [100, 112, 90, 104, 95].map((v) => v * 1000);
    const p50 = p50Of(base, [...base].reverse());
    expect(p50.ratio).toBe(1);
    expect(p50.verdict).toBe('inconclusive');
  });

  it('a CI inside ±threshold is unchanged (±x%), x its farthest end', () => {
    const base = [100, 100.2, 99.9, 100.1, 100, 99.8, 100.3, 100.1].map((v) => v * 1000);
    const p50 = p50Of(
      base,
      base.map((v, i) => v * (1 + 0.001 * (i % 3))),
    );
    expect(p50.verdict).toBe('unchanged');
    expect(verdictText(p50)).toMatch(/^unchanged \(±0\.\d%\)$/);
  });

  it('the note gives the CI, the spread, n, the MDE and the runs needed', () => {
    const row = {
      cv: 0.041,
      nBaseline: 8,
      nCandidate: 8,
      runsNeeded: 21,
      mdePct: 9.3,
      ciLow: 0.99,
      ciHigh: 1.05,
      thresholdPct: 2,
    };
    expect(noisyNote(row)).toBe(
      'CI [-1.0%, +5.0%] straddles ±2% (spread 4.1% at n=8; MDE 9.3%; n≈21 per side for an MDE of 4%)',
    );
    expect(noisyNote({ ...row, nCandidate: 4, runsNeeded: null, mdePct: null })).toBe(
      'CI [-1.0%, +5.0%] straddles ±2% (spread 4.1% at n=8+4; MDE ∞)',
    );
  });
});
