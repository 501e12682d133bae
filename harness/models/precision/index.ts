/**
 * Zoo models at a chosen precision: `applyPrecision(onnxBytes, precision)` rewrites an fp32
 * export (models/onnx-export.ts, models/transformer/onnx-export.ts) into its fp16, int8 dynamic
 * or int8 weight-only form. docs/precision.md lists the ops each precision uses.
 */
import onnxProto from 'onnx-proto';
import type { Precision } from './precision.js';
import { graphToFp16 } from './to-fp16.js';
import { quantizeDynamic, quantizeWeightOnly } from './quantize.js';

const { onnx } = onnxProto;

export { PRECISIONS, PRECISION_SCHEME, PRECISION_TOLERANCE, parsePrecision, precisionErrorBound } from './precision.js';
export type { Precision } from './precision.js';
export { graphToFp16 } from './to-fp16.js';
export { quantizeDynamic, quantizeWeightOnly } from './quantize.js';
export { PrecisionErrorMeter } from './precision-error.js';
export type { OutputError } from './precision-error.js';

/** The model's ONNX bytes at `precision` (fp32: the same bytes). */
export function applyPrecision(bytes: Uint8Array, precision: Precision): Uint8Array {
  if (precision === 'fp32') return bytes;
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph!;
  if (precision === 'fp16') graphToFp16(graph);
  else if (precision === 'int8') quantizeDynamic(graph);
  else quantizeWeightOnly(graph);
  return onnx.ModelProto.encode(model).finish();
}
