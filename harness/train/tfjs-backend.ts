/**
 * The tfjs module a training job trains on: `tfjs:cpu`, `tfjs:wasm`, or `tfjs-node:tensorflow` /
 * `tfjs-node-gpu:cuda` when those optional packages are installed, loaded through the runtime
 * adapters' one loader (harness/runtimes/tfjs.ts loadTf). Absence is an answer (`unavailable`
 * with the reason and the install command).
 */
import type { TfModule } from '../runtimes/tfjs-forward.js';
import { describeRuntime, parseRuntimeId, runtimesWhere } from '../runtimes/index.js';

/** A tfjs module with its backend selected and ready. */
export interface TrainingTf {
  tf: TfModule;
  runtime: string;
  backend: string;
  version: string | null;
  /** Threads the backend trains on: 1 for tfjs:cpu and tfjs:wasm in Node; null when unknown (tfjs-node). */
  threads: number | null;
  /** Facts recorded in the job's runtime options (backend, SIMD, threads). */
  facts: Record<string, unknown>;
}

/** Runtimes a training job can train on here: the tfjs family, where the descriptor says it trains. */
export function isTfjsTrainingRuntime(runtimeId: string): boolean {
  const d = describeRuntime(runtimeId);
  return d?.family === 'tfjs' && d.trains;
}

/** Loads tfjs for `runtimeId`; returns `{unavailable}` with the reason when it cannot be loaded. */
export async function loadTrainingTf(runtimeId: string): Promise<TrainingTf | { unavailable: string }> {
  const { runtime, backend } = parseRuntimeId(runtimeId);
  if (!isTfjsTrainingRuntime(runtimeId)) {
    const valid = runtimesWhere((d) => d.family === 'tfjs' && d.trains).join(', ');
    const d = describeRuntime(runtimeId);
    const why = !d
      ? `${runtimeId} is not a registered runtime`
      : d.family === 'tfjs'
        ? `tfjs backend "${backend}" cannot train here`
        : `${runtimeId} is not a tfjs runtime`;
    return { unavailable: `${why}; training runs on ${valid}` };
  }
  const { loadTf } = await import('../runtimes/tfjs.js');
  try {
    const loaded = await loadTf(runtimeId);
    return {
      tf: loaded.tf,
      runtime,
      backend: loaded.backend,
      version: loaded.version,
      threads: loaded.threads,
      facts: loaded.facts,
    };
  } catch (err) {
    return { unavailable: (err as Error).message.split('\n')[0]! };
  }
}
