/**
 * `ort-node:<ep>`: onnxruntime-node with one execution provider. `probe()` tries each EP on a
 * tiny model and reports, per EP, whether a session can be created on this machine and why not
 * (a failing EP throws in onnxruntime-node; it never takes the process down).
 * Settings: ort.intraOpThreads, ort.interOpThreads (0 = onnxruntime decides),
 * ort.graphOptimizationLevel, ort.executionMode; all recorded in RuntimeInfo.options.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { RuntimeError, UsageError } from '../errors.js';
import { GPU_SETTINGS, ORT_SETTINGS, readSettings } from '../config/settings.js';
import type { GpuAdapter } from '../system/gpu-adapter.js';
import type { Feeds, ModelArtifact, ProbeResult, Runtime, RuntimeInfo, SettingsInput } from '../types.js';
import { ortGenerationSession } from '../generation/ort-decoder.js';
import { profileOrt } from './op-profile.js';
import { ortSession, toOrtFeeds, type OrtSessionLike, type OrtTensorCtor } from './ort-tensors.js';

/** Execution providers ort-node knows, in the order `list` shows them. */
export const ORT_NODE_EPS = ['cpu', 'cuda', 'tensorrt', 'webgpu', 'dml', 'coreml'] as const;
export type OrtNodeEp = (typeof ORT_NODE_EPS)[number];

const CUDA_INSTALL =
  'npm install onnxruntime-node --onnxruntime-node-install=cuda12 (needs internet, an NVIDIA GPU, CUDA 12 and cuDNN 9)';

/** Advice appended to an EP's load failure: what this EP needs. */
export const ORT_NODE_EP_ADVICE: Record<OrtNodeEp, string> = {
  cpu: 'the cpu EP ships with onnxruntime-node',
  cuda: `the CUDA EP needs: ${CUDA_INSTALL}`,
  tensorrt: `the TensorRT EP needs: ${CUDA_INSTALL}, plus TensorRT 10 libraries on the library path`,
  webgpu:
    'the WebGPU EP needs a GPU with a Vulkan driver and the loader libvulkan.so.1 (e.g. apt-get install libvulkan1 mesa-vulkan-drivers)',
  dml: 'the DirectML EP exists only in the Windows build of onnxruntime-node',
  coreml: 'the CoreML EP exists only in the macOS build of onnxruntime-node',
};

/** The slice of the onnxruntime-node module the adapter uses. */
export interface OrtNodeModule {
  Tensor: OrtTensorCtor;
  InferenceSession: {
    create(model: Uint8Array | string, options: Record<string, unknown>): Promise<OrtSessionLike>;
  };
  env: { versions: Record<string, string | undefined> };
}

export type { OrtSessionLike };

/** Imports onnxruntime-node once (CommonJS: its API is the default export). */
export async function importOrtNode(): Promise<OrtNodeModule> {
  const mod = (await import('onnxruntime-node')) as unknown as { default?: OrtNodeModule } & OrtNodeModule;
  return mod.default ?? mod;
}

/** onnxruntime session options from the `ort.*` settings (the part both ort adapters share). */
export function ortSessionOptions(settings: SettingsInput): { options: Record<string, unknown>; info: RuntimeInfo } {
  const ort = readSettings(ORT_SETTINGS, settings);
  const intra = ort['ort.intraOpThreads'];
  const inter = ort['ort.interOpThreads'];
  const graphOptimizationLevel = ort['ort.graphOptimizationLevel'];
  const executionMode = ort['ort.executionMode'];
  const options: Record<string, unknown> = { graphOptimizationLevel, executionMode };
  if (intra > 0) options.intraOpNumThreads = intra;
  if (inter > 0) options.interOpNumThreads = inter;
  return {
    options,
    info: {
      threads: intra > 0 ? intra : null,
      options: {
        intraOpThreads: intra > 0 ? intra : 'auto (onnxruntime: one per physical core)',
        interOpThreads: inter > 0 ? inter : 'auto',
        graphOptimizationLevel,
        executionMode,
      },
    },
  };
}

export { ortSession };

let probeCache: Promise<ProbeResult> | undefined;

/** Provider libraries an EP loads at session creation (absent ones are reported without trying). */
const EP_LIBRARIES: Partial<Record<OrtNodeEp, string[]>> = {
  cuda: ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'],
  tensorrt: ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_tensorrt.so'],
};

/** The first provider library of `ep` missing next to the onnxruntime-node binding, if any. */
function missingLibrary(ep: OrtNodeEp): string | undefined {
  if (ep === 'dml' && process.platform !== 'win32') return `not built for ${process.platform}`;
  if (ep === 'coreml' && process.platform !== 'darwin') return `not built for ${process.platform}`;
  const libs = EP_LIBRARIES[ep];
  if (!libs || process.platform !== 'linux') return undefined;
  try {
    const pkg = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
    const dir = path.join(pkg, 'bin', 'napi-v6', process.platform, process.arch);
    const missing = libs.find((lib) => !existsSync(path.join(dir, lib)));
    return missing ? `${missing} is not in ${dir}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The probe's model: the zoo's `logreg` (2 features, seed 1) as ONNX bytes (285), kept here so the
 * runtime never imports the model builders; tests/unit/runtimes checks it still equals the zoo's.
 */
export const PROBE_MODEL_ONNX: Uint8Array = Buffer.from(
  'CAgSB21sYmVuY2gaATE6hgIKMQoFaW5wdXQKCWwwX2tlcm5lbAoHbDBfYmlhcxIGZ2VtbV8wGgZHZW1tXzAiBEdlbW0KOgoG' +
    'Z2VtbV8wEgZvdXRwdXQaCVNvZnRtYXhfMSIHU29mdG1heCoUCgRheGlzGP///////////wGgAQISGWxvZ3JlZy1mZWF0dXJl' +
    'czItY2xhc3NlczIqIwoCAgIQAUIJbDBfa2VybmVsShAYIos/v1ORvkc1ir0BMly/KhgKAQIQAUIHbDBfYmlhc0oII7QOPVyJ' +
    'trxaHAoFaW5wdXQSEwoRCAESDQoHEgViYXRjaAoCCAJiHQoGb3V0cHV0EhMKEQgBEg0KBxIFYmF0Y2gKAggCQgQKABAN',
  'base64',
);

async function probeAll(): Promise<ProbeResult> {
  let ort: OrtNodeModule;
  try {
    ort = await importOrtNode();
  } catch (err) {
    const reason = `onnxruntime-node failed to load: ${(err as Error).message}. Reinstall it: npm install onnxruntime-node`;
    return {
      available: false,
      reason,
      version: null,
      backends: ORT_NODE_EPS.map((id) => ({ id, available: false, reason })),
    };
  }
  const backends: ProbeResult['backends'] = [];
  for (const id of ORT_NODE_EPS) {
    const missing = missingLibrary(id);
    if (missing) {
      backends.push({ id, available: false, reason: `${missing}; ${ORT_NODE_EP_ADVICE[id]}` });
      continue;
    }
    try {
      const s = await ort.InferenceSession.create(PROBE_MODEL_ONNX, { executionProviders: [id], logSeverityLevel: 4 });
      await s.release();
      backends.push({ id, available: true });
    } catch (err) {
      const msg = (err as Error).message
        .trim()
        .split('\n')[0]!
        .replace(/^\/onnxruntime_src\/\S+ /, '')
        .replace(/^.* was false\. /, '');
      backends.push({ id, available: false, reason: `${msg}; ${ORT_NODE_EP_ADVICE[id]}` });
    }
  }
  const adapter = backends.some((b) => b.id === 'webgpu' && b.available) ? await webgpuAdapter() : undefined;
  return {
    available: true,
    version: ort.env.versions.node ?? null,
    backends,
    ...(adapter ? { details: { adapter } } : {}),
  };
}

/** The default WebGPU adapter (probed in a child process), or undefined when none is found. */
async function webgpuAdapter(): Promise<GpuAdapter | undefined> {
  const { probeAdapterInChild } = await import('../system/gpu-adapter.js');
  const probe = await probeAdapterInChild();
  return 'adapter' in probe ? probe.adapter : undefined;
}

/** Probes every EP once per process (each probe creates a small session). */
export function probeOrtNode(): Promise<ProbeResult> {
  probeCache ??= probeAll();
  return probeCache;
}

/** The `ort-node:<ep>` runtime. Unknown EPs are refused naming the valid ones. */
export function createOrtNodeRuntime(ep: string): Runtime {
  if (!(ORT_NODE_EPS as readonly string[]).includes(ep)) {
    throw new UsageError(
      'E_UNKNOWN_RUNTIME',
      `runtime ort-node:${ep}: unknown execution provider "${ep}". Valid: ${ORT_NODE_EPS.join(', ')}.`,
    );
  }
  const id = `ort-node:${ep}`;
  return {
    id,
    async probe() {
      const all = await probeOrtNode();
      const mine = all.backends.find((b) => b.id === ep);
      return {
        ...all,
        available: all.available && mine?.available === true,
        ...(mine?.reason ? { reason: mine.reason } : {}),
      };
    },
    async load(model: ModelArtifact, settings: SettingsInput) {
      const ort = await importOrtNode();
      const { options, info } = ortSessionOptions(settings);
      if (ep === 'webgpu' && readSettings(GPU_SETTINGS, settings)['gpu.outputs'] === 'device') {
        throw new RuntimeError(
          `${id}: --set gpu.outputs=device is not supported: onnxruntime-node returns every output in host memory (preferredOutputLocation 'gpu-buffer' is onnxruntime-web's); run with gpu.outputs=host, or use tfjs:webgpu`,
        );
      }
      if (model.tfjs)
        throw new RuntimeError(
          `${id} runs ONNX models; ${model.tfjs.path} is a TensorFlow.js ${model.tfjs.format} (run it on tfjs:cpu, tfjs:wasm or tfjs-node)`,
        );
      let session: OrtSessionLike;
      try {
        // External data is looked up next to the model file only when the session is created
        // from its path (from bytes it would be looked up in the working directory).
        const source = model.file?.externalData.length ? model.file.path : model.onnx;
        session = await ort.InferenceSession.create(source, { ...options, executionProviders: [ep] });
      } catch (err) {
        const advice = ep === 'cpu' ? '' : ` (${ORT_NODE_EP_ADVICE[ep as OrtNodeEp]})`;
        throw new RuntimeError(`${id} cannot load model ${model.name}: ${(err as Error).message}${advice}`, {
          cause: err,
        });
      }
      // --profile-ops: a second session with the same options under ORT's profiler (op-profile.ts).
      const profileOps = (feeds: Feeds[]) =>
        profileOrt(
          async (extra) =>
            ort.InferenceSession.create(model.onnx, { ...options, executionProviders: [ep], ...extra }) as never,
          feeds.map((f) => toOrtFeeds(f, ort.Tensor)),
        );
      const base = {
        ...ortSession(session, ort.Tensor, model.file ? model.outputs.map((o) => o.name) : undefined),
        profileOps,
      };
      // A decoder (optimum layout) also generates; the with-past half of a pair opens with the same options.
      const openWithPast = async (m: ModelArtifact) =>
        ort.InferenceSession.create(m.file?.externalData.length ? m.file.path : m.onnx, {
          ...options,
          executionProviders: [ep],
        });
      // The WebGPU EP's adapter, read through the webgpu package's Dawn (the same Vulkan driver's
      // default adapter; ORT does not expose its own) in a short child process.
      const adapter = ep === 'webgpu' ? await webgpuAdapter() : undefined;
      return {
        session: await ortGenerationSession(base, model, session, ort.Tensor, openWithPast),
        info: {
          threads: info.threads,
          options: { executionProvider: ep, ...info.options, ...(ep === 'webgpu' ? { outputs: 'host' } : {}) },
          ...(adapter ? { adapter } : {}),
        },
      };
    },
  };
}
