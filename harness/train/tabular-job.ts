/**
 * A tabular training job on a tfjs backend: load the split with mlbench's encoding (timed
 * apart), train LR or an MLP for its full epochs (time-to-target read off the test AUC after
 * each epoch, a measurement only; early stopping, when asked, on validation rows carved from the
 * training slice), score the test set (AUC, log loss), export the trained model and score it on
 * every serving runtime (train, then serve).
 */
import { csvOptionsFrom } from '../../datasets/user/csv-table.js';
import { describeEncoding } from '../../datasets/tabular/encode.js';
import { loadTabularSplit } from '../../datasets/tabular/load-split.js';
import type { EncodedSlice, TabularEncoding } from '../../datasets/tabular/types.js';
import type { SampleSource } from '../scenarios/samples.js';
import { assertFinite } from '../errors.js';
import { logLoss, rocAuc } from '../measure/metrics.js';
import { createRng, deriveSeed } from '../measure/random.js';
import type { Job } from '../types.js';
import type { JobOutcome } from '../isolate/protocol.js';
import { writeTrainedModel } from './export-trained.js';
import { SERVING_RUNTIMES, maxAbsDiff, scoreOnRuntimes, scorePrecisions, servePrecisionsOf } from './serve-check.js';
import { binaryTargetProblem, effectiveTraining, learningRateAt, type TabularTrainingSpec } from './spec.js';
import { createTabularModel, servingRows, tabularDescription } from './tabular-model.js';
import { loadTrainingTf } from './tfjs-backend.js';
import { runTrainLoop, targetNotReachedMessage, timeToTarget } from './train-loop.js';

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
      else
        indices.forEach((i, j) => servingRows(test, encoding, i, i + 1, buffer.subarray(j * width, (j + 1) * width)));
      return { input: { dtype: 'float32', dims: [k, width], data: buffer.subarray(0, k * width) } };
    },
  };
}

/** The rows `rows` of an encoded slice, as a slice of their own. */
export function encodedRows(slice: EncodedSlice, name: string, rows: Uint32Array): EncodedSlice {
  const nNum = slice.numeric.length / Math.max(1, slice.rows);
  const nCat = slice.categorical.length / Math.max(1, slice.rows);
  const numeric = new Float32Array(rows.length * nNum);
  const categorical = new Int32Array(rows.length * nCat);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, j) => {
    numeric.set(slice.numeric.subarray(row * nNum, (row + 1) * nNum), j * nNum);
    categorical.set(slice.categorical.subarray(row * nCat, (row + 1) * nCat), j * nCat);
    labels[j] = slice.labels[row]!;
  });
  return { slice: name, rows: rows.length, numeric, categorical, labels, checksum: '' };
}

/**
 * Early stopping's split of the training rows (seeded): `fit` rows train, `validation` rows
 * (a `fraction` share, at least one) decide when to stop. Both index the training slice only.
 */
export function validationSplit(
  rows: number,
  fraction: number,
  seed: number,
): { fit: Uint32Array; validation: Uint32Array } {
  const order = shuffledOrder(rows, deriveSeed(seed, 'validation'));
  const n = Math.min(rows - 1, Math.max(1, Math.round(rows * fraction)));
  return { validation: order.slice(0, n).sort(), fit: order.slice(n).sort() };
}

/** Runs one tabular training job on the tfjs runtime named by job.runtime. */
export async function executeTabularTraining(
  job: Job,
  spec: TabularTrainingSpec,
  progress: (m: string) => void,
): Promise<JobOutcome> {
  const loaded = await loadTrainingTf(job.runtime);
  if ('unavailable' in loaded)
    return { status: 'unavailable', error: { code: 'E_RUNTIME', message: loaded.unavailable } };
  const { tf } = loaded;
  const runtimeInfo = {
    version: loaded.version,
    threads: loaded.threads,
    options: { ...loaded.facts, formulation: spec.formulation ?? 'gather' },
  };
  if (spec.model === 'gbt')
    return {
      status: 'unavailable',
      runtimeInfo,
      error: {
        code: 'E_RUNTIME',
        message: `${job.runtime} does not train boosted trees (model gbt runs on external peers)`,
      },
    };
  const settings = job.settings;
  const eff = effectiveTraining(spec, settings, job.repeat);
  const datasetId = job.workload.dataset?.id ?? 'flights';
  const trainSlice = job.workload.dataset?.slice ?? 'train_10k';

  const t0 = performance.now();
  progress(`${job.id}: loading ${datasetId}/${trainSlice}`);
  const split = await loadTabularSplit(datasetId, trainSlice, {
    cacheDir: settings.cacheDir,
    target: job.workload.dataset?.target,
    csv: csvOptionsFrom(settings),
  });
  const loadSeconds = (performance.now() - t0) / 1000;
  const notBinary = binaryTargetProblem(datasetId, split.encoding.target);
  if (notBinary) return { status: 'failed', runtimeInfo, error: { code: 'E_BAD_DATA', message: notBinary } };

  const width = split.encoding.oneHotWidth;
  const description = tabularDescription(`${spec.model}-${datasetId}-${trainSlice}`, width, spec.hidden, eff.seed);
  const tensorsBefore = tf.memory().numTensors;
  const model = createTabularModel({
    tf,
    description,
    encoding: split.encoding,
    formulation: spec.formulation ?? 'gather',
    learningRate: eff.learningRate,
  });
  const train = split.train;
  const evalTest = (): number => rocAuc(model.predict(split.test, EVAL_BATCH), split.test.labels);
  // Early stopping reads validation rows of the training slice only; the test AUC of each epoch
  // is measured for time-to-target and never changes what is trained.
  const patience = settings['train.earlyStopping'];
  const held = patience > 0 ? validationSplit(train.rows, settings['train.validationFraction'], eff.seed) : null;
  const validation = held ? encodedRows(train, `${trainSlice}:validation`, held.validation) : null;
  const fitRows = held ? held.fit : null;
  const nFit = fitRows ? fitRows.length : train.rows;
  const schedule = spec.schedule ?? 'constant';
  const loop = await runTrainLoop(
    {
      trainEpoch(epoch) {
        const shuffled = shuffledOrder(nFit, deriveSeed(eff.seed, `epoch${epoch}`));
        const order = fitRows ? shuffled.map((i) => fitRows[i]!) : shuffled;
        const steps = Math.ceil(nFit / eff.batchSize);
        for (let k = 0, s = 0; s < nFit; s += eff.batchSize, k++) {
          model.setLearningRate(learningRateAt(schedule, eff.learningRate, (epoch - 1 + k / steps) / eff.maxEpochs));
          model.step(train, order, s, Math.min(nFit, s + eff.batchSize));
        }
        // Queued (GPU) work belongs to this epoch's training time.
        model.sync();
      },
      evaluate: evalTest,
    },
    {
      maxEpochs: eff.maxEpochs,
      target: eff.target,
      stopAtTarget: false,
      onEpoch: (e, auc, s) => progress(`${job.id}: epoch ${e}: test AUC ${auc.toFixed(4)} after ${s.toFixed(1)} s`),
      ...(validation
        ? {
            earlyStopping: {
              patience,
              validate: () => rocAuc(model.predict(validation, EVAL_BATCH), validation.labels),
            },
          }
        : {}),
    },
  );
  const probabilities = model.predict(split.test, EVAL_BATCH);
  // A diverged model's NaN/Inf predictions fail the job (E_NONFINITE) instead of ranking into an AUC.
  assertFinite(`${job.runtime}: test predictions`, probabilities);
  const auc = rocAuc(probabilities, split.test.labels);
  const loss = logLoss(probabilities, split.test.labels);
  const resolved = model.resolved();
  model.dispose();
  const leakedTensors = tf.memory().numTensors - tensorsBefore;
  // The job's peak RSS is that of loading and training; the serving checks below load four
  // more runtimes in this process, so their peak is recorded apart.
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const toTarget = timeToTarget(loop.history, eff.target);

  const modelsDir = settings['train.modelsDir'];
  const trained = await writeTrainedModel(resolved, modelsDir, {
    trainedBy: 'mlbench',
    job: job.id,
    runtime: job.runtime,
    dataset: datasetId,
    trainSlice,
    testAuc: auc,
    sourceChecksum: split.source.checksum,
    encoding: split.encoding,
  });
  let serving: Awaited<ReturnType<typeof scoreOnRuntimes>> = [];
  if (settings['train.serve']) {
    progress(`${job.id}: scoring the exported model on ${SERVING_RUNTIMES.join(', ')}`);
    serving = await scoreOnRuntimes(
      trained.path,
      SERVING_RUNTIMES,
      { samples: servingSamples(split.test, split.encoding, auc), batchSize: EVAL_BATCH },
      auc,
      settings,
    );
  }
  const precisions = servePrecisionsOf(settings);
  const byPrecision = precisions.length
    ? await scorePrecisions(
        trained.path,
        precisions,
        { samples: servingSamples(split.test, split.encoding, auc), batchSize: EVAL_BATCH },
        settings,
      )
    : [];
  for (const p of byPrecision)
    progress(
      `${job.id}: ${p.precision} on ${p.runtime}: ${p.status === 'ok' ? `test AUC ${p.value!.toFixed(4)}, ${p.changeVsFp32! >= 0 ? '+' : ''}${p.changeVsFp32!.toFixed(4)} vs fp32` : p.reason}`,
    );

  const reached = toTarget.targetReached === true;
  return {
    status: reached ? 'ok' : 'failed',
    ...(reached ? {} : { error: { code: 'E_TARGET', message: targetNotReachedMessage('test AUC', eff.target, loop) } }),
    runtimeInfo,
    dataset: {
      id: datasetId,
      slice: trainSlice,
      rows: train.rows,
      checksum: train.checksum,
      ...(split.source.source.preprocessing ? { preprocessing: split.source.source.preprocessing } : {}),
    },
    train: {
      seconds: loop.seconds,
      epochs: loop.epochs,
      // Rows trained on: the validation rows early stopping holds out are scored, never trained on.
      rowsPerS: (nFit * loop.epochs) / loop.seconds,
      rowsPerEpoch: nFit,
      loadSeconds,
      peakRssBytes,
      peakRssBy: 'getrusage(RUSAGE_SELF).ru_maxrss of the job process (node), after training and predicting',
      ...toTarget,
      evalSeconds: loop.evalSeconds,
      target: { metric: 'auc', value: eff.target },
      history: loop.history,
      ...(held
        ? {
            earlyStopping: {
              patience,
              validationRows: held.validation.length,
              fitRows: held.fit.length,
              stoppedAfterEpoch: loop.stoppedEarlyAt,
              // The reported model and test AUC are the last epoch's; the best-validation epoch (the one
              // a user would keep) is stated beside it, and its test AUC below.
              bestEpoch: loop.bestEpoch,
              scoredEpoch: loop.epochs,
            },
          }
        : {}),
      ...(held ? { bestEpochTestAuc: loop.history.find((h) => h.epoch === loop.bestEpoch)?.metric ?? null } : {}),
      encoding: describeEncoding(split.encoding),
      settings: {
        model: spec.model,
        hidden: spec.hidden,
        ...eff,
        stopAtTarget: false,
        schedule,
        formulation: model.formulation,
      },
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
      ...(byPrecision.length ? { precisions: byPrecision } : {}),
    },
    trainedModel: { kind: 'trained', path: trained.path, sha256: trained.sha256 },
    memory: { peakRssBytes, peakRssWithServingBytes: process.resourceUsage().maxRSS * 1024, leakedTensors },
  };
}
