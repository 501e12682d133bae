/**
 * Training figures mean what they say (issue 24 item 4): rows/s counts the rows trained on (not
 * the validation rows early stopping holds out), the best-validation epoch is reported beside the
 * last one, and time to target is given both as training only (labelled) and with evaluation
 * included, as MLPerf Training's run time is. Counts and a virtual clock, never a timing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../harness/measure/random.js';
import { executeTabularTraining, validationSplit } from '../../../harness/train/tabular-job.js';
import { runTrainLoop, timeToTarget, TIME_TO_TARGET_BASIS } from '../../../harness/train/train-loop.js';
import type { TabularTrainingSpec } from '../../../harness/train/spec.js';
import type { Job } from '../../../harness/types.js';
import { tempDir } from '../../helpers/cli.js';
import { trainingJob } from '../../helpers/training-job.js';

const dir = tempDir('mlbench-figures-');
const spec: TabularTrainingSpec = {
  task: 'tabular',
  model: 'logreg',
  hidden: [],
  optimizer: 'adam',
  learningRate: 0.1,
  batchSize: 50,
  maxEpochs: 3,
  targetAuc: 0.5,
};

function csvFile(rows: number): string {
  const rand = createRng(3);
  const lines = ['x1,x2,y'];
  for (let i = 0; i < rows; i++) {
    const [x1, x2] = [rand() * 2 - 1, rand() * 2 - 1];
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${x1 + x2 + rand() - 0.5 > 0 ? 1 : 0}`);
  }
  const file = path.join(dir, `rows-${rows}.csv`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

function job(file: string, validationFraction: number): Job {
  const dataset = { id: `csv:${file}`, slice: 'train', target: 'y' };
  const settings = { 'train.serve': false, 'train.earlyStopping': 5, 'train.validationFraction': validationFraction };
  return trainingJob({ id: 'rows', arch: 'logreg', dataset, training: spec, runtime: 'tfjs:cpu', dir, settings });
}

describe('train: figures over the rows trained on', () => {
  it('rows/s x seconds = rows fitted x epochs: the held-out validation rows are not counted', async () => {
    const r = await executeTabularTraining(job(csvFile(1000), 0.2), spec, () => undefined);
    const train = r.train as {
      rowsPerS: number;
      rowsPerEpoch: number;
      seconds: number;
      epochs: number;
      earlyStopping: { fitRows: number; validationRows: number; bestEpoch: number | null; scoredEpoch: number };
    };
    const trainRows = r.dataset!.rows;
    const { fit } = validationSplit(trainRows, 0.2, 42);
    expect(train.rowsPerEpoch).toBe(fit.length);
    expect(train.rowsPerEpoch).toBe(train.earlyStopping.fitRows);
    expect(train.rowsPerEpoch).toBeLessThan(trainRows);
    expect(train.rowsPerS * train.seconds).toBeCloseTo(fit.length * train.epochs, 6);
    expect(train.earlyStopping.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(train.earlyStopping.scoredEpoch).toBe(train.epochs);
  }, 120_000);

  it('reports the best-validation epoch, and time to target without and with evaluation', async () => {
    let t = 0;
    let e = 0;
    const validation = [0.7, 0.9, 0.8, 0.85];
    const loop = await runTrainLoop(
      {
        trainEpoch: () => {
          e++;
          t += 10;
        },
        evaluate: () => {
          t += 1;
          return [0.6, 0.7, 0.8, 0.9][e - 1]!;
        },
      },
      {
        maxEpochs: 4,
        target: 0.8,
        stopAtTarget: false,
        nowSeconds: () => t,
        earlyStopping: {
          patience: 2,
          validate: () => {
            t += 2;
            return validation[e - 1]!;
          },
        },
      },
    );
    expect(loop.bestEpoch).toBe(2);
    expect([loop.epochs, loop.stoppedEarlyAt]).toEqual([4, null]);
    // Target 0.8 first reached after epoch 3: 30 s of training, 3 x (1 + 2) s of evaluation.
    expect(timeToTarget(loop.history, 0.8)).toEqual({
      timeToTargetSeconds: 30,
      timeToTargetWithEvalSeconds: 39,
      timeToTargetBasis: TIME_TO_TARGET_BASIS,
      targetReached: true,
    });
    expect(TIME_TO_TARGET_BASIS).toBe('training only, epoch granularity');
  });
});
