/**
 * The micro suite's machinery: the op catalog, one-node ONNX graphs and tfjs ops, the tinybench
 * job, and the roofline annotation (each runtime's measured matmul peak).
 */
export { MICRO_OPS, MICRO_OP_IDS, resolveMicroOp } from './ops.js';
export type { MicroBound, MicroOp, MicroOpId, MicroParams } from './ops.js';
export { microConstant, microFeeds, microInputShape, microOnnxModel } from './op-graph.js';
export type { MicroLayout } from './op-graph.js';
export { createMicroSession, layoutOf } from './op-session.js';
export type { MicroSession } from './op-session.js';
export { executeMicroJob } from './execute-micro.js';
export type { MicroFacts } from './execute-micro.js';
export { annotateRoofline, applyRoofline, findPeaks, jobPeak, matmulPeaks, runtimeKeyOf } from './roofline.js';
export type { RooflineContext, RuntimePeak } from './roofline.js';
export { microTable, rooflineTable } from './roofline-table.js';
