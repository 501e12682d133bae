import { describe, expect, it } from 'vitest';
import { logLoss, olympicMean, rocAuc, top1Accuracy } from '../../../harness/measure/metrics.js';

describe('metrics', () => {
  it('ROC AUC by pair counting, ties worth one half', () => {
    // positives score 0.8, 0.4, 0.4; negatives 0.4, 0.1.
    // pairs (pos, neg): (0.8,0.4)=1 (0.8,0.1)=1 (0.4,0.4)=.5 (0.4,0.1)=1 (0.4,0.4)=.5 (0.4,0.1)=1 -> 5/6
    expect(rocAuc([0.8, 0.4, 0.4, 0.4, 0.1], [1, 1, 1, 0, 0])).toBeCloseTo(5 / 6, 12);
    expect(rocAuc([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5], [0, 1, 0])).toBe(0.5);
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });

  it('log loss against hand-computed values', () => {
    // -(ln 0.9 + ln 0.8) / 2
    expect(logLoss([0.9, 0.2], [1, 0])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 12);
    // p = 1 is clipped to 1 - eps, so a wrong certain answer costs -ln(1 - (1 - eps)), about 34.5.
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1 - (1 - 1e-15)), 9);
  });

  it('top-1 accuracy of a score matrix', () => {
    const scores = [0.1, 0.7, 0.2, /**/ 0.5, 0.3, 0.2, /**/ 0.3, 0.3, 0.4];
    expect(top1Accuracy(scores, 3, [1, 0, 0])).toBeCloseTo(2 / 3, 12);
  });

  it('olympic mean drops one fastest and one slowest', () => {
    expect(olympicMean([10, 1, 4, 5, 100])).toBeCloseTo((10 + 4 + 5) / 3, 12);
    expect(olympicMean([2, 4])).toBe(3);
  });
});
