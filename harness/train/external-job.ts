/**
 * A tabular training job on an external peer (`external:<cmd>`): the encoded split is written
 * as raw little-endian arrays, the peer trains and writes its test-set probabilities, and
 * mlbench scores them with the same metrics as its own models (exact AUC, log loss), so every
 * row of the benchm-ml table is measured the same way. Protocol: harness/runtimes/EXTERNAL.md.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadTabularSplit } from '../../datasets/tabular/load-split.js';
import type { EncodedSlice } from '../../datasets/tabular/types.js';
import { completeSettings } from '../config/settings.js';
import { logLoss, rocAuc } from '../measure/metrics.js';
import { callPeer, externalArgv, trackPeerDir } from '../runtimes/external.js';
import type { Job } from '../types.js';
import type { JobOutcome } from '../isolate/protocol.js';
import { binaryTargetProblem, effectiveTraining, type TabularTrainingSpec } from './spec.js';

const bytesOf = (a: Float32Array | Int32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

async function writeSlice(dir: string, name: string, s: EncodedSlice): Promise<Record<string, unknown>> {
  const files = { numeric: path.join(dir, `${name}-numeric.f32`), categorical: path.join(dir, `${name}-categorical.i32`), labels: path.join(dir, `${name}-labels.u8`) };
  await writeFile(files.numeric, bytesOf(s.numeric));
  await writeFile(files.categorical, bytesOf(s.categorical));
  await writeFile(files.labels, bytesOf(s.labels));
  return { rows: s.rows, ...files };
}

/** Runs one tabular training job on an external peer. */
export async function executeExternalTraining(job: Job, spec: TabularTrainingSpec, progress: (m: string) => void): Promise<JobOutcome> {
  // The job's timeout runs from its start, so the peer's deadline does too (loading and writing
  // the split count), with 5 s left to read and record its reply before the job is stopped.
  const jobStart = performance.now();
  const argv = externalArgv(job.runtime);
  const settings = completeSettings(job.settings);
  const eff = effectiveTraining(spec, settings, job.repeat);
  const datasetId = job.workload.dataset?.id ?? 'flights';
  const trainSlice = job.workload.dataset?.slice ?? 'train_10k';
  const t0 = performance.now();
  const split = await loadTabularSplit(datasetId, trainSlice, { cacheDir: settings.cacheDir, target: job.workload.dataset?.target });
  const notBinary = binaryTargetProblem(datasetId, split.encoding.target);
  if (notBinary) return { status: 'failed', error: { code: 'E_BAD_DATA', message: notBinary } };
  const dir = path.resolve(settings.cacheDir, 'tmp', `peer-${process.pid}`);
  // Registered so that a job stopped at its timeout removes it (killLivePeers) as well as the peer.
  const untrack = trackPeerDir(dir);
  try {
    await mkdir(dir, { recursive: true });
    const request = {
      type: 'train',
      task: 'binary-classification',
      model: spec.model,
      hyper: { learningRate: eff.learningRate, batchSize: eff.batchSize, maxEpochs: eff.maxEpochs, ...(spec.peer ?? {}) },
      seed: eff.seed,
      data: {
        format: 'raw-le',
        numericColumns: split.encoding.numeric.map((n) => n.name),
        categoricalColumns: split.encoding.categorical.map((c) => ({ name: c.name, cardinality: c.cardinality })),
        train: await writeSlice(dir, 'train', split.train),
        test: await writeSlice(dir, 'test', split.test),
      },
      output: { predictions: path.join(dir, 'predictions.f32') },
    };
    const loadSeconds = (performance.now() - t0) / 1000;
    progress(`${job.id}: training on ${argv.join(' ')}`);
    const call = await callPeer(argv, request, Math.max(1000, settings.timeoutMs - 5000 - (performance.now() - jobStart)));
    // The job process's own peak RSS is measured by the parent; the peer's is recorded apart.
    const peerPeakRssBytes = Math.max(call.peakRssBytes ?? 0, Number(call.reply?.peakRssBytes ?? 0)) || null;
    if (!call.reply) return { status: 'failed', error: { code: 'E_PEER', message: `${job.runtime}: ${call.problem}` } };
    const tool = (call.reply.tool ?? {}) as Record<string, unknown>;
    const runtimeInfo = { version: typeof call.reply.version === 'string' ? call.reply.version : null, threads: typeof call.reply.threads === 'number' ? call.reply.threads : null, options: { argv, tool } };
    if (call.reply.status === 'unavailable') return { status: 'unavailable', runtimeInfo, error: { code: 'E_RUNTIME', message: String(call.reply.reason ?? 'the peer says it is unavailable') } };
    if (call.reply.status !== 'ok') return { status: 'failed', runtimeInfo, error: { code: 'E_PEER', message: `${job.runtime}: ${String(call.reply.error ?? call.reply.reason ?? `reply status ${JSON.stringify(call.reply.status)}`)}` } };
    const trainSeconds = Number(call.reply.trainSeconds);
    const buf = await readFile(request.output.predictions).catch(() => null);
    const predictions = buf && buf.byteLength === split.test.rows * 4 ? new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) : null;
    if (!predictions || !Number.isFinite(trainSeconds)) {
      return { status: 'failed', runtimeInfo, error: { code: 'E_PEER', message: `${job.runtime}: the reply needs trainSeconds and ${split.test.rows} float32 predictions in ${request.output.predictions} (got ${buf ? buf.byteLength : 'no'} bytes)` } };
    }
    // A diverged peer must not "reach" a target: AUC ranks NaN like any number.
    const nonFinite = predictions.reduce((n, p) => (Number.isFinite(p) ? n : n + 1), 0);
    if (nonFinite > 0) return { status: 'failed', runtimeInfo, error: { code: 'E_PEER', message: `${job.runtime}: ${nonFinite} NaN/Inf of ${predictions.length} predictions` } };
    const auc = rocAuc(predictions, split.test.labels);
    const epochs = Number(call.reply.epochs ?? 1);
    return {
      status: auc >= eff.target ? 'ok' : 'failed',
      ...(auc >= eff.target ? {} : { error: { code: 'E_TARGET', message: `target not reached: test AUC ${auc.toFixed(4)} < target ${eff.target}` } }),
      runtimeInfo,
      dataset: { id: datasetId, slice: trainSlice, rows: split.train.rows, checksum: split.train.checksum },
      train: {
        seconds: trainSeconds, epochs, rowsPerS: (split.train.rows * epochs) / trainSeconds, loadSeconds, peerPeakRssBytes,
        // A peer reports one training time; it reached the target within it or not at all.
        timeToTargetSeconds: auc >= eff.target ? trainSeconds : null,
        target: { metric: 'auc', value: eff.target },
        settings: { model: spec.model, ...request.hyper, seed: eff.seed },
      },
      accuracy: { metric: 'auc', value: auc, reference: eff.target, ratio: auc / eff.target, logLoss: logLoss(predictions, split.test.labels), testRows: split.test.rows, testChecksum: split.test.checksum },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    untrack();
  }
}
