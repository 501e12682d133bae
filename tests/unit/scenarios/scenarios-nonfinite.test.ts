import { describe, expect, it } from 'vitest';
import { assertFinite, NonFiniteError } from '../../../harness/errors.js';
import { rocAuc } from '../../../harness/measure/metrics.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { arraySamples } from '../../../harness/scenarios/samples.js';
import type { Feeds, Session } from '../../../harness/types.js';

/** A diverged model: every score NaN except one Inf. */
const diverged: Session = {
  async run(feeds: Feeds): Promise<Feeds> {
    const rows = feeds.x!.dims[0]!;
    const data = new Float32Array(rows).fill(Number.NaN);
    data[0] = Number.POSITIVE_INFINITY;
    return { y: { dtype: 'float32', dims: [rows, 1], data } };
  },
  async dispose() {},
};

const labels = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
const samples = () =>
  arraySamples({
    inputName: 'x',
    features: new Float32Array(20),
    sampleDims: [2],
    accuracy: { labels, metric: 'auc', reference: 0.9 },
  });

describe('non-finite predictions', () => {
  it('fail the accuracy job with E_NONFINITE naming the NaN and Inf counts, before any AUC', async () => {
    const run = runScenario('accuracy', diverged, samples(), { batchSize: 10 });
    await expect(run).rejects.toBeInstanceOf(NonFiniteError);
    await expect(runScenario('accuracy', diverged, samples(), { batchSize: 10 })).rejects.toMatchObject({
      code: 'E_NONFINITE',
      message: expect.stringMatching(/9 NaN and 1 Inf values of 10/),
    });
  });

  it('never get an AUC: rocAuc of NaN scores is NaN, so no target is reached', () => {
    const scores = new Float64Array(10).fill(Number.NaN);
    expect(rocAuc(scores, labels)).toBeNaN();
    expect(
      rocAuc(
        Float64Array.from(labels, (l, i) => (i === 0 ? Number.NaN : l)),
        labels,
      ),
    ).toBeNaN();
    // Infinite scores still rank.
    expect(
      rocAuc(
        Float64Array.from(labels, (l) => (l ? Number.POSITIVE_INFINITY : 0)),
        labels,
      ),
    ).toBe(1);
  });

  it('assertFinite passes finite values and bigint outputs, and names where the bad values are', () => {
    expect(() => assertFinite('ok', Float32Array.from([1, -2, 0]))).not.toThrow();
    expect(() => assertFinite('ids', BigInt64Array.from([1n, 2n]))).not.toThrow();
    expect(() => assertFinite('ort-node:cpu: output "y"', [Number.NEGATIVE_INFINITY, 1])).toThrow(
      /ort-node:cpu: output "y": 0 NaN and 1 Inf values of 2/,
    );
  });
});
