/**
 * Public types of mlbench. The plug-in contracts (Runtime, Session, Suite, Dataset,
 * scenario runner) are kept tiny on purpose: 2-4 members each. Everything a job needs
 * to run in a child process is plain, JSON-serialisable data (Job, Workload, ModelRef).
 */
import type { ResolvedSettings, SettingsInput } from './config/settings.js';

/** The size knob of a suite. */
export type Profile = 'quick' | 'standard' | 'full';
export const PROFILES: readonly Profile[] = ['quick', 'standard', 'full'];

/** How queries are issued (MLPerf LoadGen semantics) plus `accuracy`. A closed union. */
export type ScenarioId = 'single-stream' | 'multi-stream' | 'server' | 'offline' | 'accuracy';
export const SCENARIOS: readonly ScenarioId[] = ['single-stream', 'multi-stream', 'server', 'offline', 'accuracy'];

/** `generation`: autoregressive decoding of a decoder model, scored by TTFT/TPOT (harness/generation). */
export type WorkloadKind = 'training' | 'inference' | 'generation';

// ---------------------------------------------------------------------------------------------
// Tensors
// ---------------------------------------------------------------------------------------------

/**
 * Element types. `float16` and `bfloat16` travel as their raw 16-bit patterns (Uint16Array, as
 * onnxruntime-common takes them); `string` tensors hold a string[] (ONNX STRING, tfjs string).
 */
export type DType =
  'float32' | 'float64' | 'int32' | 'int64' | 'uint8' | 'int8' | 'bool' | 'float16' | 'bfloat16' | 'string';

export type TypedArray =
  Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | Int8Array | Uint16Array;

/** A runtime-neutral tensor: the only tensor type that crosses the Session contract. */
export interface Tensor {
  dtype: DType;
  dims: number[];
  /** string[] only when dtype is `string`. */
  data: TypedArray | string[];
}

/** Named tensors: a session's inputs and outputs. */
export type Feeds = Record<string, Tensor>;

/** Declared input or output of a model. A dim is a number or a symbolic name (`batch`). */
export interface TensorSpec {
  name: string;
  dtype: DType;
  dims: Array<number | string>;
}

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/**
 * A serialisable reference to a model. The child process rebuilds the model from it, so the
 * same description gives the same weights in every process and on every runtime.
 * - `zoo`: an architecture from harness/models with its parameters and seed.
 * - `file`: an ONNX file or a TensorFlow.js model.json on disk (bring your own).
 * - `trained`: weights produced by a training job, stored as a file written by the harness.
 * - `micro`: a single op (matmul, conv2d, ...) at one size, for the op-level micro suite.
 */
export type ModelRef =
  | { kind: 'zoo'; arch: string; params: Record<string, number | string | boolean>; seed: number }
  | { kind: 'file'; path: string }
  | { kind: 'trained'; path: string }
  /** One op at one size (suites/micro): run by harness/micro, never through buildModel. */
  | { kind: 'micro'; op: string; params: Record<string, number> };

/**
 * The numeric format a zoo model's ONNX graph computes in (harness/models/precision): fp32,
 * fp16 (float32 I/O through Casts), int8 (dynamic quantization of MatMul/Gemm), int8w (weight-only int8).
 */
export type Precision = 'fp32' | 'fp16' | 'int8' | 'int8w';

/** A model ready to hand to a runtime: ONNX bytes, and the architecture when it is a zoo model. */
export interface ModelArtifact {
  name: string;
  /** The precision the zoo exported it at (`--param precision=`); absent = fp32 (files: see models/onnx-precision.ts). */
  precision?: Precision;
  /** ONNX protobuf bytes (every model has them). */
  onnx: Uint8Array;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  /** Architecture description, present for zoo and trained models (tfjs builds from it). */
  arch?: unknown;
  /** Zoo transformers (gpt, bert): the resolved config and weights (models/transformer, ResolvedTransformer). */
  transformer?: unknown;
  /** FLOPs (2 x MACs) of one forward pass at batch 1, when known from the description. */
  flopsPerSample?: number;
  parameters?: number;
  /** A model file (bring your own): its absolute path and the external data files next to it. */
  file?: { path: string; externalData: string[] };
  /** A TensorFlow.js model.json (layers or graph), loaded from disk by tfjs; `onnx` is empty. */
  tfjs?: { path: string; format: 'layers-model' | 'graph-model' };
  /**
   * A decoder_model.onnx whose decoder_with_past_model.onnx sits beside it (optimum's unmerged
   * pair): the model that takes the KV cache; generation prefills on this model and decodes on that one.
   */
  decoderWithPast?: ModelArtifact;
}

// ---------------------------------------------------------------------------------------------
// Runtimes
// ---------------------------------------------------------------------------------------------

/** What `probe()` tells about a runtime on this machine. Absence is an answer, not a crash. */
/** One WebGPU adapter as a result records it (harness/system/gpu-adapter.ts reads it) (results/schema.ts GpuAdapterSchema). */
export interface GpuAdapter {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** The driver named in the description (Dawn: "<device>: <driver>"), null when it names none. */
  driver: string | null;
  /** GPUAdapterInfo.isFallbackAdapter (or GPUAdapter.isFallbackAdapter on older implementations). */
  fallback: boolean;
  /** A CPU rasterizer (fallback, architecture "software", or llvmpipe/lavapipe/SwiftShader by name). */
  software: boolean;
  /** Where the facts came from. */
  source: 'webgpu (Dawn)';
}

export interface ProbeResult {
  available: boolean;
  /** Why it is unavailable, with the install command where there is one. */
  reason?: string;
  version: string | null;
  /** Backends this runtime family knows, with availability of each. */
  backends: Array<{ id: string; available: boolean; reason?: string }>;
  /** Extra facts worth recording (e.g. `simd: true`). */
  details?: Record<string, unknown>;
}

/** A loaded model on one runtime. */
export interface Session {
  run(feeds: Feeds): Promise<Feeds>;
  dispose(): Promise<void>;
  /** tfjs runtimes: tf.memory().numTensors after dispose() minus before load() (memory.leakedTensors). */
  leakedTensors?(): number;
  /** `--profile-ops`: a short pass over `feeds` under the runtime's profiler (harness/runtimes/op-profile.ts). */
  profileOps?(feeds: Feeds[]): Promise<OpProfile>;
  /**
   * GPU runtimes that can time them apart: one query split into upload, dispatch (until the device
   * queue is done) and readback, medians over a short pass over `feeds` (harness/runtimes/gpu-phases.ts).
   */
  gpuPhases?(feeds: Feeds[]): Promise<GpuPhases>;
  /**
   * Decoder models only: greedy decoding of one request (harness/generation). Runs the prompt
   * (prefill), then one decode step per further token, and calls `onToken(i, tokenId)` as soon as
   * output token i (0-based) is known: i = 0 is LoadGen's FirstTokenComplete, the last one its
   * QuerySamplesComplete. Always produces exactly `request.outputTokens` tokens (no end-of-sequence
   * stop). Resolves to the token ids.
   */
  generate?(request: GenerationRequest, onToken: TokenCallback): Promise<number[]>;
}

/** One generation request: prompt token ids and the number of tokens to produce. */
export interface GenerationRequest {
  /** Prompt token ids (the prefill), at least 1. */
  inputIds: readonly number[];
  /** Output tokens to generate, at least 1; greedy, never stopped early. */
  outputTokens: number;
  /** false: no KV cache; every step recomputes the whole prefix (bench:llm's uncached TPOT). Default true. */
  useCache?: boolean;
}

/** Called when output token `index` (0-based) is complete, in order. */
export type TokenCallback = (index: number, tokenId: number) => void;

/** A GPU query's phases in ms (the result file's `gpuPhases`), or why they cannot be told apart. */
export type GpuPhases =
  | { method: string; queries: number; uploadMs: number; dispatchMs: number; readbackMs: number; totalMs: number }
  | { method: 'not measurable'; reason: string };

/** Top ops by time of a profiled pass (the result file's `opProfile`). */
export interface OpProfile {
  source: string;
  queries: number;
  totalMs: number;
  ops: Array<{ op: string; calls: number; totalMs: number; share: number }>;
}

/** What a runtime records about how it ran (threads, options) into the job result. */
export interface RuntimeInfo {
  threads: number | null;
  options: Record<string, unknown>;
  /** GPU runtimes: the adapter the session runs on (harness/system/gpu-adapter.ts). */
  adapter?: GpuAdapter;
}

/** What a probe is told by the run that asks (carried in the probe request, not the environment). */
export interface ProbeContext {
  /** The `peers.python` setting; empty = MLBENCH_PYTHON or the search (harness/runtimes/peer-python.ts). */
  peersPython?: string;
}

/** The runtime adapter contract. `id` is `<runtime>:<backend>` (or `null`). */
export interface Runtime {
  readonly id: string;
  /** `context.peersPython`: the `peers.python` setting, for runtimes that start a Python peer. */
  probe(context?: ProbeContext): Promise<ProbeResult>;
  load(model: ModelArtifact, settings: SettingsInput): Promise<{ session: Session; info: RuntimeInfo }>;
}

// ---------------------------------------------------------------------------------------------
// Suites and workloads
// ---------------------------------------------------------------------------------------------

/** A reference to a dataset slice (serialisable). */
export interface DatasetRef {
  id: string;
  slice: string;
  /** Label column of user data (`csv:` / `parquet:`). */
  target?: string;
}

/** One thing to measure. Plain data: it travels to the child process as JSON. */
export interface Workload {
  /** Unique within its suite. */
  id: string;
  kind: WorkloadKind;
  description: string;
  model: ModelRef;
  dataset?: DatasetRef;
  /** Scenarios this workload runs by default (without `--scenario`). */
  scenarios: ScenarioId[];
  /** Scenarios `--scenario` may ask of it; undefined = every scenario. */
  supports?: ScenarioId[];
  /** Runtimes this workload can run on; undefined = every registered runtime. */
  runtimes?: string[];
  /** Workload-level setting overrides (e.g. a smaller minQueryCount for a slow model). */
  settings?: SettingsInput;
  /** Free-form, serialisable extras a suite needs in the child (training spec, metric, ...). */
  extra?: Record<string, unknown>;
}

/** Options a user passes to the suites of a run (e.g. `--dataset csv:my.csv --target y`). */
export interface SuiteOptions {
  /** A tabular dataset to train on instead of the suite's own (flights). */
  dataset?: { id: string; target?: string };
}

export interface Suite {
  id: string;
  describe(): string;
  workloads(profile: Profile, options?: SuiteOptions): Workload[];
}

// ---------------------------------------------------------------------------------------------
// Datasets
// ---------------------------------------------------------------------------------------------

export interface DatasetMeta {
  id: string;
  rows: number;
  columns: string[];
  checksum: string;
  source: { package: string; version: string; file?: string };
  [key: string]: unknown;
}

export interface LoadedSlice {
  features: Float32Array;
  labels: Float32Array | Int32Array | Uint8Array;
  rows: number;
  columns: number;
  meta: DatasetMeta;
  [key: string]: unknown;
}

export interface Dataset {
  id: string;
  load(slice: string): Promise<LoadedSlice>;
}

// ---------------------------------------------------------------------------------------------
// Settings and jobs
// ---------------------------------------------------------------------------------------------

/**
 * Settings (harness/config): one flat record with dotted keys (`null.latencyUs`,
 * `ort.intraOpThreads`). `ResolvedSettings` has every key, typed, defaults filled from the zod
 * schemas; `SettingsInput` is any subset, which the schemas complete where it is read.
 */
export type { ResolvedSettings, SettingsInput } from './config/settings.js';

/** One workload x runtime x scenario (x repeat): runs in its own child process. */
export interface Job {
  id: string;
  suite: string;
  workload: Workload;
  runtime: string;
  scenario: ScenarioId;
  repeat: number;
  /**
   * Effective settings for this job: the run's resolved settings with workload overrides, every
   * key present (planJobs builds them). Parsed once where a job crosses a process boundary (the
   * job process, harness/isolate/child.ts; the browser page); the job kinds read them as typed.
   */
  settings: ResolvedSettings;
}

// ---------------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------------

/** Monotonic clock in nanoseconds. Injected so tests can drive a virtual clock. */
export interface Clock {
  nowNs(): bigint;
}

/** Latency percentiles in ns, all computed with the one method in measure/percentiles.ts. */
export interface LatencySummaryNs {
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p97: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}
