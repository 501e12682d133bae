/**
 * The tfjs module a training job trains on: `tfjs:cpu`, `tfjs:wasm` (the adapters' import in
 * harness/runtimes/tfjs.ts) or `tfjs-node:tensorflow` / `tfjs-node-gpu:cuda` when those optional
 * packages are installed. Absence is an answer (`unavailable` with the install command).
 */
import type { TfModule } from '../models/tfjs-forward.js';
import { parseRuntimeId } from '../runtimes/index.js';

/** A tfjs module with its backend selected and ready. */
export interface TrainingTf {
  tf: TfModule;
  runtime: string;
  backend: string;
  version: string;
  /** Facts recorded in the job's runtime options (backend, SIMD, threads). */
  facts: Record<string, unknown>;
}

const NODE_PACKAGES: Record<string, { pkg: string; backend: string; install: string }> = {
  'tfjs-node': { pkg: '@tensorflow/tfjs-node', backend: 'tensorflow', install: 'npm install @tensorflow/tfjs-node' },
  'tfjs-node-gpu': { pkg: '@tensorflow/tfjs-node-gpu', backend: 'tensorflow', install: 'npm install @tensorflow/tfjs-node-gpu' },
};

/** Runtimes a training job can train on (the tfjs family). */
export function isTfjsTrainingRuntime(runtimeId: string): boolean {
  const { runtime } = parseRuntimeId(runtimeId);
  return runtime === 'tfjs' || runtime in NODE_PACKAGES;
}

/** Loads tfjs for `runtimeId`; returns `{unavailable}` with the reason when it cannot be loaded. */
export async function loadTrainingTf(runtimeId: string): Promise<TrainingTf | { unavailable: string }> {
  const { runtime, backend } = parseRuntimeId(runtimeId);
  if (runtime === 'tfjs') {
    if (backend !== 'cpu' && backend !== 'wasm') return { unavailable: `tfjs backend "${backend}" cannot train here. Valid: cpu, wasm` };
    const { importTfjs } = await import('../runtimes/tfjs.js');
    const tf = await importTfjs(backend);
    if (!(await tf.setBackend(backend))) return { unavailable: `tfjs:${backend}: the backend failed to initialise` };
    await tf.ready();
    const facts: Record<string, unknown> = { backend };
    if (backend === 'wasm') {
      facts.simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      facts.multithread = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
    }
    return { tf, runtime, backend, version: tf.version.tfjs, facts };
  }
  const node = NODE_PACKAGES[runtime];
  if (!node) return { unavailable: `${runtimeId} is not a tfjs runtime; training runs on tfjs:cpu, tfjs:wasm, tfjs-node:tensorflow` };
  let tf: TfModule;
  try {
    const mod = (await import(node.pkg)) as { default?: TfModule } & TfModule;
    tf = typeof mod.tensor === 'function' ? mod : (mod.default ?? mod);
  } catch (err) {
    return { unavailable: `${node.pkg} is not installed or failed to load (${(err as Error).message.split('\n')[0]}): ${node.install}` };
  }
  await tf.ready();
  return { tf, runtime, backend: tf.getBackend(), version: tf.version.tfjs, facts: { backend: tf.getBackend() } };
}
