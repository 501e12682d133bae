/**
 * `tfjs:webgpu`: TensorFlow.js with @tensorflow/tfjs-backend-webgpu, in Node over the optional
 * npm package `webgpu` (Dawn for Node): its `globals` (GPUBufferUsage, ...) go on globalThis and
 * its `create([])` becomes navigator.gpu before the backend initialises. Outputs are read back
 * with `await data()` (dataSync needs OffscreenCanvas, which Node lacks), so a query ends when its
 * outputs are in host memory; with `--set gpu.outputs=device` it ends when the GPU queue has
 * completed. The job records the adapter (harness/system/gpu-adapter.ts) in RuntimeInfo.
 */
import { GPU_SETTINGS, readSettings } from '../config/settings.js';
import { RuntimeError } from '../errors.js';
import { nodeGpu, requestAdapter, type GpuAdapter } from '../system/gpu-adapter.js';
import type { ModelArtifact, ProbeResult, ResolvedSettings, Runtime } from '../types.js';
import type { TfModule } from './tfjs-forward.js';
import { createTfjsSession } from './tfjs-session.js';

/** Installs navigator.gpu (Dawn), imports tfjs and the webgpu backend, and selects it. */
export async function importTfjsWebgpu(): Promise<{ tf: TfModule; adapter: GpuAdapter }> {
  const probe = await requestAdapter();
  if ('unavailable' in probe) throw new RuntimeError(`tfjs:webgpu: ${probe.unavailable}`);
  const g = await nodeGpu();
  if ('unavailable' in g) throw new RuntimeError(`tfjs:webgpu: ${g.unavailable}`);
  Object.assign(globalThis, g.globals);
  Object.defineProperty(globalThis, 'navigator', {
    value: { ...(globalThis.navigator ?? {}), gpu: g.gpu },
    configurable: true,
    writable: true,
  });
  const tf = (await import('@tensorflow/tfjs')) as unknown as TfModule;
  try {
    await import('@tensorflow/tfjs-backend-webgpu');
  } catch (err) {
    throw new RuntimeError(
      `tfjs:webgpu: @tensorflow/tfjs-backend-webgpu failed to load (${(err as Error).message}); install it with npm install @tensorflow/tfjs-backend-webgpu`,
    );
  }
  tf.enableProdMode();
  if (tf.getBackend() !== 'webgpu' && !(await tf.setBackend('webgpu')))
    throw new RuntimeError('tfjs:webgpu: the webgpu backend failed to initialise');
  await tf.ready();
  return { tf, adapter: probe.adapter };
}

async function probeTfjsWebgpu(): Promise<ProbeResult> {
  try {
    const { tf, adapter } = await importTfjsWebgpu();
    return {
      available: true,
      version: tf.version.tfjs,
      backends: [{ id: 'webgpu', available: true }],
      details: { adapter },
    };
  } catch (err) {
    const reason = (err as Error).message.replace(/^tfjs:webgpu: /, '');
    return { available: false, reason, version: null, backends: [{ id: 'webgpu', available: false, reason }] };
  }
}

let probeCache: Promise<ProbeResult> | undefined;

export function createTfjsWebgpuRuntime(): Runtime {
  return {
    id: 'tfjs:webgpu',
    probe() {
      probeCache ??= probeTfjsWebgpu();
      return probeCache;
    },
    async load(model: ModelArtifact, settings: ResolvedSettings) {
      const { tf, adapter } = await importTfjsWebgpu();
      const outputs = readSettings(GPU_SETTINGS, settings)['gpu.outputs'];
      const session = await createTfjsSession(tf, model, 'tfjs:webgpu', outputs === 'device' ? 'device' : 'async');
      return {
        session,
        info: {
          threads: null,
          options: { backend: 'webgpu', outputs, prodMode: true, version: tf.version.tfjs },
          adapter,
        },
      };
    },
  };
}
