/**
 * `tabular`: the benchm-ml ladder on flights. Logistic regression and an MLP (64 relu) trained
 * with tfjs on every tfjs backend (tfjs:cpu from standard, tfjs:wasm, tfjs-node:* when registered), and their
 * native counterparts through `external:<cmd>` (scikit-learn LogisticRegression and
 * MLPClassifier, xgboost hist), all on the same split: training slices of 10k / 100k (quick),
 * + 1m (standard), + train_full (full), scored on the same 100k test slice. Every tool gets the
 * raw columns and encodes them its own way. Each job runs in its own process, and trains fully.
 * Hyper-parameters are per size (more steps for small slices); the time-to-quality target is
 * one test AUC per size for every model, so the to-target column compares (--target-auc).
 */
import path from 'node:path';
import type { DatasetRef, Profile, Suite, SuiteOptions, Workload } from '../../harness/types.js';
import { FLIGHTS_PROFILE_SLICES } from '../../datasets/flights/split.js';
import type { TabularTrainingSpec } from '../../harness/train/spec.js';
import { runtimesAt } from '../profile-runtimes.js';

/** Shipped peers (optional: unavailable with the install command when python3-sklearn is absent). */
export const PEERS = {
  sklearn: 'external:peers/sklearn_logreg.py',
  sklearnMlp: 'external:peers/sklearn_mlp.py',
  xgboost: 'external:peers/xgboost_hist.py',
} as const;

/** Every tfjs runtime trains; tfjs-node ones are unavailable (with the install command) where absent. */
const TFJS_TRAINING = ['tfjs:cpu', 'tfjs:wasm', 'tfjs-node:tensorflow', 'tfjs-node-gpu:cuda'];

/** A short name of a dataset for workload ids: `csv:/data/my file.csv` -> `my-file`. */
export function datasetLabel(id: string): string {
  const file = id.replace(/^(csv|parquet):/, '');
  return (
    path
      .basename(file)
      .replace(/\.(csv|parquet)$/i, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '-') || 'data'
  );
}

/** Rows of a slice name, for labels: train_10k -> 10k. */
export function sizeLabel(slice: string): string {
  return slice.replace(/^train_/, '');
}

interface SizeKnobs {
  batchSize: number;
  maxEpochs: number;
  learningRate: number;
}

/**
 * Per model and size: Adam with a cosine learning-rate decay over the run (measured on
 * tfjs:wasm, seed 42: the final epochs at a small rate settle LR within a few 1e-4 of the
 * lbfgs optimum), fewer epochs and larger batches as the slice grows.
 */
const KNOBS: Record<'logreg' | 'mlp', Record<string, SizeKnobs>> = {
  logreg: {
    train: { batchSize: 256, maxEpochs: 5, learningRate: 0.01 },
    train_10k: { batchSize: 256, maxEpochs: 10, learningRate: 0.01 },
    train_100k: { batchSize: 1024, maxEpochs: 3, learningRate: 0.01 },
    train_1m: { batchSize: 1024, maxEpochs: 2, learningRate: 0.01 },
    train_full: { batchSize: 2048, maxEpochs: 2, learningRate: 0.01 },
  },
  mlp: {
    train: { batchSize: 256, maxEpochs: 5, learningRate: 0.003 },
    train_10k: { batchSize: 128, maxEpochs: 5, learningRate: 0.003 },
    train_100k: { batchSize: 1024, maxEpochs: 3, learningRate: 0.003 },
    train_1m: { batchSize: 1024, maxEpochs: 2, learningRate: 0.003 },
    train_full: { batchSize: 2048, maxEpochs: 2, learningRate: 0.003 },
  },
};

const TIMEOUT_MS: Record<string, number> = {
  train: 600_000,
  train_10k: 300_000,
  train_100k: 600_000,
  train_1m: 3_600_000,
  train_full: 5_400_000,
};

// Default targets: one test AUC per size, for every model, that the tfjs models and the peers
// reach on this split (tfjs:wasm, seed 42), so `to target s` compares tools at one quality.
// User data (slice `train`) has no known reachable AUC: its default target is chance (0.5), so
// jobs record time and AUC; pass --target-auc for a real time-to-quality figure.
const TARGET_AUC: Record<string, number> = {
  train: 0.5,
  train_10k: 0.62,
  train_100k: 0.65,
  train_1m: 0.655,
  train_full: 0.655,
};

function spec(model: 'logreg' | 'mlp' | 'gbt', slice: string): TabularTrainingSpec {
  const k = KNOBS[model === 'gbt' ? 'logreg' : model][slice] ?? KNOBS[model === 'gbt' ? 'logreg' : model].train!;
  return {
    task: 'tabular',
    model,
    hidden: model === 'mlp' ? [64] : [],
    optimizer: 'adam',
    learningRate: k.learningRate,
    batchSize: k.batchSize,
    maxEpochs: k.maxEpochs,
    schedule: 'cosine',
    formulation: 'gather',
    targetAuc: TARGET_AUC[slice] ?? 0.5,
    ...(model === 'gbt' ? { peer: { trees: 100, maxDepth: 10, eta: 0.1, treeMethod: 'hist' } } : {}),
  };
}

function workload(model: 'logreg' | 'mlp' | 'gbt', dataset: DatasetRef, runtimes: string[]): Workload {
  const slice = dataset.slice;
  const s = spec(model, slice);
  const what =
    model === 'logreg'
      ? 'logistic regression'
      : model === 'mlp'
        ? `MLP (${s.hidden.join('-')}, relu)`
        : 'gradient-boosted trees (peers only)';
  return {
    id:
      dataset.id === 'flights'
        ? `${model}-${sizeLabel(slice)}`
        : `${model}-${datasetLabel(dataset.id)}-${sizeLabel(slice)}`,
    kind: 'training',
    description:
      dataset.id === 'flights'
        ? `${what} on flights ${slice}, scored on the 100k test slice (AUC, log loss)`
        : `${what} on ${dataset.id}${dataset.target ? ` (target ${dataset.target})` : ''} ${slice}, scored on its test slice (AUC, log loss)`,
    model: { kind: 'zoo', arch: model === 'mlp' ? 'mlp' : 'logreg', params: {}, seed: 42 },
    dataset,
    scenarios: ['accuracy'],
    runtimes: [...runtimes, 'external:*'],
    settings: { timeoutMs: TIMEOUT_MS[slice] ?? TIMEOUT_MS.train! },
    extra: { training: s },
  };
}

/**
 * The training slices to run: the flights ladder by default; with `--dataset`, the user's data
 * (`csv:` / `parquet:` with `--target`: one `train` slice, test = its held-out 20 %) or the
 * seeded `synthetic-tabular` generator on the same ladder sizes.
 */
export function datasetSlices(profile: Profile, options?: SuiteOptions): DatasetRef[] {
  const user = options?.dataset;
  if (!user || user.id === 'flights') return FLIGHTS_PROFILE_SLICES[profile].map((slice) => ({ id: 'flights', slice }));
  if (user.id === 'synthetic-tabular') return FLIGHTS_PROFILE_SLICES[profile].map((slice) => ({ id: user.id, slice }));
  return [{ id: user.id, slice: 'train', ...(user.target ? { target: user.target } : {}) }];
}

export const tabularSuite: Suite = {
  id: 'tabular',
  describe: () =>
    'benchm-ml on flights: LR and MLP trained in tfjs (cpu, wasm, tfjs-node) and peers (scikit-learn LR and MLP, xgboost) per training size, each on its own encoding of the raw columns -> train s, time to target, peak RSS, test AUC; exported models scored on ort-node, ort-web and tfjs.',
  workloads(profile: Profile, options?: SuiteOptions): Workload[] {
    return datasetSlices(profile, options).flatMap((dataset) => [
      workload('logreg', dataset, [...runtimesAt(profile, TFJS_TRAINING), PEERS.sklearn]),
      workload('mlp', dataset, [...runtimesAt(profile, TFJS_TRAINING), PEERS.sklearnMlp]),
      workload('gbt', dataset, [PEERS.xgboost]),
    ]);
  },
};
