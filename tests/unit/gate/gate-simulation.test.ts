import { describe, expect, it } from 'vitest';
import { compareSides, DEFAULT_COMPARE_OPTIONS, sideFromResults } from '../../../results/compare/index.js';
import { createRng, type Rng } from '../../../results/stats/index.js';
import { job, result } from '../compare/make-result.js';

/**
 * The decision rule on seeded synthetic runs (no timings): log-normal run values at a given CV;
 * in a share of pairs one run (either side) is a heavy-tailed outlier, slower by 20-200% as a
 * pre-empted process is. The rule is the whole of compareSides, on the latency.p50 row.
 */
function runValues(rng: Rng, n: number, median: number, cv: number): number[] {
  return Array.from({ length: n }, () => median * Math.exp(cv * rng.normal()));
}

function verdicts(
  pairs: number,
  n: number,
  cv: number,
  effect: number,
  outlierShare: number,
  seed: number,
): Map<string, number> {
  const rng = createRng(seed);
  const out = new Map<string, number>();
  const side = (values: number[]) =>
    sideFromResults([result(values.map((v, r) => job({ repeat: r, samplesNs: [v], memory: undefined })))], ['x']);
  for (let i = 0; i < pairs; i++) {
    const a = runValues(rng, n, 100_000, cv);
    const b = runValues(rng, n, 100_000 * effect, cv);
    if (rng.uniform() < outlierShare) {
      const victim = rng.uniform() < 0.5 ? a : b;
      victim[Math.floor(rng.uniform() * n)]! *= 1.2 + 1.8 * rng.uniform();
    }
    const row = compareSides(side(a), side(b)).jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    out.set(row.verdict, (out.get(row.verdict) ?? 0) + 1);
  }
  return out;
}

describe('gate: the decision rule simulated', () => {
  it('A/A at CV 5%, one outlier run in 10% of pairs: false alarms <= alpha over 2,000 pairs', () => {
    const v = verdicts(2000, 8, 0.05, 1, 0.1, 20260105);
    const falseAlarms = (v.get('regression') ?? 0) + (v.get('improvement') ?? 0);
    expect(falseAlarms / 2000).toBeLessThanOrEqual(DEFAULT_COMPARE_OPTIONS.alpha);
  }, 120_000);

  it('a true +10% at CV 3% and n = 8: power >= 0.9', () => {
    const v = verdicts(500, 8, 0.03, 1.1, 0.1, 7);
    expect((v.get('regression') ?? 0) / 500).toBeGreaterThanOrEqual(0.9);
    expect(v.get('unchanged') ?? 0).toBe(0);
  }, 120_000);
});
