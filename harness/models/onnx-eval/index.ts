/** The float64 ONNX evaluator: an independent parity reference for model files (see graph.ts). */
export { KERNELS, OnnxEvaluator, type EvaluatorOptions } from './graph.js';
export type { Kernel, KernelContext } from './kernel.js';
export type { EvalTensor } from './tensor.js';
export {
  EVALUATOR_BUDGET_MS,
  FLOAT64_ONNX_REFERENCE_ID,
  float64OnnxReference,
  MAX_EVALUATOR_ELEMENTS,
  missingOpsReason,
  notIndependentReferenceId,
  referenceNote,
  type NoEvaluator,
} from './reference.js';
