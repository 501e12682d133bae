/**
 * `tfjs:cpu` and `tfjs:wasm`: TensorFlow.js with its pure-JS cpu backend or its WebAssembly
 * backend (@tensorflow/tfjs-backend-wasm, which loads its .wasm from its own package, offline).
 * In Node the wasm backend is single-threaded (no cross-origin isolation), with SIMD when V8
 * has it; both facts are recorded in RuntimeInfo.options. Backend initialisation (wasm compile)
 * happens in load(), so it counts as session creation, not as the first run.
 */
import { RuntimeError, UsageError } from '../errors.js';
import type { ModelArtifact, ProbeResult, ResolvedSettings, Runtime } from '../types.js';
import type { TfModule } from './tfjs-forward.js';
import { createTfjsSession } from './tfjs-session.js';

export const TFJS_BACKENDS = ['cpu', 'wasm'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

/** Imports @tensorflow/tfjs and, for wasm, registers the wasm backend. */
export async function importTfjs(backend: TfjsBackend): Promise<TfModule> {
  const tf = (await import('@tensorflow/tfjs')) as unknown as TfModule;
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  // Production mode: no debug checks and no "install tfjs-node" banner on stderr.
  tf.enableProdMode();
  return tf;
}

/** Selects `backend` (initialising it) and returns its facts: SIMD and threads for wasm. */
export async function selectBackend(tf: TfModule, backend: TfjsBackend): Promise<Record<string, unknown>> {
  if (tf.getBackend() !== backend) {
    const ok = await tf.setBackend(backend);
    if (!ok) throw new RuntimeError(`tfjs:${backend}: the ${backend} backend failed to initialise`);
  }
  await tf.ready();
  if (backend === 'cpu') return { backend, simd: false, threads: 1 };
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const multithread = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  return { backend, simd, multithread };
}

/** A tfjs module with its backend selected and ready, for code that runs tfjs ops itself. */
export interface LoadedTf {
  tf: TfModule;
  /** The backend tfjs reports after selection (`cpu`, `wasm`, `tensorflow`). */
  backend: string;
  version: string | null;
  /**
   * Threads the backend computes on: 1 for tfjs:cpu (pure JS) and for tfjs:wasm in Node (no
   * cross-origin isolation, so no wasm threads); null when the backend sizes its own pools
   * (tfjs-node's libtensorflow) or wasm reports multithread support.
   */
  threads: number | null;
  /** Facts for RuntimeInfo.options (backend, SIMD, multithread, package). */
  facts: Record<string, unknown>;
}

/**
 * The one loader of the tfjs family by runtime id: `tfjs:cpu`, `tfjs:wasm` (this adapter's
 * import and backend selection) and `tfjs-node:tensorflow` / `tfjs-node-gpu:cuda` (the optional
 * packages, through harness/runtimes/tfjs-node.ts). Throws a RuntimeError naming the reason
 * (unknown id or backend, package absent with its install command, backend failed).
 */
export async function loadTf(runtimeId: string): Promise<LoadedTf> {
  if (runtimeId.startsWith('tfjs:')) {
    const backend = runtimeId.slice('tfjs:'.length);
    if (!(TFJS_BACKENDS as readonly string[]).includes(backend))
      throw new RuntimeError(`${runtimeId}: unknown tfjs backend "${backend}". Valid: ${TFJS_BACKENDS.join(', ')}`);
    const tf = await importTfjs(backend as TfjsBackend);
    const facts = await selectBackend(tf, backend as TfjsBackend);
    const threads = backend === 'cpu' || facts.multithread === false ? 1 : null;
    return { tf, backend, version: tf.version.tfjs, threads, facts };
  }
  const { loadTfjsNode, tfjsNodeVariantOf } = await import('./tfjs-node.js');
  const variant = tfjsNodeVariantOf(runtimeId);
  if (!variant)
    throw new RuntimeError(
      `${runtimeId} is not a tfjs runtime. Valid: tfjs:cpu, tfjs:wasm, tfjs-node:tensorflow, tfjs-node-gpu:cuda`,
    );
  return loadTfjsNode(variant);
}

async function probeTfjs(): Promise<ProbeResult> {
  let tf: TfModule;
  try {
    tf = await importTfjs('cpu');
  } catch (err) {
    const reason = `@tensorflow/tfjs failed to load: ${(err as Error).message}. Reinstall it: npm install @tensorflow/tfjs`;
    return {
      available: false,
      reason,
      version: null,
      backends: TFJS_BACKENDS.map((id) => ({ id, available: false, reason })),
    };
  }
  const backends: ProbeResult['backends'] = [{ id: 'cpu', available: true }];
  const details: Record<string, unknown> = {};
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    const previous = tf.getBackend();
    Object.assign(details, { wasm: await selectBackend(tf, 'wasm') });
    if (previous && previous !== 'wasm') await tf.setBackend(previous);
    backends.push({ id: 'wasm', available: true });
  } catch (err) {
    backends.push({
      id: 'wasm',
      available: false,
      reason: `@tensorflow/tfjs-backend-wasm: ${(err as Error).message}; install it with npm install @tensorflow/tfjs-backend-wasm`,
    });
  }
  return { available: true, version: tf.version.tfjs, backends, details };
}

let probeCache: Promise<ProbeResult> | undefined;

/** The `tfjs:<backend>` runtime. Unknown backends are refused naming the valid ones. */
export function createTfjsRuntime(backend: string): Runtime {
  if (!(TFJS_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(
      'E_UNKNOWN_RUNTIME',
      `runtime tfjs:${backend}: unknown backend "${backend}". Valid: ${TFJS_BACKENDS.join(', ')}.`,
    );
  }
  const b = backend as TfjsBackend;
  const id = `tfjs:${b}`;
  return {
    id,
    async probe() {
      probeCache ??= probeTfjs();
      const all = await probeCache;
      const mine = all.backends.find((x) => x.id === b);
      return {
        ...all,
        available: all.available && mine?.available === true,
        ...(mine?.reason ? { reason: mine.reason } : {}),
      };
    },
    async load(model: ModelArtifact, _settings: ResolvedSettings) {
      const tf = await importTfjs(b);
      const facts = await selectBackend(tf, b);
      const session = await createTfjsSession(tf, model, id);
      return { session, info: { threads: 1, options: { ...facts, prodMode: true, version: tf.version.tfjs } } };
    },
  };
}
