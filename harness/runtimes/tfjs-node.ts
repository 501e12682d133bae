/**
 * `tfjs-node:tensorflow` and `tfjs-node-gpu:cuda`: TensorFlow.js bound to libtensorflow. Both
 * packages are optional: they are imported dynamically, and when absent the runtime is
 * `unavailable` with the install command (their install downloads libtensorflow, so it needs
 * internet). The import is injectable so tests can exercise the present path with a fake module.
 */
import type { ModelArtifact, ProbeResult, ResolvedSettings, Runtime } from '../types.js';
import type { TfModule } from './tfjs-forward.js';
import { RuntimeError } from '../errors.js';
import { createTfjsSession } from './tfjs-session.js';

export type TfjsNodeVariant = 'tfjs-node' | 'tfjs-node-gpu';

const VARIANTS: Record<TfjsNodeVariant, { id: string; pkg: string; backend: string; install: string }> = {
  'tfjs-node': {
    id: 'tfjs-node:tensorflow',
    pkg: '@tensorflow/tfjs-node',
    backend: 'tensorflow',
    install: 'npm install @tensorflow/tfjs-node (its install downloads libtensorflow, so it needs internet)',
  },
  'tfjs-node-gpu': {
    id: 'tfjs-node-gpu:cuda',
    pkg: '@tensorflow/tfjs-node-gpu',
    backend: 'cuda',
    install:
      'npm install @tensorflow/tfjs-node-gpu (its install downloads libtensorflow with GPU support, so it needs internet; it runs on Linux with an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1)',
  },
};

/** Dependencies of the adapter; tests replace `importModule` with a fake. */
export interface TfjsNodeDeps {
  importModule?: () => Promise<unknown>;
}

function isNotInstalled(err: unknown, pkg: string): boolean {
  const code = (err as { code?: unknown }).code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((err as Error).message).includes(pkg)
  );
}

/** The variant of a runtime id (`tfjs-node:tensorflow` -> `tfjs-node`); undefined for other ids. */
export function tfjsNodeVariantOf(runtimeId: string): TfjsNodeVariant | undefined {
  return (Object.keys(VARIANTS) as TfjsNodeVariant[]).find((k) => VARIANTS[k].id === runtimeId);
}

/** Imports the variant's package: its tfjs module, or the reason it cannot (install command included). */
export function importTfjsNode(
  variant: TfjsNodeVariant,
  deps: TfjsNodeDeps = {},
): Promise<{ tf: TfModule } | { error: string }> {
  const v = VARIANTS[variant];
  const importModule = deps.importModule ?? (() => import(v.pkg));
  return importModule().then(
    (mod) => {
      const m = mod as { default?: TfModule } & TfModule;
      return { tf: (typeof m.tensor === 'function' ? m : (m.default ?? m)) as TfModule };
    },
    (err: unknown) => ({
      error: isNotInstalled(err, v.pkg)
        ? `${v.pkg} is not installed: ${v.install}`
        : `${v.pkg} failed to load: ${(err as Error).message}. Reinstall it: ${v.install}`,
    }),
  );
}

/** Selects the `tensorflow` backend both packages register (libtensorflow on CPU or on CUDA) and waits for it. */
export async function selectTensorflowBackend(tf: TfModule): Promise<void> {
  if (tf.findBackend('tensorflow') && tf.getBackend() !== 'tensorflow') await tf.setBackend('tensorflow');
  await tf.ready();
}

/** The package version a variant reports (its own entry, then tfjs-node's, then tfjs's). */
export function tfjsNodeVersion(variant: TfjsNodeVariant, tf: TfModule): string | null {
  const versions = tf.version as Record<string, string | undefined>;
  return versions[variant] ?? versions['tfjs-node'] ?? versions.tfjs ?? null;
}

/**
 * tfjs-node for code that runs tfjs ops itself (training, micro ops): the module with the
 * `tensorflow` backend selected. libtensorflow sizes its own thread pools, so threads is null.
 * Throws a RuntimeError with the install command when the package is absent or broken.
 */
export async function loadTfjsNode(
  variant: TfjsNodeVariant,
  deps: TfjsNodeDeps = {},
): Promise<{ tf: TfModule; backend: string; version: string | null; threads: null; facts: Record<string, unknown> }> {
  const r = await importTfjsNode(variant, deps);
  if ('error' in r) throw new RuntimeError(`${VARIANTS[variant].id}: ${r.error}`);
  await selectTensorflowBackend(r.tf);
  const backend = r.tf.getBackend();
  return {
    tf: r.tf,
    backend,
    version: tfjsNodeVersion(variant, r.tf),
    threads: null,
    facts: { backend, package: VARIANTS[variant].pkg },
  };
}

/** The `tfjs-node:tensorflow` or `tfjs-node-gpu:cuda` runtime. */
export function createTfjsNodeRuntime(variant: TfjsNodeVariant, deps: TfjsNodeDeps = {}): Runtime {
  const v = VARIANTS[variant];
  let loaded: Promise<{ tf: TfModule } | { error: string }> | undefined;
  const load = (): Promise<{ tf: TfModule } | { error: string }> => (loaded ??= importTfjsNode(variant, deps));
  const versionOf = (tf: TfModule): string | null => tfjsNodeVersion(variant, tf);

  return {
    id: v.id,
    async probe(): Promise<ProbeResult> {
      const r = await load();
      if ('error' in r)
        return {
          available: false,
          reason: r.error,
          version: null,
          backends: [{ id: v.backend, available: false, reason: r.error }],
        };
      return { available: true, version: versionOf(r.tf), backends: [{ id: v.backend, available: true }] };
    },
    async load(model: ModelArtifact, _settings: ResolvedSettings) {
      const r = await load();
      if ('error' in r) throw new RuntimeError(`${v.id}: ${r.error}`);
      const tf = r.tf;
      await selectTensorflowBackend(tf);
      const session = await createTfjsSession(tf, model, v.id);
      return {
        session,
        info: { threads: null, options: { backend: tf.getBackend(), package: v.pkg, version: versionOf(tf) } },
      };
    },
  };
}
