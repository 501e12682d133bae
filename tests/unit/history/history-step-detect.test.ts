/** Step detection: a +10% step at run 6 is found there and only there; flat ±3% noise gives nothing. */
import { describe, expect, it } from 'vitest';
import { detectSteps, fitPieces } from '../../../results/history/index.js';
import { noisySeries, stepLevels } from '../../helpers/history-runs.js';

const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);

describe('step detection', () => {
  it('finds a +10% step at run 6 of 10 (±3% noise) and nothing else, for every seed', () => {
    for (const seed of SEEDS) {
      const steps = detectSteps(noisySeries(stepLevels(10, 6, 0.1), 0.03, seed));
      expect(
        steps.map((s) => s.index + 1),
        `seed ${seed}`,
      ).toEqual([6]);
      expect(steps[0]!.change).toBeGreaterThan(0.05);
      expect(steps[0]!.change).toBeLessThan(0.16);
    }
  });

  it('finds nothing in 10 flat runs with ±3% noise, for every seed', () => {
    for (const seed of SEEDS)
      expect(detectSteps(noisySeries(stepLevels(10, 11, 0), 0.03, 1000 + seed)), `seed ${seed}`).toEqual([]);
  });

  it('is not moved by one outlier run, and finds a drop as a negative change', () => {
    const flat = noisySeries(stepLevels(12, 13, 0), 0.02, 7);
    flat[4] = flat[4]! * 1.4;
    expect(detectSteps(flat)).toEqual([]);
    const drop = noisySeries(stepLevels(12, 7, -0.2), 0.02, 9);
    expect(detectSteps(drop).map((s) => [s.index + 1, Math.round(s.change * 10) / 10])).toEqual([[7, -0.2]]);
  });

  it('needs three runs on each side and respects the threshold', () => {
    expect(detectSteps([1, 1, 1, 1, 1, 1, 1, 1.5, 1.5])).toEqual([]);
    expect(detectSteps([1, 1, 1, 1, 1, 1, 1.5, 1.5, 1.5]).map((s) => s.index)).toEqual([6]);
    expect(detectSteps([1, 1, 1, 1.03, 1.03, 1.03])).toEqual([]);
    expect(detectSteps([1, 1, 1, 1.03, 1.03, 1.03], { threshold: 0.02 }).map((s) => s.index)).toEqual([3]);
    expect(fitPieces([5, 5, 5, 5])).toEqual([{ start: 0, end: 3, value: 5 }]);
  });
});
