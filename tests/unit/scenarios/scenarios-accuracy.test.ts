import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../harness/scenarios/index.js';
import { arraySamples } from '../../../harness/scenarios/samples.js';
import type { Feeds, Session } from '../../../harness/types.js';

/** A "model" whose output is its input's first column (the score). */
const identity: Session = {
  async run(feeds: Feeds): Promise<Feeds> {
    const x = feeds.x!;
    const rows = x.dims[0]!;
    const width = x.data.length / rows;
    return {
      y: {
        dtype: 'float32',
        dims: [rows, 1],
        data: Float32Array.from({ length: rows }, (_, r) => Number(x.data[r * width])),
      },
    };
  },
  async dispose() {},
};

const features = Float32Array.from([0.8, 0, 0.4, 0, 0.4, 0, 0.4, 0, 0.1, 0]);
const labels = [1, 1, 1, 0, 0];

describe('accuracy scenario', () => {
  it('runs every sample once and scores AUC against the reference', async () => {
    const samples = arraySamples({
      inputName: 'x',
      features,
      sampleDims: [2],
      accuracy: { labels, metric: 'auc', reference: 5 / 6 },
    });
    const r = await runScenario('accuracy', identity, samples, { batchSize: 2 });
    expect(r.queryCount).toBe(3); // batches of 2, 2, 1
    expect(r.accuracy!.value).toBeCloseTo(5 / 6, 12);
    expect(r.accuracy!.ratio).toBeCloseTo(1, 12);
    expect(r.status).toBe('ok');
    expect(r.summary).toContain('Mode : AccuracyOnly');
  });

  it('is INVALID below accuracyTargetRatio of the reference', async () => {
    const samples = arraySamples({
      inputName: 'x',
      features,
      sampleDims: [2],
      accuracy: { labels, metric: 'auc', reference: 0.95 },
    });
    const r = await runScenario('accuracy', identity, samples, { batchSize: 4, accuracyTargetRatio: 0.99 });
    expect(r.accuracy!.ratio).toBeCloseTo(5 / 6 / 0.95, 12);
    expect(r.status).toBe('invalid');
    expect(r.validity.reasons[0]).toMatch(/below accuracyTargetRatio 0.99/);
  });

  it('without labels runs every sample but does not score', async () => {
    const samples = arraySamples({ inputName: 'x', features, sampleDims: [2] });
    const r = await runScenario('accuracy', identity, samples, { batchSize: 8 });
    expect(r.accuracy).toBeUndefined();
    expect(r.validity.recommendations[0]).toMatch(/not scored/);
    // Unscored is not VALID: not in the validity, the LoadGen key, the summary or the headline.
    expect(r.validity).toMatchObject({ valid: false, result: 'UNSCORED' });
    expect(r.loadgen.result_validity).toBe('UNSCORED');
    expect(r.summary).toContain('Result is : UNSCORED');
    expect(r.summary).not.toContain('VALID\n');
    expect(r.metric.name).toMatch(/^unscored/);
  });
});
