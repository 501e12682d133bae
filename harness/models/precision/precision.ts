/**
 * Precision as an axis of a zoo model: which numeric format its exported ONNX graph computes in.
 * One architecture description (or transformer config) is exported at fp32, then rewritten at
 * export time (models/precision/to-fp16.ts, quantize.ts); the float64 forward pass of the same
 * description stays the reference for every precision. docs/precision.md lists the ops of each.
 *
 * - `fp32`: the description's graph as it is.
 * - `fp16`: every float initializer and activation float16; a Cast at each float32 graph input
 *   and output, so callers feed and read float32 as for fp32.
 * - `int8`: dynamic quantization of MatMul/Gemm with weight initializers, as onnxruntime's
 *   quantize_dynamic writes it (DynamicQuantizeLinear on the activation, int8 symmetric
 *   per-tensor weights, MatMulInteger, Cast, a scale product Mul); Conv stays fp32.
 * - `int8w`: weight-only int8 (W8A32): MatMul/Gemm weights stored int8 per output column and
 *   DequantizeLinear -> MatMul at run time; activations stay float32.
 */
import { UsageError } from '../../errors.js';
import type { Precision } from '../../types.js';
import type { ParityPrecision } from '../parity.js';

export type { Precision } from '../../types.js';
export const PRECISIONS: readonly Precision[] = ['fp32', 'fp16', 'int8', 'int8w'];

/** What each precision is called in prose and result notes (the scheme names of models/onnx-precision.ts). */
export const PRECISION_SCHEME: Record<Precision, string> = {
  fp32: 'fp32',
  fp16: 'fp16',
  int8: 'int8 dynamic',
  int8w: 'int8 weight-only',
};

/** Parity's tolerance family of a precision (models/parity.ts parityTolerance). */
export const PRECISION_TOLERANCE: Record<Precision, ParityPrecision> = {
  fp32: 'fp32',
  fp16: 'fp16',
  int8: 'int8',
  int8w: 'int8',
};

/**
 * The expected bound on a precision's error against the float64 reference, as a fraction of the
 * output's RMS: max |a - r| / RMS(r) <= bound (softmax outputs compared as centred logits).
 * - fp32: 1e-4 x sqrt(K), parity's fp32 tolerance (float32 roundoff 6e-8 grows as sqrt(K) per
 *   dot product, Higham ch. 3, with headroom for depth).
 * - fp16: 1e-2 x sqrt(K / 64): float16's unit roundoff is 4.9e-4 (8192 x float32's); each layer's
 *   activations are rounded to it, so a few layers of K-term sums land near 1e-2 at K = 64.
 * - int8 (dynamic): 0.1: per-tensor 8-bit steps are 1/127 of the largest weight and 1/255 of
 *   the activation range; a K-term sum of such errors is about sqrt(K) steps x typical values,
 *   a few % of the RMS, and the worst element of a few thousand sits a few sigma out.
 * - int8w: 0.1: weights alone are rounded (per column, 1/127 of the column's largest), but
 *   onnxruntime's CPU graph optimiser may fuse DequantizeLinear -> MatMul into an int8 kernel that
 *   quantizes activations too, so the bound is int8's (measured on a 2-layer bert: 2.6e-2 on
 *   ort-web:wasm, 5.7e-2 on ort-node:cpu).
 * These are stated expectations, measured against in tests; they are not a pass/fail gate on a
 * job (only fp32 parity is).
 */
export function precisionErrorBound(precision: Precision, accumulation: number): number {
  const k = Math.max(1, accumulation);
  switch (precision) {
    case 'fp32':
      return 1e-4 * Math.sqrt(k);
    case 'fp16':
      return 1e-2 * Math.sqrt(Math.max(1, k / 64));
    case 'int8':
      return 0.1;
    case 'int8w':
      return 0.1;
  }
}

/** Reads `--param precision=...` (or a workload's field); UsageError E_BAD_MODEL names the valid ones. */
export function parsePrecision(value: unknown, where = 'zoo model'): Precision {
  if ((PRECISIONS as readonly unknown[]).includes(value)) return value as Precision;
  throw new UsageError(
    'E_BAD_MODEL',
    `${where}: precision must be one of ${PRECISIONS.join(', ')}, got ${JSON.stringify(value)}.`,
  );
}
