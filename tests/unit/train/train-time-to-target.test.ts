import { describe, expect, it } from 'vitest';
import { runTrainLoop, targetNotReachedMessage, type EpochTrainer } from '../../../harness/train/train-loop.js';

/** A virtual clock and a trainer whose metric after epoch e is metrics[e - 1]; each epoch costs 2 s, eval 0.5 s. */
function synthetic(metrics: number[]): { trainer: EpochTrainer; now: () => number; epochsRun: () => number } {
  let t = 0;
  let epochs = 0;
  return {
    now: () => t,
    epochsRun: () => epochs,
    trainer: {
      trainEpoch: () => {
        epochs++;
        t += 2;
      },
      evaluate: () => {
        t += 0.5;
        return metrics[epochs - 1]!;
      },
    },
  };
}

describe('train: time-to-target on a synthetic learning curve', () => {
  it('records the training time of the first epoch that reaches the target and stops there', async () => {
    const s = synthetic([0.55, 0.61, 0.66, 0.7]);
    const r = await runTrainLoop(s.trainer, { maxEpochs: 4, target: 0.65, stopAtTarget: true, nowSeconds: s.now });
    expect(r.reached).toBe(true);
    expect(r.timeToTargetSeconds).toBe(6); // three epochs of 2 s, evaluation excluded
    expect(r.epochs).toBe(3);
    expect(s.epochsRun()).toBe(3);
    expect(r.evalSeconds).toBe(1.5);
    expect(r.finalMetric).toBe(0.66);
  });

  it('keeps training when stopAtTarget is false, but time-to-target is still the first crossing', async () => {
    const s = synthetic([0.66, 0.6, 0.7]);
    const r = await runTrainLoop(s.trainer, { maxEpochs: 3, target: 0.65, stopAtTarget: false, nowSeconds: s.now });
    expect(r.timeToTargetSeconds).toBe(2);
    expect(r.epochs).toBe(3);
    expect(r.seconds).toBe(6);
  });

  it('reports an unreachable target after maxEpochs with the failure message', async () => {
    const s = synthetic([0.55, 0.58, 0.57]);
    const r = await runTrainLoop(s.trainer, { maxEpochs: 3, target: 0.99, stopAtTarget: true, nowSeconds: s.now });
    expect(r.reached).toBe(false);
    expect(r.timeToTargetSeconds).toBeNull();
    expect(r.epochs).toBe(3);
    expect(targetNotReachedMessage('test AUC', 0.99, r)).toBe(
      'target not reached in 3 epochs: test AUC 0.5700 < target 0.99 (best 0.5800)',
    );
  });

  it('trains every epoch without a target', async () => {
    const s = synthetic([0.5, 0.6]);
    const r = await runTrainLoop(s.trainer, { maxEpochs: 2, target: null, stopAtTarget: true, nowSeconds: s.now });
    expect(r.epochs).toBe(2);
    expect(r.reached).toBe(false);
    await expect(runTrainLoop(s.trainer, { maxEpochs: 0, target: null, stopAtTarget: true })).rejects.toThrow(
      /maxEpochs/,
    );
  });
});
