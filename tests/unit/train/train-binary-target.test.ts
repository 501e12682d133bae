import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeExternalTraining } from '../../../harness/train/external-job.js';
import { binaryTargetProblem } from '../../../harness/train/spec.js';
import { executeTabularTraining } from '../../../harness/train/tabular-job.js';
import type { TabularTrainingSpec } from '../../../harness/train/spec.js';
import type { Job } from '../../../harness/types.js';
import { tempDir } from '../../helpers/cli.js';
import { trainingJob } from '../../helpers/training-job.js';

const dir = tempDir('mlbench-binary-');
const spec: TabularTrainingSpec = {
  task: 'tabular',
  model: 'logreg',
  hidden: [],
  optimizer: 'adam',
  learningRate: 0.05,
  batchSize: 32,
  maxEpochs: 1,
  targetAuc: 0.5,
};
const peer = `external:node ${path.resolve(__dirname, '..', '..', 'fixtures', 'peers', 'tiny-peer.mjs')}`;

function irisJob(runtime: string): Job {
  const dataset = { id: 'iris', slice: 'train' };
  return trainingJob({
    id: 'iris',
    arch: 'logreg',
    dataset,
    training: spec,
    runtime,
    dir,
    settings: { timeoutMs: 60_000 },
  });
}

describe('train: tabular training refuses a target that is not binary', () => {
  it('names the dataset, the target and its classes', () => {
    expect(binaryTargetProblem('d', { name: 'y', classes: ['0', '1'] })).toBeNull();
    expect(binaryTargetProblem('csv:x.csv', { name: 'kind', classes: ['a', 'b', 'c'] })).toMatch(
      /^dataset csv:x\.csv: target column "kind" has 3 classes \("a", "b", "c"\); tabular training is binary/,
    );
  });

  it('fails a 3-class dataset (iris) with E_BAD_DATA on tfjs and on a peer, before training', async () => {
    for (const runtime of ['tfjs:cpu', peer]) {
      const out =
        runtime === 'tfjs:cpu'
          ? await executeTabularTraining(irisJob(runtime), spec, () => undefined)
          : await executeExternalTraining(irisJob(runtime), spec, () => undefined);
      expect(out.status).toBe('failed');
      expect(out.error).toMatchObject({
        code: 'E_BAD_DATA',
        message: expect.stringMatching(/^dataset iris: target column "\w+" has 3 classes/),
      });
      expect(out.train).toBeUndefined();
    }
  }, 60_000);
});
