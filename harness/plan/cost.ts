/**
 * A job's expected cost in milliseconds, from the plan alone (workload, runtime, scenario and
 * effective settings), so that every shard of a run computes the same split without having run
 * anything. Only the ratios between jobs matter (shards are balanced by them), so the constants
 * are orders of magnitude, not predictions:
 * - every job pays a child process start and its runtime's load (onnxruntime-web compiles its
 *   wasm, about 300 ms; tfjs and peers start slower than onnxruntime-node);
 * - an inference job measures for `warmupMs + minDurationMs` (a server `--find-peak` search runs
 *   up to `findPeakMaxSteps` such measurements);
 * - a training job costs rows x epochs x a per-row cost of its task (a CNN row costs far more
 *   than a tabular row), times a factor for the pure-JS tfjs cpu backend.
 */
import { completeSettings } from '../config/settings.js';
import type { Job } from '../types.js';

const PROCESS_START_MS = 300;
/** Session/runtime start-up by runtime family (`ort-web:wasm` -> `ort-web`). */
const RUNTIME_START_MS: Record<string, number> = { null: 0, 'ort-node': 150, 'ort-web': 400, tfjs: 300, 'tfjs-node': 500, 'tfjs-node-gpu': 800, external: 1500 };
/** Microseconds of training per row and epoch, by training task. */
const ROW_EPOCH_US: Record<string, number> = { tabular: 20, vision: 400 };
/** The pure-JS backend trains several times slower than wasm/native ones. */
const BACKEND_FACTOR: Record<string, number> = { 'tfjs:cpu': 4 };

/** Rows of a dataset slice named like `train_10k`, `train_1m` or `train_100000`; null when the name says nothing. */
export function sliceRows(slice: string | undefined): number | null {
  const m = /(\d+(?:\.\d+)?)([km]?)$/i.exec(slice ?? '');
  if (!m) return null;
  return Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1);
}

/** The expected cost of one job in ms (always > 0). */
export function expectedCostMs(job: Job): number {
  const s = completeSettings(job.settings, `job ${job.id} settings`);
  const family = job.runtime.startsWith('external:') ? 'external' : job.runtime.split(':')[0]!;
  const start = PROCESS_START_MS + (RUNTIME_START_MS[family] ?? 500);
  const training = job.workload.extra?.training as { task?: string; maxEpochs?: number } | undefined;
  if (job.workload.kind === 'training') {
    const rows = sliceRows(job.workload.dataset?.slice) ?? 10_000;
    // train.maxEpochs 0 means "the workload's own"; a workload without one is costed at 10 epochs.
    const epochs = s['train.maxEpochs'] > 0 ? s['train.maxEpochs'] : training?.maxEpochs ?? 10;
    const rowUs = ROW_EPOCH_US[training?.task ?? 'tabular'] ?? ROW_EPOCH_US.tabular!;
    return start + (rows * epochs * rowUs * (BACKEND_FACTOR[job.runtime] ?? 1)) / 1000;
  }
  const measure = s.warmupMs + s.minDurationMs;
  const searches = job.scenario === 'server' && s.findPeak ? s.findPeakMaxSteps : 1;
  return start + measure * searches;
}
