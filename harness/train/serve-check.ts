/**
 * Train, then serve: a trained model file is loaded on each serving runtime (ort-node:cpu,
 * ort-web:wasm, tfjs:cpu, tfjs:wasm, ...) through the runtime registry, every test sample is run
 * once in batches by the accuracy scenario (harness/scenarios/accuracy.ts, LoadGen's
 * AccuracyOnly) and the outputs are scored with the same metric the training used. Each
 * runtime's value and its difference from the training-side value are recorded, so
 * cross-runtime agreement of the exported model is data in the job result.
 */
import { buildModel } from '../models/index.js';
import { applyPrecision, type Precision } from '../models/precision/index.js';
import { RUNTIMES, createRuntime } from '../runtimes/index.js';
import { runAccuracy, scenarioSettings, type SampleSource } from '../scenarios/index.js';
import { errorMessage } from '../errors.js';
import type { ModelArtifact, ResolvedSettings } from '../types.js';

/** The default serving runtimes of a trained model. */
export const SERVING_RUNTIMES = ['ort-node:cpu', 'ort-web:wasm', 'tfjs:cpu', 'tfjs:wasm'] as const;

/** One runtime's score of the exported model. */
export interface ServingScore {
  runtime: string;
  status: 'ok' | 'unavailable' | 'failed';
  value?: number;
  /** value - the training-side value. */
  diff?: number;
  seconds?: number;
  reason?: string;
}

/** What to run: the test samples with their labels and metric (`samples.accuracy`), in batches of `batchSize`. */
export interface ServingData {
  samples: SampleSource;
  batchSize: number;
}

/** Scores `modelPath` on each runtime in turn; a runtime's failure is a row, never a throw. */
export async function scoreOnRuntimes(
  modelPath: string,
  runtimes: readonly string[],
  data: ServingData,
  reference: number,
  settings: ResolvedSettings,
): Promise<ServingScore[]> {
  if (!data.samples.accuracy)
    throw new Error('scoreOnRuntimes: the samples have no labels and metric (samples.accuracy)');
  const samples: SampleSource = { ...data.samples, accuracy: { ...data.samples.accuracy, reference } };
  const accuracySettings = { ...scenarioSettings('accuracy', settings), batchSize: data.batchSize };
  const model = await buildModel({ kind: 'trained', path: modelPath });
  const out: ServingScore[] = [];
  for (const id of runtimes) {
    if (!(id in RUNTIMES)) {
      out.push({ runtime: id, status: 'unavailable', reason: `${id} is not in the runtime registry` });
      continue;
    }
    try {
      const runtime = await createRuntime(id);
      const probe = await runtime.probe();
      if (!probe.available) {
        out.push({ runtime: id, status: 'unavailable', reason: probe.reason ?? 'unavailable' });
        continue;
      }
      const t0 = performance.now();
      const { session } = await runtime.load(model, settings);
      try {
        const scored = await runAccuracy(session, samples, accuracySettings);
        const value = scored.accuracy!.value;
        out.push({
          runtime: id,
          status: 'ok',
          value,
          diff: value - reference,
          seconds: (performance.now() - t0) / 1000,
        });
      } finally {
        await session.dispose();
      }
    } catch (err) {
      out.push({ runtime: id, status: 'failed', reason: errorMessage(err).split('\n')[0] });
    }
  }
  return out;
}

/** The largest |diff| over the runtimes that scored; null when none did. */
export function maxAbsDiff(scores: ServingScore[]): number | null {
  const diffs = scores.filter((s) => s.status === 'ok').map((s) => Math.abs(s.diff!));
  return diffs.length ? Math.max(...diffs) : null;
}

/** One precision's score of the trained model on one runtime, and its change from fp32 there. */
export interface PrecisionScore {
  precision: Precision;
  runtime: string;
  status: 'ok' | 'failed';
  /** The metric (AUC, top-1) at this precision. */
  value?: number;
  /** The same metric of the fp32 export on the same runtime and samples. */
  fp32Value?: number;
  /** value - fp32Value: the accuracy change the precision costs (negative = worse). */
  changeVsFp32?: number;
  reason?: string;
}

/**
 * Scores the trained model at each of `precisions` (the fp32 export rewritten by
 * models/precision's applyPrecision: fp16, int8 dynamic, int8 weight-only) on `runtime`
 * (ort-node:cpu, whose CPU kernels take every precision), beside the fp32 export on the same
 * runtime and samples, so the change is the precision's alone (issue 27: for trained models, the
 * AUC or top-1 change vs fp32). `rewrite` is injectable so a test can plant a broken quantization.
 */
export async function scorePrecisions(
  modelPath: string,
  precisions: readonly Precision[],
  data: ServingData,
  settings: ResolvedSettings,
  runtimeId = 'ort-node:cpu',
  rewrite: (onnx: Uint8Array, p: Precision) => Uint8Array = applyPrecision,
): Promise<PrecisionScore[]> {
  if (!data.samples.accuracy)
    throw new Error('scorePrecisions: the samples have no labels and metric (samples.accuracy)');
  const accuracySettings = { ...scenarioSettings('accuracy', settings), batchSize: data.batchSize };
  const fp32 = await buildModel({ kind: 'trained', path: modelPath });
  if (!fp32.onnx) throw new Error(`scorePrecisions: ${modelPath} has no ONNX export`);
  const runtime = await createRuntime(runtimeId);
  const score = async (model: ModelArtifact): Promise<number> => {
    const { session } = await runtime.load(model, settings);
    try {
      return (await runAccuracy(session, data.samples, accuracySettings)).accuracy!.value;
    } finally {
      await session.dispose();
    }
  };
  const fp32Value = await score(fp32);
  const out: PrecisionScore[] = [];
  for (const precision of precisions) {
    try {
      const value = await score({
        ...fp32,
        name: `${fp32.name}-${precision}`,
        onnx: rewrite(fp32.onnx, precision),
        precision,
      });
      out.push({ precision, runtime: runtimeId, status: 'ok', value, fp32Value, changeVsFp32: value - fp32Value });
    } catch (err) {
      out.push({
        precision,
        runtime: runtimeId,
        status: 'failed',
        fp32Value,
        reason: errorMessage(err).split('\n')[0],
      });
    }
  }
  return out;
}

/** The `train.servePrecisions` setting as a list ('' = none). */
export function servePrecisionsOf(settings: ResolvedSettings): Precision[] {
  return settings['train.servePrecisions']
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean) as Precision[];
}
