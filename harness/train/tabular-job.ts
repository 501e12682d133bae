/**
 * A tabular training job on a tfjs backend: load the encoded split (timed apart), train LR or
 * an MLP with the epoch loop (time-to-target on the test AUC), score the test set (AUC, log
 * loss), export the trained model and score it on every serving runtime (train, then serve).
 */
import { loadTabularSplit } from '../../datasets/tabular/load-split.js';
import type { EncodedSlice, TabularEncoding } from '../../datasets/tabular/types.js';
import { completeSettings } from '../config/settings.js';
import type { SampleSource } from '../scenarios/samples.js';
import { logLoss, rocAuc } from '../measure/metrics.js';
import { createRng, deriveSeed } from '../measure/random.js';
import type { Job } from '../types.js';
import type { JobOutcome } from '../isolate/protocol.js';
import { writeTrainedModel } from './export-trained.js';
import { SERVING_RUNTIMES, maxAbsDiff, scoreOnRuntimes } from './serve-check.js';
import { binaryTargetProblem, effectiveTraining, type TabularTrainingSpec } from './spec.js';
import { createTabularModel, servingRows, tabularDescription } from './tabular-model.js';
import { loadTrainingTf } from './tfjs-backend.js';
import { runTrainLoop, targetNotReachedMessage } from './train-loop.js';

const EVAL_BATCH = 8192;

/** Seeded Fisher-Yates permutation of 0..n-1 (a fresh order every epoch, reproducible). */
export function shuffledOrder(n: number, seed: number): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_v, i) => i);
  const rand = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * The test slice as a sample source of dense one-hot rows (the exported model's input), built
 * per query: the whole slice one-hot would be rows x width float32 (100k x 600 is 240 MB).
 */
export function servingSamples(test: EncodedSlice, encoding: TabularEncoding, reference: number | null): SampleSource {
  const width = encoding.oneHotWidth;
  let buffer = new Float32Array(0);
  return {
    count: test.rows,
    accuracy: { metric: 'auc', labels: test.labels, reference },
    feeds(indices) {
      const k = indices.length;
      if (buffer.length < k * width) buffer = new Float32Array(k * width);
      const first = indices[0]!;
      if (indices.every((i, j) => i === first + j)) servingRows(test, encoding, first, first + k, buffer);
      else indices.forEach((i, j) => servingRows(test, encoding, i, i + 1, buffer.subarray(j * width, (j + 1) * width)));
      return { input: { dtype: 'float32', dims: [k, width], data: buffer.subarray(0, k * width) } };
    },
  };
}

/** Runs one tabular training job on the tfjs runtime named by job.runtime. */
export async function executeTabularTraining(job: Job, spec: TabularTrainingSpec, progress: (m: string) => void): Promise<JobOutcome> {
  const loaded = await loadTrainingTf(job.runtime);
  if ('unavailable' in loaded) return { status: 'unavailable', error: { code: 'E_RUNTIME', message: loaded.unavailable } };
  const { tf } = loaded;
  const runtimeInfo = { version: loaded.version, threads: loaded.threads, options: { ...loaded.facts, formulation: 'onehot-per-batch' } };
  if (spec.model === 'gbt') return { status: 'unavailable', runtimeInfo, error: { code: 'E_RUNTIME', message: `${job.runtime} does not train boosted trees (model gbt runs on external peers)` } };
  const settings = completeSettings(job.settings);
  const eff = effectiveTraining(spec, settings, job.repeat);
  const datasetId = job.workload.dataset?.id ?? 'flights';
  const trainSlice = job.workload.dataset?.slice ?? 'train_10k';

  let t0 = performance.now();
  progress(`${job.id}: loading ${datasetId}/${trainSlice}`);
  const split = await loadTabularSplit(datasetId, trainSlice, { cacheDir: settings.cacheDir, target: job.workload.dataset?.target });
  const loadSeconds = (performance.now() - t0) / 1000;
  const notBinary = binaryTargetProblem(datasetId, split.encoding.target);
  if (notBinary) return { status: 'failed', runtimeInfo, error: { code: 'E_BAD_DATA', message: notBinary } };

  const width = split.encoding.oneHotWidth;
  const description = tabularDescription(`${spec.model}-${datasetId}-${trainSlice}`, width, spec.hidden, eff.seed);
  const tensorsBefore = tf.memory().numTensors;
  const model = createTabularModel({ tf, description, encoding: split.encoding, formulation: 'onehot', learningRate: eff.learningRate });
  const train = split.train;
  const evalTest = (): number => rocAuc(model.predict(split.test, EVAL_BATCH), split.test.labels);
  const loop = await runTrainLoop({
    trainEpoch(epoch) {
      const order = shuffledOrder(train.rows, deriveSeed(eff.seed, `epoch${epoch}`));
      for (let s = 0; s < train.rows; s += eff.batchSize) model.step(train, order, s, Math.min(train.rows, s + eff.batchSize));
      // Queued (GPU) work belongs to this epoch's training time.
      model.sync();
    },
    evaluate: evalTest,
  }, {
    maxEpochs: eff.maxEpochs,
    target: eff.target,
    stopAtTarget: eff.stopAtTarget,
    onEpoch: (e, auc, s) => progress(`${job.id}: epoch ${e}: test AUC ${auc.toFixed(4)} after ${s.toFixed(1)} s`),
  });
  const probabilities = model.predict(split.test, EVAL_BATCH);
  const auc = rocAuc(probabilities, split.test.labels);
  const loss = logLoss(probabilities, split.test.labels);
  const resolved = model.resolved();
  model.dispose();
  const leakedTensors = tf.memory().numTensors - tensorsBefore;
  // The job's peak RSS is that of loading and training; the serving checks below load four
  // more runtimes in this process, so their peak is recorded apart.
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;

  const modelsDir = settings['train.modelsDir'];
  const trained = await writeTrainedModel(resolved, modelsDir, {
    trainedBy: 'mlbench', job: job.id, runtime: job.runtime, dataset: datasetId, trainSlice, testAuc: auc, sourceChecksum: split.source.checksum, encoding: split.encoding,
  });
  let serving: Awaited<ReturnType<typeof scoreOnRuntimes>> = [];
  if (settings['train.serve']) {
    progress(`${job.id}: scoring the exported model on ${SERVING_RUNTIMES.join(', ')}`);
    serving = await scoreOnRuntimes(trained.path, SERVING_RUNTIMES, { samples: servingSamples(split.test, split.encoding, auc), batchSize: EVAL_BATCH }, auc, settings);
  }

  const reached = loop.reached;
  return {
    status: reached ? 'ok' : 'failed',
    ...(reached ? {} : { error: { code: 'E_TARGET', message: targetNotReachedMessage('test AUC', eff.target, loop) } }),
    runtimeInfo,
    dataset: { id: datasetId, slice: trainSlice, rows: train.rows, checksum: train.checksum },
    train: {
      seconds: loop.seconds,
      epochs: loop.epochs,
      rowsPerS: (train.rows * loop.epochs) / loop.seconds,
      loadSeconds,
      timeToTargetSeconds: loop.timeToTargetSeconds,
      evalSeconds: loop.evalSeconds,
      target: { metric: 'auc', value: eff.target },
      history: loop.history,
      settings: { model: spec.model, hidden: spec.hidden, ...eff, formulation: 'onehot-per-batch' },
    },
    accuracy: {
      metric: 'auc',
      value: auc,
      reference: eff.target,
      ratio: auc / eff.target,
      logLoss: loss,
      testRows: split.test.rows,
      testChecksum: split.test.checksum,
      serving,
      servingMaxAbsDiff: maxAbsDiff(serving),
    },
    trainedModel: { kind: 'trained', path: trained.path, sha256: trained.sha256 },
    memory: { peakRssBytes, peakRssWithServingBytes: process.resourceUsage().maxRSS * 1024, leakedTensors },
  };
}
