/**
 * The epoch loop shared by every training workload, with MLPerf-style time-to-quality: after
 * each epoch the test metric is evaluated; the first epoch whose metric reaches the target
 * fixes `timeToTargetSeconds` (training time only, evaluation excluded), and training stops
 * there unless `stopAtTarget` is false. Evaluation time is reported apart (`evalSeconds`).
 * The clock is injected (seconds), so tests can drive a virtual one. No I/O, no tfjs.
 */

/** What the loop needs from a trainer. */
export interface EpochTrainer {
  /** Trains one pass over the training rows. */
  trainEpoch(epoch: number): Promise<void> | void;
  /** The test metric after the epochs so far (higher is better). */
  evaluate(): Promise<number> | number;
}

export interface TrainLoopOptions {
  /** The most epochs to run. */
  maxEpochs: number;
  /** Quality target of the metric; null = no target (train every epoch). */
  target: number | null;
  /** Stop at the first epoch that reaches the target (MLPerf); false = run every epoch anyway. */
  stopAtTarget: boolean;
  /** Seconds on a monotonic clock; default performance.now() / 1000. */
  nowSeconds?: () => number;
  /** Called after each epoch. */
  onEpoch?: (epoch: number, metric: number, trainSeconds: number) => void;
}

/** One epoch's record: its metric and the cumulative training time at its end. */
export interface EpochRecord {
  epoch: number;
  metric: number;
  trainSeconds: number;
}

export interface TrainLoopResult {
  /** Training time of every epoch run, evaluation excluded. */
  seconds: number;
  epochs: number;
  evalSeconds: number;
  /** The metric after the last epoch run. */
  finalMetric: number;
  /** Cumulative training seconds when the target was first reached; null if never (or no target). */
  timeToTargetSeconds: number | null;
  /** Whether a target was set and reached. */
  reached: boolean;
  history: EpochRecord[];
}

/** Runs the epoch loop; see the file comment for the time-to-target rule. */
export async function runTrainLoop(trainer: EpochTrainer, opts: TrainLoopOptions): Promise<TrainLoopResult> {
  if (!Number.isInteger(opts.maxEpochs) || opts.maxEpochs < 1) throw new RangeError(`maxEpochs must be a positive integer, got ${opts.maxEpochs}`);
  const now = opts.nowSeconds ?? (() => performance.now() / 1000);
  let seconds = 0;
  let evalSeconds = 0;
  let timeToTargetSeconds: number | null = null;
  let finalMetric = Number.NaN;
  const history: EpochRecord[] = [];
  for (let epoch = 1; epoch <= opts.maxEpochs; epoch++) {
    let t0 = now();
    await trainer.trainEpoch(epoch);
    seconds += now() - t0;
    t0 = now();
    finalMetric = await trainer.evaluate();
    evalSeconds += now() - t0;
    history.push({ epoch, metric: finalMetric, trainSeconds: seconds });
    opts.onEpoch?.(epoch, finalMetric, seconds);
    if (opts.target !== null && timeToTargetSeconds === null && finalMetric >= opts.target) {
      timeToTargetSeconds = seconds;
      if (opts.stopAtTarget) break;
    }
  }
  return {
    seconds,
    epochs: history.length,
    evalSeconds,
    finalMetric,
    timeToTargetSeconds,
    reached: timeToTargetSeconds !== null,
    history,
  };
}

/** The failure message of a run that did not reach its target. */
export function targetNotReachedMessage(metric: string, target: number, result: TrainLoopResult): string {
  return `target not reached in ${result.epochs} epochs: ${metric} ${result.finalMetric.toFixed(4)} < target ${target} (best ${Math.max(...result.history.map((h) => h.metric)).toFixed(4)})`;
}
