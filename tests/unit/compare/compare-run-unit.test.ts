/**
 * The unit of variance is the run: many queries per run do not make a run-to-run shift
 * significant. Synthetic runs: each run's queries scatter 2% around the run's own median, and
 * runs differ from each other by a seeded few percent, as separate processes do.
 */
import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import { createRng } from '../../../results/stats/index.js';
import { job, latencies, result } from './make-result.js';

/** `runs` runs of `queries` queries each, run medians spread by `runCv` around `medianNs`. */
function runs(seed: number, count: number, queries: number, medianNs: number, runCv: number) {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, r) =>
    job({
      repeat: r,
      samplesNs: latencies(seed * 100 + r, queries, medianNs * (1 + runCv * rng.normal())),
      memory: { peakRssBytes: 50e6 },
    }),
  );
}
const side = (jobs: ReturnType<typeof job>[]) => sideFromResults([result(jobs)], ['x.json']);

describe('compare: the run is the unit', () => {
  it('5,000 queries per run, 3 runs per side, runs 5% apart: not significant, never a regression', () => {
    const c = compareSides(side(runs(1, 3, 5000, 100_000, 0.05)), side(runs(2, 3, 5000, 100_000, 0.05)));
    const p50 = c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(p50.testedOn).toBe('runs');
    expect(p50.nBaseline).toBe(3);
    expect(p50.pValue!).toBeGreaterThanOrEqual(0.1); // the smallest p at 3 vs 3
    expect(p50.verdict).toBe('inconclusive');
    expect(c.regression).toBe(false);
  });

  it('a 15% slowdown over 8 interleaved runs per side at 2% run-to-run CV is a regression', () => {
    const c = compareSides(side(runs(3, 8, 500, 100_000, 0.02)), side(runs(4, 8, 500, 115_000, 0.02)));
    const p50 = c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(p50.verdict).toBe('regression');
    expect(p50.ratio!).toBeGreaterThan(1.1);
    expect(p50.ciLow!).toBeGreaterThan(1.05);
    expect(p50.mdePct!).toBeLessThan(10);
  });

  it('A against A with 8 runs per side and a tight CI is unchanged', () => {
    const c = compareSides(side(runs(5, 8, 500, 100_000, 0.003)), side(runs(6, 8, 500, 100_000, 0.003)));
    expect(c.jobs[0]!.verdict).toBe('unchanged');
  });
});
