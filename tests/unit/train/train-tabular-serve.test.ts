import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../harness/models/index.js';
import { executeTabularTraining } from '../../../harness/train/tabular-job.js';
import type { TabularTrainingSpec } from '../../../harness/train/spec.js';
import type { Job } from '../../../harness/types.js';
import { tempDir } from '../../helpers/cli.js';
import { trainingJob } from '../../helpers/training-job.js';

const dir = tempDir('mlbench-train-');
const spec: TabularTrainingSpec = {
  task: 'tabular',
  model: 'logreg',
  hidden: [],
  optimizer: 'adam',
  learningRate: 0.05,
  batchSize: 256,
  maxEpochs: 3,
  targetAuc: 0.55,
};

function job(settings: Record<string, unknown>): Job {
  const dataset = { id: 'synthetic-tabular', slice: 'train_2k' };
  const runtime = 'tfjs:cpu';
  return trainingJob({
    id: 'logreg',
    arch: 'logreg',
    dataset,
    training: spec,
    runtime,
    dir,
    settings: { 'train.stopAtTarget': true, ...settings },
  });
}

describe('train: tabular LR on tfjs:cpu, exported and served', () => {
  it('reaches a reachable AUC target, exports a trained model and scores it the same on every runtime', async () => {
    const out = await executeTabularTraining(job({}), spec, () => undefined);
    expect(out.status, out.error?.message).toBe('ok');
    expect(out.train!.timeToTargetSeconds).toBeGreaterThan(0);
    expect(out.train!.timeToTargetSeconds).toBeLessThanOrEqual(out.train!.seconds);
    expect(out.accuracy!.value).toBeGreaterThanOrEqual(0.55);
    expect(out.memory!.leakedTensors).toBe(0);
    // Peak RSS of training, sampled before the serving runtimes load; the serving-inclusive one is apart.
    expect(out.memory!.peakRssBytes).toBeGreaterThan(0);
    expect(out.memory!.peakRssWithServingBytes).toBeGreaterThanOrEqual(out.memory!.peakRssBytes!);
    const serving = out.accuracy!.serving as Array<{ runtime: string; status: string; diff?: number }>;
    const ok = serving.filter((s) => s.status === 'ok');
    expect(ok.map((s) => s.runtime)).toEqual(expect.arrayContaining(['ort-node:cpu', 'tfjs:cpu']));
    for (const s of ok) expect(Math.abs(s.diff!)).toBeLessThan(1e-4);
    const model = await buildModel({ kind: 'trained', path: (out.trainedModel as { path: string }).path });
    expect(model.inputs[0]!.dims).toEqual(['batch', 6 + 2 * 51]);
  }, 120_000);

  it('fails with "target not reached in N epochs" for an unreachable target', async () => {
    const out = await executeTabularTraining(
      job({ targetAuc: 0.99, 'train.maxEpochs': 2, 'train.serve': false }),
      spec,
      () => undefined,
    );
    expect(out.status).toBe('failed');
    expect(out.error).toMatchObject({ code: 'E_TARGET' });
    expect(out.error!.message).toMatch(/^target not reached in 2 epochs: test AUC 0\.\d+ < target 0\.99/);
    expect(out.train!.timeToTargetSeconds).toBeNull();
    expect(out.accuracy!.serving).toEqual([]);
  }, 120_000);
});
