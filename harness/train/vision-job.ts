/**
 * A vision training job: a zoo CNN (LeNet-style) trained on MNIST's deterministic train slice on
 * a tfjs backend, with time-to-target on the test top-1 accuracy, then exported and scored in
 * accuracy mode on every serving runtime. The description's flatten uses tfjs's `hwc` order, so
 * the trained dense weights need no permutation in any runtime.
 */
import { mnistDataset } from '../../datasets/mnist.js';
import { top1Accuracy } from '../measure/metrics.js';
import { deriveSeed } from '../measure/random.js';
import { zooDescription } from '../models/zoo.js';
import { arraySamples } from '../scenarios/samples.js';
import type { ArchDescription } from '../arch.js';
import type { Job } from '../types.js';
import type { JobOutcome } from '../isolate/protocol.js';
import { writeTrainedModel } from './export-trained.js';
import { SERVING_RUNTIMES, maxAbsDiff, scoreOnRuntimes, scorePrecisions, servePrecisionsOf } from './serve-check.js';
import { createSequentialModel } from './sequential-model.js';
import { effectiveTraining, type VisionTrainingSpec } from './spec.js';
import { shuffledOrder } from './tabular-job.js';
import { loadTrainingTf } from './tfjs-backend.js';
import { runTrainLoop, targetNotReachedMessage, timeToTarget } from './train-loop.js';

const EVAL_BATCH = 500;

/** Runs one vision training job on the tfjs runtime named by job.runtime. */
export async function executeVisionTraining(
  job: Job,
  spec: VisionTrainingSpec,
  progress: (m: string) => void,
): Promise<JobOutcome> {
  const loaded = await loadTrainingTf(job.runtime);
  if ('unavailable' in loaded)
    return { status: 'unavailable', error: { code: 'E_RUNTIME', message: loaded.unavailable } };
  const { tf } = loaded;
  const runtimeInfo = { version: loaded.version, threads: loaded.threads, options: loaded.facts };
  const settings = job.settings;
  const eff = effectiveTraining(spec, settings, job.repeat);

  const t0 = performance.now();
  const dataset = mnistDataset();
  const [trainAll, test] = [await dataset.load(job.workload.dataset?.slice ?? 'train'), await dataset.load('test')];
  const rows = Math.min(trainAll.rows, spec.trainRows ?? trainAll.rows);
  const per = trainAll.columns;
  const loadSeconds = (performance.now() - t0) / 1000;

  const zoo = zooDescription(spec.arch, spec.params, eff.seed);
  const description: ArchDescription = {
    ...zoo,
    name: `${zoo.name}-mnist-trained`,
    layers: zoo.layers.map((l) => (l.type === 'flatten' ? { ...l, order: 'hwc' as const } : l)),
  };
  const before = tf.memory().numTensors;
  const model = createSequentialModel(tf, description, eff.learningRate);
  const classes = 10;
  const xBatch = new Float32Array(eff.batchSize * per);
  const yBatch = new Int32Array(eff.batchSize);
  const labels = trainAll.labels as Uint8Array;
  const evaluate = () => top1Accuracy(model.predict(test.features, test.rows, EVAL_BATCH), classes, test.labels);
  const loop = await runTrainLoop(
    {
      trainEpoch(epoch) {
        const order = shuffledOrder(rows, deriveSeed(eff.seed, `epoch${epoch}`));
        for (let s = 0; s < rows; s += eff.batchSize) {
          const n = Math.min(rows, s + eff.batchSize) - s;
          for (let r = 0; r < n; r++) {
            const g = order[s + r]!;
            xBatch.set(trainAll.features.subarray(g * per, (g + 1) * per), r * per);
            yBatch[r] = labels[g]!;
          }
          model.step(xBatch, n, yBatch);
        }
        // Queued (GPU) work belongs to this epoch's training time.
        model.sync();
      },
      evaluate,
    },
    {
      maxEpochs: eff.maxEpochs,
      target: eff.target,
      stopAtTarget: eff.stopAtTarget,
      onEpoch: (e, acc, s) => progress(`${job.id}: epoch ${e}: test top-1 ${acc.toFixed(4)} after ${s.toFixed(1)} s`),
    },
  );
  const top1 = evaluate();
  const resolved = model.resolved();
  model.dispose();
  const leakedTensors = tf.memory().numTensors - before;
  // Peak RSS of loading and training, before the serving checks load four more runtimes.
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;

  const trained = await writeTrainedModel(resolved, settings['train.modelsDir'], {
    trainedBy: 'mlbench',
    job: job.id,
    runtime: job.runtime,
    dataset: 'mnist',
    trainSlice: 'train',
    testTop1: top1,
  });
  const testSamples = () =>
    arraySamples({
      inputName: 'input',
      features: test.features.subarray(0, test.rows * per),
      sampleDims: [1, 28, 28],
      accuracy: { metric: 'top1', labels: test.labels, reference: top1 },
    });
  const serving = !settings['train.serve']
    ? []
    : await scoreOnRuntimes(
        trained.path,
        SERVING_RUNTIMES,
        { samples: testSamples(), batchSize: EVAL_BATCH },
        top1,
        settings,
      );
  const precisions = servePrecisionsOf(settings);
  const byPrecision = precisions.length
    ? await scorePrecisions(trained.path, precisions, { samples: testSamples(), batchSize: EVAL_BATCH }, settings)
    : [];
  for (const p of byPrecision)
    progress(
      `${job.id}: ${p.precision} on ${p.runtime}: ${p.status === 'ok' ? `test top-1 ${p.value!.toFixed(4)}, ${p.changeVsFp32! >= 0 ? '+' : ''}${p.changeVsFp32!.toFixed(4)} vs fp32` : p.reason}`,
    );

  return {
    status: loop.reached ? 'ok' : 'failed',
    ...(loop.reached
      ? {}
      : { error: { code: 'E_TARGET', message: targetNotReachedMessage('test top-1', eff.target, loop) } }),
    runtimeInfo,
    dataset: { id: 'mnist', slice: 'train', rows, checksum: String(trainAll.meta.checksum) },
    train: {
      seconds: loop.seconds,
      epochs: loop.epochs,
      rowsPerS: (rows * loop.epochs) / loop.seconds,
      loadSeconds,
      ...timeToTarget(loop.history, eff.target),
      evalSeconds: loop.evalSeconds,
      target: { metric: 'top1', value: eff.target },
      history: loop.history,
      settings: { arch: spec.arch, params: spec.params, ...eff },
    },
    accuracy: {
      metric: 'top1',
      value: top1,
      reference: eff.target,
      ratio: top1 / eff.target,
      testRows: test.rows,
      testChecksum: String(test.meta.checksum),
      serving,
      servingMaxAbsDiff: maxAbsDiff(serving),
      ...(byPrecision.length ? { precisions: byPrecision } : {}),
    },
    trainedModel: { kind: 'trained', path: trained.path, sha256: trained.sha256 },
    memory: { peakRssBytes, peakRssWithServingBytes: process.resourceUsage().maxRSS * 1024, leakedTensors },
  };
}
