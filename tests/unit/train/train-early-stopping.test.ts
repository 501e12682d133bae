import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userSplit } from '../../../datasets/user/user-source.js';
import { createRng } from '../../../harness/measure/random.js';
import type { EpochRecord } from '../../../harness/train/train-loop.js';
import { runTrainLoop } from '../../../harness/train/train-loop.js';
import { executeTabularTraining, validationSplit } from '../../../harness/train/tabular-job.js';
import type { TabularTrainingSpec } from '../../../harness/train/spec.js';
import type { Job } from '../../../harness/types.js';
import { tempDir } from '../../helpers/cli.js';
import { trainingJob } from '../../helpers/training-job.js';

const dir = tempDir('mlbench-early-');
const ROWS = 1500;
const spec: TabularTrainingSpec = {
  task: 'tabular',
  model: 'logreg',
  hidden: [],
  optimizer: 'adam',
  learningRate: 0.2,
  batchSize: 64,
  maxEpochs: 12,
  targetAuc: 0.5,
};

/** A CSV of a noisy linear problem; `flipTest` inverts the labels of the rows the split puts in test. */
function csv(flipTest: boolean): string {
  const rand = createRng(7);
  const test = new Set(userSplit(ROWS).test);
  const lines = ['x1,x2,c,y'];
  for (let i = 0; i < ROWS; i++) {
    const [x1, x2, c] = [rand() * 4 - 2, rand() * 4 - 2, Math.floor(rand() * 6)];
    let y = x1 - 0.5 * x2 + (c % 2) + rand() * 3 - 1.5 > 0 ? 1 : 0;
    if (flipTest && test.has(i)) y = 1 - y;
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},k${c},${y}`);
  }
  return lines.join('\n');
}

function job(file: string): Job {
  const dataset = { id: `csv:${file}`, slice: 'train', target: 'y' };
  const settings = { 'train.serve': false, 'train.earlyStopping': 1, 'train.validationFraction': 0.2 };
  return trainingJob({ id: 'es', arch: 'logreg', dataset, training: spec, runtime: 'tfjs:cpu', dir, settings });
}

describe('train: early stopping never reads a test row', () => {
  it('decides on validation alone: a test metric that keeps rising does not keep it going', async () => {
    const validation = [0.6, 0.7, 0.69, 0.8];
    let e = 0;
    const r = await runTrainLoop(
      { trainEpoch: () => void e++, evaluate: () => 0.5 + e / 100 },
      {
        maxEpochs: 4,
        target: null,
        stopAtTarget: false,
        earlyStopping: { patience: 1, validate: () => validation[e - 1]! },
      },
    );
    expect([r.epochs, r.stoppedEarlyAt]).toEqual([3, 3]);
  });

  it('the same training rows with every test label flipped train the same epochs and validation curve', async () => {
    const [a, b] = [path.join(dir, 'a.csv'), path.join(dir, 'b.csv')];
    writeFileSync(a, csv(false));
    writeFileSync(b, csv(true));
    const [ra, rb] = [
      await executeTabularTraining(job(a), spec, () => undefined),
      await executeTabularTraining(job(b), spec, () => undefined),
    ];
    const [ha, hb] = [ra.train!.history as EpochRecord[], rb.train!.history as EpochRecord[]];
    // The test AUC is measured (time to target), and flipping the labels turns it around ...
    expect(ha.at(-1)!.metric).toBeCloseTo(1 - hb.at(-1)!.metric, 6);
    // ... but what was trained, and when it stopped, depend on the training rows only.
    expect(hb.map((h) => h.validation)).toEqual(ha.map((h) => h.validation));
    expect(ra.train!.earlyStopping).toEqual(rb.train!.earlyStopping);
    expect((ra.train!.earlyStopping as { stoppedAfterEpoch: number | null }).stoppedAfterEpoch).not.toBeNull();
    expect(ha.length).toBeLessThan(spec.maxEpochs);
  }, 120_000);

  it('carves validation rows from the training slice, seeded, disjoint from the rows it fits', () => {
    const { fit, validation } = validationSplit(1000, 0.1, 42);
    expect([fit.length, validation.length]).toEqual([900, 100]);
    expect(new Set([...fit, ...validation]).size).toBe(1000);
    expect(validationSplit(1000, 0.1, 42).validation).toEqual(validation);
  });
});
