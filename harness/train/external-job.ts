/**
 * A tabular training job on an external peer (`external:<cmd>`): the raw columns of the split
 * are written as little-endian arrays (benchm-ml: each tool encodes the raw data its own way),
 * the peer trains and writes its test-set probabilities, and mlbench scores them with the same
 * metrics as its own models (exact AUC, log loss), so every row of the benchm-ml table is
 * measured the same way. Protocol: harness/runtimes/EXTERNAL.md.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { csvOptionsFrom } from '../../datasets/user/csv-table.js';
import { numericRole } from '../../datasets/tabular/encode.js';
import { loadRawSplit } from '../../datasets/tabular/load-split.js';
import type { TabularTable } from '../../datasets/tabular/types.js';
import { assertFinite } from '../errors.js';
import { logLoss, rocAuc } from '../measure/metrics.js';
import { callPeer, peerCommand, trackPeerDir } from '../runtimes/external.js';
import type { Job } from '../types.js';
import type { JobOutcome } from '../isolate/protocol.js';
import { binaryTargetProblem, effectiveTraining, type TabularTrainingSpec } from './spec.js';
import { timeToTarget, type EpochRecord } from './train-loop.js';

const bytesOf = (a: Float64Array | Int32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Column descriptions of the request: name, kind, role (numeric) or cardinality (categorical). */
function columnsOf(t: TabularTable): Record<string, unknown>[] {
  return [
    ...t.numericNames.map((name, c) => ({ name, kind: 'numeric', role: numericRole(t, c), dtype: 'float64' })),
    ...t.categoricalNames.map((name, c) => ({
      name,
      kind: 'categorical',
      cardinality: t.vocabularies[c]!.length,
      dtype: 'int32',
    })),
  ];
}

/** Writes one slice's raw columns (numeric as float64, categorical ids as int32) and labels. */
async function writeSlice(dir: string, part: string, t: TabularTable): Promise<Record<string, unknown>> {
  const columns: Record<string, string> = {};
  for (const [c, name] of t.numericNames.entries()) {
    columns[name] = path.join(dir, `${part}-num${c}.f64`);
    await writeFile(columns[name]!, bytesOf(Float64Array.from(t.numeric[c]!)));
  }
  for (const [c, name] of t.categoricalNames.entries()) {
    columns[name] = path.join(dir, `${part}-cat${c}.i32`);
    await writeFile(columns[name]!, bytesOf(Int32Array.from(t.categorical[c]!)));
  }
  const labels = path.join(dir, `${part}-labels.u8`);
  await writeFile(labels, bytesOf(t.labels));
  return { rows: t.rows, labels, columns };
}

/** Runs one tabular training job on an external peer. */
export async function executeExternalTraining(
  job: Job,
  spec: TabularTrainingSpec,
  progress: (m: string) => void,
): Promise<JobOutcome> {
  // The job's timeout runs from its start, so the peer's deadline does too (loading and writing
  // the split count), with 5 s left to read and record its reply before the job is stopped.
  const jobStart = performance.now();
  const settings = job.settings;
  const cmd = peerCommand(job.runtime, settings['peers.python']);
  if ('unavailable' in cmd) return { status: 'unavailable', error: { code: 'E_RUNTIME', message: cmd.unavailable } };
  const argv = cmd.argv;
  const eff = effectiveTraining(spec, settings, job.repeat);
  const datasetId = job.workload.dataset?.id ?? 'flights';
  const trainSlice = job.workload.dataset?.slice ?? 'train_10k';
  const t0 = performance.now();
  const split = await loadRawSplit(datasetId, trainSlice, {
    cacheDir: settings.cacheDir,
    target: job.workload.dataset?.target,
    csv: csvOptionsFrom(settings),
  });
  const notBinary = binaryTargetProblem(datasetId, { name: split.train.target, classes: split.train.classes });
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
      hyper: {
        learningRate: eff.learningRate,
        batchSize: eff.batchSize,
        maxEpochs: eff.maxEpochs,
        ...(spec.peer ?? {}),
      },
      seed: eff.seed,
      target: { metric: 'auc', value: eff.target },
      data: {
        format: 'columns-le',
        columns: columnsOf(split.train),
        train: await writeSlice(dir, 'train', split.train),
        test: await writeSlice(dir, 'test', split.test),
      },
      output: { predictions: path.join(dir, 'predictions.f32') },
    };
    const loadSeconds = (performance.now() - t0) / 1000;
    progress(`${job.id}: training on ${argv.join(' ')}`);
    const call = await callPeer(
      argv,
      request,
      Math.max(1000, settings.timeoutMs - 5000 - (performance.now() - jobStart)),
    );
    if (!call.reply) return { status: 'failed', error: { code: 'E_PEER', message: `${job.runtime}: ${call.problem}` } };
    const tool = (call.reply.tool ?? {}) as Record<string, unknown>;
    const runtimeInfo = {
      version: typeof call.reply.version === 'string' ? call.reply.version : null,
      threads: typeof call.reply.threads === 'number' ? call.reply.threads : null,
      options: { argv, tool },
    };
    if (call.reply.status === 'unavailable')
      return {
        status: 'unavailable',
        runtimeInfo,
        error: { code: 'E_RUNTIME', message: String(call.reply.reason ?? 'the peer says it is unavailable') },
      };
    if (call.reply.status !== 'ok')
      return {
        status: 'failed',
        runtimeInfo,
        error: {
          code: 'E_PEER',
          message: `${job.runtime}: ${String(call.reply.error ?? call.reply.reason ?? `reply status ${JSON.stringify(call.reply.status)}`)}`,
        },
      };
    const trainSeconds = Number(call.reply.trainSeconds);
    const buf = await readFile(request.output.predictions).catch(() => null);
    const predictions =
      buf && buf.byteLength === split.test.rows * 4
        ? new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength))
        : null;
    if (!predictions || !Number.isFinite(trainSeconds)) {
      return {
        status: 'failed',
        runtimeInfo,
        error: {
          code: 'E_PEER',
          message: `${job.runtime}: the reply needs trainSeconds and ${split.test.rows} float32 predictions in ${request.output.predictions} (got ${buf ? buf.byteLength : 'no'} bytes)`,
        },
      };
    }
    // A peer's NaN/Inf predictions fail the job (E_NONFINITE) instead of ranking into an AUC.
    assertFinite(`${job.runtime}: predictions in ${request.output.predictions}`, predictions);
    const auc = rocAuc(predictions, split.test.labels);
    const epochs = Number(call.reply.epochs ?? 1);
    const history = peerHistory(call.reply.history);
    const toTarget = timeToTarget(history, eff.target);
    // Peak RSS: the training process's own ru_maxrss after training and predicting, as the
    // peer reports it (the tfjs jobs read the same counter); the parent's poll of the kernel's
    // high-water mark stands in when a peer does not report it.
    const selfRss = Number(call.reply.peakRssBytes);
    const peakRssBytes = Number.isFinite(selfRss) && selfRss > 0 ? selfRss : call.peakRssBytes;
    return {
      status: auc >= eff.target ? 'ok' : 'failed',
      ...(auc >= eff.target
        ? {}
        : {
            error: {
              code: 'E_TARGET',
              message: `target not reached: test AUC ${auc.toFixed(4)} < target ${eff.target}`,
            },
          }),
      runtimeInfo,
      dataset: { id: datasetId, slice: trainSlice, rows: split.train.rows, checksum: split.trainChecksum },
      train: {
        seconds: trainSeconds,
        epochs,
        rowsPerS: (split.train.rows * epochs) / trainSeconds,
        loadSeconds,
        peakRssBytes,
        peakRssBy:
          Number.isFinite(selfRss) && selfRss > 0
            ? 'getrusage(RUSAGE_SELF).ru_maxrss of the peer'
            : 'VmHWM of the peer, polled every 50 ms',
        ...toTarget,
        ...(history ? { history } : {}),
        target: { metric: 'auc', value: eff.target },
        encoding: call.reply.encoding ?? null,
        settings: { model: spec.model, ...request.hyper, seed: eff.seed },
      },
      accuracy: {
        metric: 'auc',
        value: auc,
        reference: eff.target,
        ratio: auc / eff.target,
        logLoss: logLoss(predictions, split.test.labels),
        testRows: split.test.rows,
        testChecksum: split.testChecksum,
      },
      // The job's peak RSS is the training process's (the peer's), as for tfjs jobs: one figure per job.
      memory: { peakRssBytes },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    untrack();
  }
}

/**
 * The peer's per-round record (`history`: [{epoch, metric, trainSeconds}], test AUC after each
 * epoch or boosting round, cumulative training seconds with evaluation excluded), or null when
 * it reports none (then it has no time to target: "-" in the table).
 */
function peerHistory(value: unknown): EpochRecord[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const ok = value.every(
    (h) =>
      h &&
      typeof h === 'object' &&
      [h.epoch, h.metric, h.trainSeconds].every((v) => typeof v === 'number' && Number.isFinite(v)),
  );
  return ok
    ? (value as EpochRecord[]).map(({ epoch, metric, trainSeconds }) => ({ epoch, metric, trainSeconds }))
    : null;
}
