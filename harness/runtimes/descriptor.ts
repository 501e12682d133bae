/**
 * What a runtime can do, declared as data next to its factory in the registry (index.ts), and
 * read from there by every consumer: `mlbench model` (which runtimes take a file), the micro
 * suite (which tensor layout it is fed), the roofline (CPU peak or not), the shard cost model,
 * compare (which settings are runtime knobs), training (which runtimes train) and the job
 * process (the null runtime computes nothing). Nothing is inferred from a runtime's id string.
 *
 * A new runtime is one adapter file plus one registry entry `{ ...descriptor, create }`.
 */

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
}

/** A registry entry: the descriptor and the lazy factory of the adapter. */
export interface RuntimeEntry<R> extends RuntimeDescriptor {
  create(): Promise<R>;
}

const ORT_NODE = { family: 'onnx', modelFormats: ['arch', 'onnx'], host: 'node', settingsGroup: 'ort', trains: false, startCostMs: 150 } as const;

/** ort-node on the CPU, or on an accelerator (`gpu`). */
export const ortNode = (device: 'cpu' | 'gpu'): RuntimeDescriptor => ({ ...ORT_NODE, device });

export const ORT_WEB_WASM: RuntimeDescriptor = { family: 'onnx', modelFormats: ['arch', 'onnx'], device: 'cpu', host: 'node', settingsGroup: 'ortWeb', trains: false, startCostMs: 400 };

/** tfjs in Node (the pure-JS cpu backend, wasm) or tfjs-node's native TensorFlow (`startCostMs` 500, or 800 for the GPU build). */
export const tfjs = (device: 'cpu' | 'gpu', startCostMs: number, trainCostFactor = 1): RuntimeDescriptor => ({
  family: 'tfjs', modelFormats: ['arch', 'tfjs-json'], device, host: 'node', settingsGroup: 'tfjs', trains: true, startCostMs, trainCostFactor,
});

/**
 * A web runtime inside a headless Chromium page (harness/browser): onnxruntime-web takes zoo
 * models and ONNX files, tfjs zoo models (no model.json served to the page); a Chromium start
 * per job. Its knobs are the `browser.*` settings.
 */
export const inBrowser = (family: 'onnx' | 'tfjs', device: 'cpu' | 'gpu'): RuntimeDescriptor => ({
  family, modelFormats: family === 'onnx' ? ['arch', 'onnx'] : ['arch'], device, host: 'browser', settingsGroup: 'browser', trains: false, startCostMs: 3000,
});

/** The deterministic null runtime: computes nothing (no outputs checked, no parity, no FLOPs), never a contender. */
export const NULL_DESCRIPTOR: RuntimeDescriptor = { family: 'null', modelFormats: ['arch'], device: 'cpu', host: 'node', settingsGroup: 'null', trains: false, startCostMs: 0 };

/**
 * A peer program (`external:<cmd>`): it states what it runs through its own probe, so every
 * format is offered to it; it trains tabular workloads.
 */
export const EXTERNAL_DESCRIPTOR: RuntimeDescriptor = {
  family: 'external', modelFormats: ['arch', 'onnx', 'tfjs-json'], device: 'cpu', host: 'node', settingsGroup: 'external', trains: true, startCostMs: 1500,
};
