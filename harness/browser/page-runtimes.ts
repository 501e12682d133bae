/**
 * The web runtimes inside the page (runs in the browser): onnxruntime-web (wasm, webgpu) loaded
 * from its own prebuilt browser build served under /ort/, and TensorFlow.js (wasm, webgl,
 * webgpu) bundled with the page. Both end in the harness Session of the Node adapters
 * (ortSession, createTfjsSession), so the scenario code sees the same contract in both hosts.
 * Wasm threads: `browser.wasmThreads` (0 = navigator.hardwareConcurrency); the count each
 * library reports after initialisation is what gets recorded.
 */
import { RuntimeError } from '../errors.js';
import { readSettings, BROWSER_SETTINGS, ORT_SETTINGS } from '../config/settings.js';
import { resolveArch } from '../models/weights.js';
import type { OrtNodeModule } from '../runtimes/ort-node.js';
import { ortSession } from '../runtimes/ort-tensors.js';
import { createTfjsSession } from '../runtimes/tfjs-session.js';
import type { TfModule } from '../runtimes/tfjs-forward.js';
import type { ModelArtifact, RuntimeInfo, Session } from '../types.js';
import type { PageBackend, PageJob } from './wire.js';

/**
 * Where the job process serves onnxruntime-web's dist folder and tfjs-backend-wasm's .wasm files.
 * The wasm EP loads onnxruntime-web's wasm-only build (ort.wasm.min.mjs), whose module is
 * ort-wasm-simd-threaded.wasm, the one its Node build runs, so chromium/ort-web:wasm and
 * ort-web:wasm execute the same binary; the WebGPU EP needs the full build (ort.min.mjs), whose
 * JSEP module is twice the size and compiles for seconds longer.
 */
export const ORT_WEB_URL = '/ort/ort.min.mjs';
export const ORT_WEB_WASM_URL = '/ort/ort.wasm.min.mjs';
export const ORT_WASM_PREFIX = '/ort/';
export const TFJS_WASM_PREFIX = '/tfjs-wasm/';

interface OrtWebPage extends Omit<OrtNodeModule, 'env'> {
  env: {
    versions: Record<string, string | undefined>;
    wasm: { numThreads?: number; wasmPaths?: string; simd?: unknown };
  };
}

export interface PageSession {
  session: Session;
  info: RuntimeInfo;
  version: string | null;
}

function wantedThreads(job: PageJob): number {
  const n = readSettings(BROWSER_SETTINGS, job.settings)['browser.wasmThreads'];
  return n > 0 ? n : navigator.hardwareConcurrency || 1;
}

async function loadOrtWeb(job: PageJob, model: ModelArtifact): Promise<PageSession> {
  // A URL import, left alone by the bundler: onnxruntime-web's own browser build and its workers.
  const url = job.backend === 'wasm' ? ORT_WEB_WASM_URL : ORT_WEB_URL;
  const mod = (await import(/* @vite-ignore */ url)) as { default?: OrtWebPage } & OrtWebPage;
  const ort = mod.default ?? mod;
  const threads = job.backend === 'wasm' ? wantedThreads(job) : 1;
  ort.env.wasm.wasmPaths = ORT_WASM_PREFIX;
  ort.env.wasm.numThreads = threads;
  const { 'ort.graphOptimizationLevel': graphOptimizationLevel } = readSettings(ORT_SETTINGS, job.settings);
  const ep = job.backend === 'webgpu' ? 'webgpu' : 'wasm';
  const created = await ort.InferenceSession.create(model.onnx, { executionProviders: [ep], graphOptimizationLevel });
  const used = ort.env.wasm.numThreads ?? 1;
  return {
    session: ortSession(created, ort.Tensor),
    version: ort.env.versions.web ?? null,
    info: {
      threads: used,
      options: {
        executionProvider: ep,
        build: url.slice(ORT_WASM_PREFIX.length),
        threadsRequested: threads,
        threads: used,
        graphOptimizationLevel,
      },
    },
  };
}

async function importTfjsBackend(
  tf: TfModule,
  backend: PageBackend,
  threads: number,
): Promise<Record<string, unknown>> {
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(TFJS_WASM_PREFIX);
    wasm.setThreadsCount(threads);
  } else if (backend === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  if (!(await tf.setBackend(backend)))
    throw new RuntimeError(`tfjs:${backend}: the ${backend} backend failed to initialise in the page`);
  await tf.ready();
  if (backend !== 'wasm') return { backend };
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const multithread = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  // tfjs-backend-wasm caps its XNNPACK pool at min(requested, 8, hardwareConcurrency / 2)
  // (cc/backend.cc), so a 2-core page gets 1 thread whatever is asked: both counts are recorded.
  return { backend, simd, multithread, threadsRequested: threads, threads: multithread ? wasm.getThreadsCount() : 1 };
}

async function loadTfjs(job: PageJob, model: ModelArtifact): Promise<PageSession> {
  const tf = (await import('@tensorflow/tfjs')) as unknown as TfModule;
  tf.enableProdMode();
  const facts = await importTfjsBackend(tf, job.backend, wantedThreads(job));
  const session = await createTfjsSession(tf, model, `chromium/tfjs:${job.backend}`);
  const threads = typeof facts.threads === 'number' ? facts.threads : null;
  return { session, version: tf.version.tfjs, info: { threads, options: { ...facts, prodMode: true } } };
}

/** The model as the Node adapters take it: the served ONNX bytes and, when described, the resolved architecture. */
export async function fetchModel(job: PageJob): Promise<ModelArtifact> {
  const res = await fetch(job.model.onnxUrl);
  if (!res.ok) throw new RuntimeError(`the page could not fetch ${job.model.onnxUrl}: HTTP ${res.status}`);
  const onnx = new Uint8Array(await res.arrayBuffer());
  const arch = job.model.description ? resolveArch(job.model.description).arch : undefined;
  return {
    name: job.model.name,
    onnx,
    inputs: job.model.inputs,
    outputs: job.model.outputs,
    ...(arch ? { arch } : {}),
  };
}

/** Creates the job's session in the page (session creation: wasm compile, weight upload). */
export function loadPageSession(job: PageJob, model: ModelArtifact): Promise<PageSession> {
  return job.library === 'ort-web' ? loadOrtWeb(job, model) : loadTfjs(job, model);
}
