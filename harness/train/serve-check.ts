/**
 * Train, then serve: a trained model file is loaded on each serving runtime (ort-node:cpu,
 * ort-web:wasm, tfjs:cpu, tfjs:wasm, ...) through the runtime registry, every test sample is run
 * once in batches (accuracy mode) and the outputs are scored with the same metric the training
 * used. Each runtime's value and its difference from the training-side value are recorded, so
 * cross-runtime agreement of the exported model is data in the job result.
 */
import { buildModel } from '../models/index.js';
import { RUNTIMES, createRuntime } from '../runtimes/index.js';
import { errorMessage } from '../errors.js';
import type { Feeds, ResolvedSettings } from '../types.js';

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

/** What to run: `count` test samples, their input feeds by range, and the metric of all outputs. */
export interface ServingData {
  count: number;
  batchSize: number;
  feeds(start: number, end: number): Feeds;
  /** Scores the concatenated first output (row-major [count x width]). */
  score(outputs: Float32Array): number;
}

/** Scores `modelPath` on each runtime in turn; a runtime's failure is a row, never a throw. */
export async function scoreOnRuntimes(modelPath: string, runtimes: readonly string[], data: ServingData, reference: number, settings: ResolvedSettings): Promise<ServingScore[]> {
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
        let all: Float32Array | null = null;
        let width = 0;
        for (let start = 0; start < data.count; start += data.batchSize) {
          const end = Math.min(data.count, start + data.batchSize);
          const result = await session.run(data.feeds(start, end));
          const y = Object.values(result)[0]!;
          width = y.data.length / (end - start);
          all ??= new Float32Array(data.count * width);
          all.set(y.data as Float32Array, start * width);
        }
        const value = data.score(all!);
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
