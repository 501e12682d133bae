/**
 * The model zoo and model loading: architecture descriptions, their ONNX export and tfjs forward,
 * FLOPs and parameters, ONNX file reading, and output parity against an independent reference
 * (the float64 forward pass; ONNX files: an injected reference).
 */
export { buildModel, artifactFromDescription, parseArchDescription } from './build-model.js';
export { ZOO, ZOO_ARCHS, zooDescription } from './zoo.js';
export type { ZooArch, ZooParams } from './zoo.js';
export { ARCH_FORMAT, ARCH_VERSION, LAYER_TYPES, isParametric } from '../arch.js';
export type {
  Activation,
  ArchDescription,
  LayerSpec,
  LayerType,
  LayerWeights,
  ResolvedArch,
  ResolvedWeights,
  WeightData,
} from '../arch.js';
export { resolveArch, withExplicitWeights, encodeWeight, decodeWeight } from './weights.js';
export { archStats, windowOut, windowPads } from './shapes.js';
export type { ArchStats, LayerStats } from './shapes.js';
export { exportOnnx, ONNX_IR_VERSION, ONNX_OPSET } from './onnx-export.js';
export { readOnnxSignature } from './onnx-read.js';
export type { OnnxSignature } from './onnx-read.js';
export {
  checkParity,
  compareOutputs,
  copyFeeds,
  float64Reference,
  referenceParity,
  PARITY_TOLERANCE,
} from './parity.js';
export type { ParityChecked, ParityNotChecked, ParityReference, ParityResult } from './parity.js';
export { float64Forward, FLOAT64_REFERENCE_ID } from './float64-forward.js';
export {
  TRANSFORMER_ARCHS,
  TRANSFORMER_DEFAULTS,
  isTransformerArch,
  transformerConfig,
  transformerFlops,
  transformerParameters,
  resolveTransformer,
  exportTransformerOnnx,
  float64TransformerForward,
  transformerArtifact,
  transformersJsFolder,
} from './transformer/index.js';
export type { FolderFile, ResolvedTransformer, TransformerConfig, TransformerKind } from './transformer/index.js';
