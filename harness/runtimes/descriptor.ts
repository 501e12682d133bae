/**
 * What a runtime can do, declared as data next to its factory in the registry (index.ts), and
 * read from there by every consumer: `mlbench model` (which runtimes take a file), the micro
 * suite (which tensor layout it is fed), the roofline (CPU peak or not), the shard cost model,
 * compare (which settings are runtime knobs), training (which runtimes train) and the job
 * process (the null runtime computes nothing). Nothing is inferred from a runtime's id string.
 *
 * A new runtime is one adapter file plus one registry entry `{ ...descriptor, create }`.
 */

import type { Precision } from '../types.js';

/** The engine family: how models are handed to it and which reference and layout apply. */
export type RuntimeFamily = 'onnx' | 'tfjs' | 'null' | 'external';

/**
 * Model formats a runtime accepts:
 * - `arch`: an architecture description (zoo and trained models), built into what the runtime takes;
 * - `onnx`: an ONNX file from disk (bring your own);
 * - `tfjs-json`: a TensorFlow.js model.json (layers or graph) from disk.
 */
export type ModelFormat = 'arch' | 'onnx' | 'tfjs-json';

export interface RuntimeDescriptor {
  family: RuntimeFamily;
  modelFormats: readonly ModelFormat[];
  /** Where the kernels run: `gpu` covers every accelerator (CUDA, TensorRT, WebGPU, DirectML, CoreML). */
  device: 'cpu' | 'gpu';
  /** Where the session lives: in the job's Node process, or in a browser page the job drives. */
  host: 'node' | 'browser';
  /** The settings namespace of its knobs (`ort` for `ort.intraOpThreads`); compare judges these as knobs. */
  settingsGroup: string;
  /** Whether training workloads can train on it. */
  trains: boolean;
  /**
   * Start-up cost in ms (runtime load and session creation, beyond the process start), for the
   * shard cost model only: orders of magnitude, not predictions.
   */
  startCostMs: number;
  /** Per-row training cost relative to a native/wasm backend (pure-JS tfjs:cpu is about 4x); default 1. */
  trainCostFactor?: number;
  /**
   * Zoo precisions (harness/models/precision) its adapter can hand to its engine. A listed one is
   * still tried in the job (a one-node probe model at that precision, then the model itself) and
   * is `unavailable: <runtime> has no <precision> kernels` when the engine refuses it; an unlisted
   * one is unavailable with `precisionNote`.
   */
  precisions: readonly Precision[];
  /** Why unlisted precisions cannot run (e.g. tfjs builds float32 layers from the description). */
  precisionNote?: string;
  /** A device feature a precision needs beyond the kernels: WebGPU fp16 needs the adapter's `shader-f16`. */
  precisionNeeds?: Partial<Record<Precision, 'shader-f16'>>;
}

/** Every zoo precision: ONNX engines take the rewritten graph as it is. */
const ALL_PRECISIONS: readonly Precision[] = ['fp32', 'fp16', 'int8', 'int8w'];

/** tfjs adapters build float32 layers from the architecture description: nothing but fp32 reaches tfjs. */
const TFJS_PRECISION = {
  precisions: ['fp32'] as readonly Precision[],
  precisionNote:
    'its adapter builds float32 tfjs layers from the architecture description; tfjs tensors have no float16 or int8 dtype',
};

/** A registry entry: the descriptor and the lazy factory of the adapter. */
export interface RuntimeEntry<R> extends RuntimeDescriptor {
  create(): Promise<R>;
}

const ORT_NODE = {
  family: 'onnx',
  modelFormats: ['arch', 'onnx'],
  host: 'node',
  settingsGroup: 'ort',
  trains: false,
  startCostMs: 150,
  precisions: ALL_PRECISIONS,
} as const;

/** ort-node on the CPU, or on an accelerator (`gpu`); `webgpu` needs the adapter's shader-f16 for fp16. */
export const ortNode = (device: 'cpu' | 'gpu', webgpu = false): RuntimeDescriptor => ({
  ...ORT_NODE,
  device,
  ...(webgpu ? { precisionNeeds: { fp16: 'shader-f16' } } : {}),
});

export const ORT_WEB_WASM: RuntimeDescriptor = {
  family: 'onnx',
  modelFormats: ['arch', 'onnx'],
  device: 'cpu',
  host: 'node',
  settingsGroup: 'ortWeb',
  trains: false,
  startCostMs: 400,
  precisions: ALL_PRECISIONS,
};

/** tfjs in Node (the pure-JS cpu backend, wasm) or tfjs-node's native TensorFlow (`startCostMs` 500, or 800 for the GPU build). */
export const tfjs = (device: 'cpu' | 'gpu', startCostMs: number, trainCostFactor = 1): RuntimeDescriptor => ({
  family: 'tfjs',
  modelFormats: ['arch', 'tfjs-json'],
  device,
  host: 'node',
  settingsGroup: 'tfjs',
  trains: true,
  startCostMs,
  trainCostFactor,
  ...TFJS_PRECISION,
});

/**
 * A web runtime inside a headless Chromium page (harness/browser): onnxruntime-web takes zoo
 * models and ONNX files, tfjs zoo models (no model.json served to the page); a Chromium start
 * per job. Its knobs are the `browser.*` settings.
 */
export const inBrowser = (family: 'onnx' | 'tfjs', device: 'cpu' | 'gpu'): RuntimeDescriptor => ({
  family,
  modelFormats: family === 'onnx' ? ['arch', 'onnx'] : ['arch'],
  device,
  host: 'browser',
  settingsGroup: 'browser',
  trains: false,
  startCostMs: 3000,
  ...(family === 'onnx'
    ? { precisions: ALL_PRECISIONS, ...(device === 'gpu' ? { precisionNeeds: { fp16: 'shader-f16' as const } } : {}) }
    : TFJS_PRECISION),
});

/** The deterministic null runtime: computes nothing (no outputs checked, no parity, no FLOPs), never a contender. */
export const NULL_DESCRIPTOR: RuntimeDescriptor = {
  family: 'null',
  modelFormats: ['arch'],
  device: 'cpu',
  host: 'node',
  settingsGroup: 'null',
  trains: false,
  startCostMs: 0,
  precisions: ALL_PRECISIONS,
};

/**
 * A peer program (`external:<cmd>`): it states what it runs through its own probe, so every
 * format is offered to it; it trains tabular workloads.
 */
export const EXTERNAL_DESCRIPTOR: RuntimeDescriptor = {
  family: 'external',
  modelFormats: ['arch', 'onnx', 'tfjs-json'],
  device: 'cpu',
  host: 'node',
  settingsGroup: 'external',
  trains: true,
  startCostMs: 1500,
  precisions: ALL_PRECISIONS,
};
