/**
 * The architecture description: one plain, JSON-serialisable value that says what a model is
 * (layers, shapes) and where its weights come from (a seed, or explicit values). Both exporters
 * (ONNX bytes, tfjs forward) and the FLOP/parameter counter read it, so every runtime runs the
 * same function with the same weights. It sits below models/ (which builds descriptions) and
 * runtimes/ (which run them), so neither imports the other.
 *
 * Conventions (documented once here, relied on everywhere):
 * - Image inputs are NCHW (the ONNX convention): `input.dims` is the per-sample shape `[C, H, W]`,
 *   vector inputs are `[features]`. The batch dim is symbolic, named `batch`.
 * - Weight layouts are tfjs layouts, so weights of a tfjs-trained model drop in unchanged:
 *   dense kernel `[in, out]`, conv2d kernel `[kh, kw, in, out]`, depthwise kernel `[kh, kw, C, 1]`,
 *   biases `[out]`. The ONNX exporter transposes conv kernels once, at build time.
 * - `flatten.order` says how a CHW feature map becomes a vector: `chw` (ONNX Flatten order, the
 *   default) or `hwc` (tfjs `flatten()` order, for models trained in tfjs).
 * - Padding `same` follows TensorFlow: output = ceil(in / stride), extra padding at the end.
 */

/** Activation applied after a layer. `softmax` is over the last axis. */
export type Activation = 'none' | 'relu' | 'sigmoid' | 'softmax';

/**
 * A weight tensor given explicitly (trained models). `data` is a plain number array or
 * `base64` holds little-endian float32 bytes (compact for large tensors).
 */
export type WeightData = { dims: number[]; data: number[] } | { dims: number[]; base64: string };

/** Explicit weights of one parametric layer; absent weights are drawn from the seed. */
export interface LayerWeights {
  kernel: WeightData;
  bias: WeightData;
}

export interface DenseLayer {
  type: 'dense';
  units: number;
  activation?: Activation;
  weights?: LayerWeights;
}

export interface Conv2dLayer {
  type: 'conv2d';
  filters: number;
  kernel: number;
  stride?: number;
  padding?: 'same' | 'valid';
  activation?: Activation;
  weights?: LayerWeights;
}

export interface DepthwiseConv2dLayer {
  type: 'depthwiseConv2d';
  kernel: number;
  stride?: number;
  padding?: 'same' | 'valid';
  activation?: Activation;
  weights?: LayerWeights;
}

export interface MaxPool2dLayer {
  type: 'maxPool2d';
  size: number;
  stride?: number;
  padding?: 'same' | 'valid';
}

/** Global average pooling over H and W: `[C, H, W]` -> `[C]`. */
export interface GlobalAvgPoolLayer {
  type: 'globalAvgPool';
}

export interface FlattenLayer {
  type: 'flatten';
  order?: 'chw' | 'hwc';
}

/** `activation(body(x) + shortcut(x))`; no shortcut means identity. */
export interface ResidualLayer {
  type: 'residual';
  body: LayerSpec[];
  shortcut?: LayerSpec[];
  activation?: Activation;
}

export type LayerSpec =
  DenseLayer | Conv2dLayer | DepthwiseConv2dLayer | MaxPool2dLayer | GlobalAvgPoolLayer | FlattenLayer | ResidualLayer;

export type LayerType = LayerSpec['type'];

export const LAYER_TYPES: readonly LayerType[] = [
  'dense',
  'conv2d',
  'depthwiseConv2d',
  'maxPool2d',
  'globalAvgPool',
  'flatten',
  'residual',
];

/** Format tag of a description file (`{kind:'trained', path}` models). */
export const ARCH_FORMAT = 'mlbench-arch';
export const ARCH_VERSION = 1;

/** A whole model. Serialise it with JSON.stringify; read it back with parseArchDescription. */
export interface ArchDescription {
  format: typeof ARCH_FORMAT;
  version: typeof ARCH_VERSION;
  name: string;
  /** Seed for every weight not given explicitly. */
  seed: number;
  input: { name: string; dims: number[] };
  output: { name: string };
  layers: LayerSpec[];
  /** Free-form facts (zoo arch and params, training provenance). */
  meta?: Record<string, unknown>;
}

/** A parametric layer's weights as typed arrays, in the layouts above. */
export interface ResolvedWeights {
  kernel: Float32Array;
  kernelDims: number[];
  bias: Float32Array;
}

/**
 * A description with every weight materialised, keyed by layer path (`3`, `5.body.1`,
 * `5.shortcut.0`). This is what the exporters consume and what ModelArtifact.arch holds.
 */
export interface ResolvedArch {
  description: ArchDescription;
  weights: Map<string, ResolvedWeights>;
}

/** Whether a layer type carries weights. */
export function isParametric(layer: LayerSpec): layer is DenseLayer | Conv2dLayer | DepthwiseConv2dLayer {
  return layer.type === 'dense' || layer.type === 'conv2d' || layer.type === 'depthwiseConv2d';
}

// Transformer architecture format (zoo gpt/bert): shared by models/ (exporters, float64) and runtimes/ (tfjs).
export type TransformerKind = 'gpt' | 'bert';

export interface TransformerConfig {
  arch: TransformerKind;
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  vocab: number;
  context: number;
  /** Token-type (segment) vocabulary; bert only (0 for gpt). */
  typeVocab: number;
  /** LayerNormalization epsilon: 1e-5 (GPT-2), 1e-12 (BERT). */
  layerNormEpsilon: number;
}

export interface NamedWeight {
  dims: number[];
  data: Float32Array;
}

/** A config with its weights materialised: what the ONNX exporter, tfjs and float64 read. */
export interface ResolvedTransformer {
  config: TransformerConfig;
  seed: number;
  weights: Map<string, NamedWeight>;
}
