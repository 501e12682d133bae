/**
 * The model zoo and model loading: architecture descriptions, their ONNX export and tfjs forward,
 * FLOPs and parameters, ONNX file reading, and output parity against ort-node:cpu.
 */
export { buildModel, artifactFromDescription, parseArchDescription } from './build-model.js';
export { ZOO, ZOO_ARCHS, zooDescription } from './zoo.js';
export type { ZooArch, ZooParams } from './zoo.js';
export { ARCH_FORMAT, ARCH_VERSION, LAYER_TYPES, isParametric } from '../arch.js';
export type {
  Activation, ArchDescription, LayerSpec, LayerType, LayerWeights, ResolvedArch, ResolvedWeights, WeightData,
} from '../arch.js';
export { resolveArch, withExplicitWeights, encodeWeight, decodeWeight } from './weights.js';
export { archStats, windowOut, windowPads } from './shapes.js';
export type { ArchStats, LayerStats } from './shapes.js';
export { exportOnnx, ONNX_IR_VERSION, ONNX_OPSET } from './onnx-export.js';
export { readOnnxSignature } from './onnx-read.js';
export type { OnnxSignature } from './onnx-read.js';
export { checkParity, compareOutputs, referenceOutputs, PARITY_TOLERANCE, PARITY_REFERENCE } from './parity.js';
export type { ParityResult } from './parity.js';
