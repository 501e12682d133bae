/**
 * The training spec a suite puts in `workload.extra.training`: what to train, on which data, with
 * which hyper-parameters. Plain JSON (it travels to the job process). The run's settings
 * (`targetAuc`, `targetTop1`, `train.maxEpochs`, `train.stopAtTarget`) override its defaults,
 * and the effective values are recorded in the job result (`train.settings`).
 */
import { UsageError } from '../errors.js';
import type { Job, ResolvedSettings } from '../types.js';

/** A tabular (binary classification) training spec. */
export interface TabularTrainingSpec {
  task: 'tabular';
  /** `logreg` and `mlp` train in tfjs; `gbt` (boosted trees) only on external peers. */
  model: 'logreg' | 'mlp' | 'gbt';
  /** Hidden layer widths of the MLP (relu); empty for logistic regression. */
  hidden: number[];
  optimizer: 'adam';
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  /** Default test-AUC target of this workload (time-to-quality). */
  targetAuc: number;
  /** Hyper-parameters passed as they are to external peers (e.g. trees, depth, eta). */
  peer?: Record<string, number | string>;
  /** Learning-rate schedule over the whole run (see learningRateAt); default constant. */
  schedule?: LearningRateSchedule;
  /** How the first layer meets the one-hot columns (tabular-model.ts); default gather. */
  formulation?: 'onehot' | 'gather';
}

/** `constant`, or `cosine`: from the learning rate at the start down to 2 % of it at the end. */
export type LearningRateSchedule = 'constant' | 'cosine';

/** The learning rate at `progress` (0 = first step, 1 = end of the last epoch) of a schedule. */
export function learningRateAt(schedule: LearningRateSchedule, base: number, progress: number): number {
  if (schedule === 'constant') return base;
  const p = Math.min(1, Math.max(0, progress));
  return base * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * p)));
}

/** A vision (multi-class) training spec: a zoo CNN on an image dataset. */
export interface VisionTrainingSpec {
  task: 'vision';
  arch: string;
  params: Record<string, number>;
  optimizer: 'adam';
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  /** Default test top-1 target of this workload. */
  targetTop1: number;
  /** Training rows used (the first of the train slice). */
  trainRows?: number;
}

export type TrainingSpec = TabularTrainingSpec | VisionTrainingSpec;

/** The effective knobs of one training job, recorded in its result. */
export interface EffectiveTraining {
  optimizer: string;
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  seed: number;
  metric: 'auc' | 'top1';
  target: number;
  stopAtTarget: boolean;
}

/** Reads the spec of a training job, refusing a workload without one. */
export function trainingSpecOf(job: Job): TrainingSpec {
  const spec = job.workload.extra?.training as TrainingSpec | undefined;
  if (!spec || (spec.task !== 'tabular' && spec.task !== 'vision')) {
    throw new UsageError(
      'E_BAD_MODEL',
      `workload ${job.workload.id}: a training workload needs extra.training with task "tabular" or "vision"`,
    );
  }
  return spec;
}

/**
 * The spec's defaults with the run's settings applied (0 = keep the workload's default). Repeat
 * r of a job trains with seed + r, so `--repeat N` runs N seeds (MLPerf's time-to-train runs).
 */
export function effectiveTraining(spec: TrainingSpec, settings: ResolvedSettings, repeat = 0): EffectiveTraining {
  const pick = (v: number, fallback: number) => (v > 0 ? v : fallback);
  const metric = spec.task === 'tabular' ? 'auc' : 'top1';
  return {
    optimizer: spec.optimizer,
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    maxEpochs: pick(settings['train.maxEpochs'], spec.maxEpochs),
    seed: settings.seed + repeat,
    metric,
    target:
      spec.task === 'tabular' ? pick(settings.targetAuc, spec.targetAuc) : pick(settings.targetTop1, spec.targetTop1),
    stopAtTarget: settings['train.stopAtTarget'],
  };
}

/**
 * Why a tabular split cannot be trained here, or null: the tabular models (sigmoid loss) and the
 * peers are binary classifiers scored by the AUC of class 1, so a target with more (or fewer)
 * than two classes would train and score something else without saying so.
 */
export function binaryTargetProblem(datasetId: string, target: { name: string; classes: string[] }): string | null {
  const n = target.classes.length;
  if (n === 2) return null;
  const shown =
    target.classes
      .slice(0, 10)
      .map((c) => JSON.stringify(c))
      .join(', ') + (n > 10 ? `, ... (${n - 10} more)` : '');
  return `dataset ${datasetId}: target column "${target.name}" has ${n} classes (${shown}); tabular training is binary classification and needs exactly 2. Choose a two-valued --target column.`;
}
