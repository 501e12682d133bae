/**
 * Train, then serve: a trained model file is loaded on each serving runtime (ort-node:cpu,
 * ort-web:wasm, tfjs:cpu, tfjs:wasm, ...) through the runtime registry, every test sample is run
 * once in batches by the accuracy scenario (harness/scenarios/accuracy.ts, LoadGen's
 * AccuracyOnly) and the outputs are scored with the same metric the training used. Each
 * runtime's value and its difference from the training-side value are recorded, so
 * cross-runtime agreement of the exported model is data in the job result.
 */
import { buildModel } from '../models/index.js';
import { RUNTIMES, createRuntime } from '../runtimes/index.js';
import { runAccuracy, scenarioSettings, type SampleSource } from '../scenarios/index.js';
import { errorMessage } from '../errors.js';
import type { ResolvedSettings } from '../types.js';

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
export async function scoreOnRuntimes(modelPath: string, runtimes: readonly string[], data: ServingData, reference: number, settings: ResolvedSettings): Promise<ServingScore[]> {
  if (!data.samples.accuracy) throw new Error('scoreOnRuntimes: the samples have no labels and metric (samples.accuracy)');
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
        out.push({ runtime: id, status: 'ok', value, diff: value - reference, seconds: (performance.now() - t0) / 1000 });
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
