/**
 * A job's expected cost in milliseconds, from the plan alone (workload, runtime, scenario and
 * effective settings), so that every shard of a run computes the same split without having run
 * anything. Only the ratios between jobs matter (shards are balanced by them), so the constants
 * are orders of magnitude, not predictions:
 * - every job pays a child process start and its runtime's load (the descriptor's startCostMs:
 *   onnxruntime-web compiles its wasm; tfjs and peers start slower than onnxruntime-node);
 * - an inference job measures for `warmupMs + minDurationMs` (a server `--find-peak` search runs
 *   up to `findPeakMaxSteps` such measurements);
 * - a training job costs rows x epochs x a per-row cost of its task (a CNN row costs far more
 *   than a tabular row), times the descriptor's trainCostFactor (the pure-JS tfjs cpu backend).
 */
import { sliceRows } from '../common/slice-rows.js';
import { describeRuntime } from '../runtimes/index.js';

export { sliceRows };
import type { Job } from '../types.js';

const PROCESS_START_MS = 300;
/** Start-up of a runtime not in the registry. */
const UNKNOWN_START_MS = 500;
/** Microseconds of training per row and epoch, by training task. */
const ROW_EPOCH_US: Record<string, number> = { tabular: 20, vision: 400 };

/** The expected cost of one job in ms (always > 0). */
export function expectedCostMs(job: Job): number {
  const s = job.settings;
  const runtime = describeRuntime(job.runtime);
  const start = PROCESS_START_MS + (runtime?.startCostMs ?? UNKNOWN_START_MS);
  const training = job.workload.extra?.training as { task?: string; maxEpochs?: number } | undefined;
  if (job.workload.kind === 'training') {
    const rows = sliceRows(job.workload.dataset?.slice) ?? 10_000;
    // train.maxEpochs 0 means "the workload's own"; a workload without one is costed at 10 epochs.
    const epochs = s['train.maxEpochs'] > 0 ? s['train.maxEpochs'] : (training?.maxEpochs ?? 10);
    const rowUs = ROW_EPOCH_US[training?.task ?? 'tabular'] ?? ROW_EPOCH_US.tabular!;
    return start + (rows * epochs * rowUs * (runtime?.trainCostFactor ?? 1)) / 1000;
  }
  const measure = s.warmupMs + s.minDurationMs;
  const searches = job.scenario === 'server' && s.findPeak ? s.findPeakMaxSteps : 1;
  return start + measure * searches;
}
