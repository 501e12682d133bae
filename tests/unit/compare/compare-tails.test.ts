import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import { job, latencies, result } from './make-result.js';

/** `count` runs; each run's slowest 3% take `burst` times longer when `burst` is given. */
function runs(seed: number, count: number, medianNs: number, burst = 1) {
  return sideFromResults(
    [
      result(
        Array.from({ length: count }, (_, r) => {
          const samples = latencies(seed * 10 + r, 2000, medianNs, 0.01);
          const cut = [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.97)]!;
          return job({
            repeat: r,
            samplesNs: samples.map((v) => (v >= cut ? v * burst : v)),
            memory: { peakRssBytes: 50e6 },
          });
        }),
      ),
    ],
    ['x.json'],
  );
}

describe('compare: tail percentiles', () => {
  it('a tail-only change is reported but not judged: no regression, not in the Holm family', () => {
    const c = compareSides(runs(1, 8, 100_000), runs(2, 8, 100_000, 3));
    const p99 = c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p99')!;
    expect(p99.ratio!).toBeGreaterThan(2);
    expect(p99.judged).toBe(false);
    expect(p99.verdict).toBe('inconclusive');
    expect(p99.note).toMatch(/not judged/);
    expect(c.regression).toBe(false);
    expect(c.tests).toBe(2); // p50 and peak memory
  });

  it('with judgeTails, a tail-only change across 8 runs per side is a regression', () => {
    const c = compareSides(runs(1, 8, 100_000), runs(2, 8, 100_000, 3), { judgeTails: true });
    expect(c.jobs[0]!.metrics.find((m) => m.metric === 'latency.p99')!.verdict).toBe('regression');
    expect(c.tests).toBe(4);
  });
});
