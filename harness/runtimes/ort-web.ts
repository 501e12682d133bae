/**
 * `ort-web:wasm`: onnxruntime-web's WebAssembly backend, run in Node. Its wasm module is
 * compiled when the first session of the process is created, inside load(), so that cost is
 * cold start (sessionCreateMs), never steady state. Threads come from the `ortWeb.threads`
 * setting (0 = onnxruntime-web decides); the value onnxruntime-web actually uses is recorded,
 * and it is fixed for the whole process by the first session.
 */
import path from 'node:path';
import { RuntimeError, UsageError } from '../errors.js';
import { completeSettings } from '../config/settings.js';
import type { ModelArtifact, ProbeResult, Runtime, SettingsInput } from '../types.js';
import { ortGenerationSession } from '../generation/ort-decoder.js';
import { ortSession, type OrtNodeModule } from './ort-node.js';

export const ORT_WEB_BACKENDS = ['wasm'] as const;

/** The slice of onnxruntime-web the adapter uses (same API as onnxruntime-node, plus env.wasm). */
export interface OrtWebModule extends Omit<OrtNodeModule, 'env'> {
  env: {
    versions: Record<string, string | undefined>;
    wasm: { numThreads?: number; simd?: boolean | string; proxy?: boolean };
  };
}

/** Imports onnxruntime-web (its Node build). */
export async function importOrtWeb(): Promise<OrtWebModule> {
  const mod = (await import('onnxruntime-web')) as unknown as { default?: OrtWebModule } & OrtWebModule;
  return mod.default ?? mod;
}

let sessionsCreated = 0;

/**
 * onnxruntime-web has no file system of its own: each external data file is passed as
 * `externalData` under the path the model's initializers name, with its absolute path as `data`.
 * onnxruntime-web then reads the file itself, in chunks past Node's 2 GiB readFile limit
 * (wasm-utils-load-file.ts), so mlbench never holds a >2 GiB Buffer (Node's readFile refuses
 * those: ERR_FS_FILE_TOO_LARGE), and what fails past that is onnxruntime-web's own limit.
 */
export function externalDataOption(model: ModelArtifact): { externalData?: Array<{ path: string; data: string }> } {
  const file = model.file;
  if (!file?.externalData.length) return {};
  return {
    externalData: file.externalData.map((loc) => ({ path: loc, data: path.resolve(path.dirname(file.path), loc) })),
  };
}

/** The `ort-web:wasm` runtime. */
export function createOrtWebRuntime(backend: string): Runtime {
  if (!(ORT_WEB_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(
      'E_UNKNOWN_RUNTIME',
      `runtime ort-web:${backend}: unknown backend "${backend}". Valid: ${ORT_WEB_BACKENDS.join(', ')}.`,
    );
  }
  const id = `ort-web:${backend}`;
  return {
    id,
    async probe(): Promise<ProbeResult> {
      try {
        const ort = await importOrtWeb();
        const wasm = typeof WebAssembly === 'object';
        const reason = 'this Node.js has no WebAssembly';
        return {
          available: wasm,
          ...(wasm ? {} : { reason }),
          version: ort.env.versions.web ?? null,
          backends: [{ id: 'wasm', available: wasm, ...(wasm ? {} : { reason }) }],
        };
      } catch (err) {
        const reason = `onnxruntime-web failed to load: ${(err as Error).message}. Reinstall it: npm install onnxruntime-web`;
        return { available: false, reason, version: null, backends: [{ id: 'wasm', available: false, reason }] };
      }
    },
    async load(model: ModelArtifact, input: SettingsInput) {
      const ort = await importOrtWeb();
      const settings = completeSettings(input);
      const requested = settings['ortWeb.threads'];
      const first = sessionsCreated === 0;
      if (first && requested > 0) ort.env.wasm.numThreads = requested;
      const graphOptimizationLevel = settings['ort.graphOptimizationLevel'];
      if (model.tfjs)
        throw new RuntimeError(
          `${id} runs ONNX models; ${model.tfjs.path} is a TensorFlow.js ${model.tfjs.format} (run it on tfjs:cpu, tfjs:wasm or tfjs-node)`,
        );
      const open = async (m: ModelArtifact) => {
        try {
          return await ort.InferenceSession.create(m.onnx, {
            executionProviders: ['wasm'],
            graphOptimizationLevel,
            ...externalDataOption(m),
          });
        } catch (err) {
          throw new RuntimeError(`${id} cannot load model ${m.name}: ${(err as Error).message}`, { cause: err });
        }
      };
      const session = await open(model);
      sessionsCreated++;
      const threads = ort.env.wasm.numThreads ?? 1;
      const base = ortSession(session, ort.Tensor, model.file ? model.outputs.map((o) => o.name) : undefined);
      return {
        session: await ortGenerationSession(base, model, session, ort.Tensor, open),
        info: {
          threads,
          options: {
            threadsRequested: requested > 0 ? requested : 'auto',
            threads,
            simd: ort.env.wasm.simd ?? 'auto',
            graphOptimizationLevel,
            wasmCompiledInThisLoad: first,
          },
        },
      };
    },
  };
}
