/**
 * The epoch loop shared by every training workload, with MLPerf-style time-to-quality: after
 * each epoch the test metric is evaluated; the first epoch whose metric reaches the target
 * fixes `timeToTargetSeconds` (training time only, evaluation excluded, epoch granularity) and
 * `timeToTargetWithEvalSeconds` (training plus every evaluation up to that epoch, as MLPerf
 * Training's run time includes evaluation: training_policies.adoc, "Benchmark run time"). The test metric is a
 * measurement only: training stops there only if `stopAtTarget` (vision's MLPerf mode). Early
 * stopping (`earlyStopping`) decides on a validation metric alone (rows carved from the
 * training slice), never on the test metric. Evaluation time is reported apart (`evalSeconds`).
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
  /**
   * Early stopping: after each epoch `validate()` (higher is better, on validation rows only)
   * is called; training stops after `patience` epochs without a new best. Absent = fixed epochs.
   */
  earlyStopping?: { validate(): Promise<number> | number; patience: number };
}

/** One epoch's record: its metric and the cumulative training time at its end. */
export interface EpochRecord {
  epoch: number;
  metric: number;
  trainSeconds: number;
  /** The validation metric after this epoch (early stopping only). */
  validation?: number;
  /** Cumulative evaluation time (test metric and validation) at this epoch's end, seconds. */
  evalSeconds?: number;
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
  /** The epoch early stopping stopped after (null: it did not stop, or was off). */
  stoppedEarlyAt: number | null;
  /** Early stopping: the epoch with the best validation metric (the model a user would keep); null when off. */
  bestEpoch: number | null;
  history: EpochRecord[];
}

/** Runs the epoch loop; see the file comment for the time-to-target rule. */
export async function runTrainLoop(trainer: EpochTrainer, opts: TrainLoopOptions): Promise<TrainLoopResult> {
  if (!Number.isInteger(opts.maxEpochs) || opts.maxEpochs < 1)
    throw new RangeError(`maxEpochs must be a positive integer, got ${opts.maxEpochs}`);
  const now = opts.nowSeconds ?? (() => performance.now() / 1000);
  let seconds = 0;
  let evalSeconds = 0;
  let timeToTargetSeconds: number | null = null;
  let finalMetric = Number.NaN;
  const history: EpochRecord[] = [];
  let best = -Infinity;
  let sinceBest = 0;
  let stoppedEarlyAt: number | null = null;
  let bestEpoch: number | null = null;
  for (let epoch = 1; epoch <= opts.maxEpochs; epoch++) {
    let t0 = now();
    await trainer.trainEpoch(epoch);
    seconds += now() - t0;
    t0 = now();
    finalMetric = await trainer.evaluate();
    const validation = opts.earlyStopping ? await opts.earlyStopping.validate() : undefined;
    evalSeconds += now() - t0;
    history.push({
      epoch,
      metric: finalMetric,
      trainSeconds: seconds,
      evalSeconds,
      ...(validation !== undefined ? { validation } : {}),
    });
    opts.onEpoch?.(epoch, finalMetric, seconds);
    if (opts.target !== null && timeToTargetSeconds === null && finalMetric >= opts.target) {
      timeToTargetSeconds = seconds;
      if (opts.stopAtTarget) break;
    }
    if (validation !== undefined) {
      if (validation > best) {
        best = validation;
        sinceBest = 0;
        bestEpoch = epoch;
      } else sinceBest++;
      if (sinceBest >= opts.earlyStopping!.patience && epoch < opts.maxEpochs) {
        stoppedEarlyAt = epoch;
        break;
      }
    }
  }
  return {
    seconds,
    epochs: history.length,
    evalSeconds,
    finalMetric,
    timeToTargetSeconds,
    reached: timeToTargetSeconds !== null,
    stoppedEarlyAt,
    bestEpoch,
    history,
  };
}

/** What `timeToTargetSeconds` counts (recorded beside it in every training result). */
export const TIME_TO_TARGET_BASIS = 'training only, epoch granularity';

/**
 * Time to target from a per-epoch (or per-round) record: the cumulative training seconds at the
 * first record whose test metric reaches `target` (`timeToTargetSeconds`, labelled by
 * TIME_TO_TARGET_BASIS), and with the evaluations up to it added where the record has them
 * (`timeToTargetWithEvalSeconds`, MLPerf Training's definition); `targetReached` false when none
 * does, null when there is no record (a tool that cannot report one).
 */
export function timeToTarget(
  history: EpochRecord[] | null,
  target: number,
): {
  timeToTargetSeconds: number | null;
  timeToTargetWithEvalSeconds: number | null;
  timeToTargetBasis: string;
  targetReached: boolean | null;
} {
  if (!history)
    return {
      timeToTargetSeconds: null,
      timeToTargetWithEvalSeconds: null,
      timeToTargetBasis: TIME_TO_TARGET_BASIS,
      targetReached: null,
    };
  const first = history.find((h) => h.metric >= target);
  return {
    timeToTargetSeconds: first ? first.trainSeconds : null,
    timeToTargetWithEvalSeconds:
      first && first.evalSeconds !== undefined ? first.trainSeconds + first.evalSeconds : null,
    timeToTargetBasis: TIME_TO_TARGET_BASIS,
    targetReached: first !== undefined,
  };
}

/** The failure message of a run that did not reach its target. */
export function targetNotReachedMessage(metric: string, target: number, result: TrainLoopResult): string {
  return `target not reached in ${result.epochs} epochs: ${metric} ${result.finalMetric.toFixed(4)} < target ${target} (best ${Math.max(...result.history.map((h) => h.metric)).toFixed(4)})`;
}
