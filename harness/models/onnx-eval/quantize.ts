/**
 * Quantization ops (ONNX operator spec): DequantizeLinear and QuantizeLinear (per-tensor or
 * per-axis scale and zero point), DynamicQuantizeLinear (uint8, as onnxruntime's quantize_dynamic
 * emits it before MatMulInteger), QLinearMatMul and QLinearConv (dequantize, float64 product,
 * requantize). Rounding is half to even, saturating to the zero point's type (uint8 by default).
 * A scale is a float32 tensor, so a computed scale is rounded to float32 as the spec's output type is.
 */
import { CONV } from './conv.js';
import { need, type Kernel, type KernelContext } from './kernel.js';
import { matmul } from './matmul.js';
import { axisOf, ElemType, sizeOf, type EvalTensor } from './tensor.js';

/** Rounds half to even (numpy.rint, the ONNX spec's rounding). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const RANGE: Record<number, [number, number]> = {
  [ElemType.UINT8]: [0, 255],
  [ElemType.INT8]: [-128, 127],
  [ElemType.UINT16]: [0, 65535],
  [ElemType.INT16]: [-32768, 32767],
  [ElemType.INT32]: [-(2 ** 31), 2 ** 31 - 1],
};

/** For each element of x, the index into a per-axis parameter of x's dims (0 when per-tensor). */
function paramIndex(x: EvalTensor, param: EvalTensor, axisRaw: number): (e: number) => number {
  if (param.data.length <= 1) return () => 0;
  const axis = axisOf(axisRaw, x.dims.length);
  const inner = sizeOf(x.dims.slice(axis + 1));
  const d = x.dims[axis]!;
  return (e) => Math.floor(e / inner) % d;
}

function dequantize(x: EvalTensor, scale: EvalTensor, zero: EvalTensor | undefined, axis: number): EvalTensor {
  const at = paramIndex(x, scale, axis);
  return {
    type: scale.type,
    dims: [...x.dims],
    data: x.data.map((v, e) => (v - (zero?.data[at(e)] ?? 0)) * scale.data[at(e)]!),
  };
}

function quantize(
  x: EvalTensor,
  scale: EvalTensor,
  zero: EvalTensor | undefined,
  axis: number,
  type = zero?.type ?? ElemType.UINT8,
): EvalTensor {
  const at = paramIndex(x, scale, axis);
  const [lo, hi] = RANGE[type] ?? [0, 255];
  return {
    type,
    dims: [...x.dims],
    data: x.data.map((v, e) =>
      Math.min(hi, Math.max(lo, roundHalfEven(v / scale.data[at(e)]!) + (zero?.data[at(e)] ?? 0))),
    ),
  };
}

const axisAttr = (ctx: KernelContext) => ctx.attrs.int('axis', 1);

export const QUANTIZE: Record<string, Kernel> = {
  DequantizeLinear: (inputs, ctx) => [dequantize(need(inputs, 0), need(inputs, 1), inputs[2], axisAttr(ctx))],
  QuantizeLinear: (inputs, ctx) => [
    quantize(
      need(inputs, 0),
      need(inputs, 1),
      inputs[2],
      axisAttr(ctx),
      inputs[2]?.type ??
        (ctx.attrs.has('output_dtype') ? ctx.attrs.int('output_dtype', ElemType.UINT8) : ElemType.UINT8),
    ),
  ],
  DynamicQuantizeLinear: (inputs) => {
    const x = need(inputs, 0);
    let min = 0;
    let max = 0;
    for (const v of x.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const scale = Math.fround((max - min) / 255);
    const zero = scale === 0 ? 0 : Math.min(255, Math.max(0, roundHalfEven(-min / scale)));
    const y =
      scale === 0
        ? { type: ElemType.UINT8, dims: [...x.dims], data: new Float64Array(x.data.length).fill(zero) }
        : quantize(
            x,
            { type: ElemType.FLOAT, dims: [], data: Float64Array.of(scale) },
            { type: ElemType.UINT8, dims: [], data: Float64Array.of(zero) },
            0,
          );
    return [
      y,
      { type: ElemType.FLOAT, dims: [], data: Float64Array.of(scale) },
      { type: ElemType.UINT8, dims: [], data: Float64Array.of(zero) },
    ];
  },
  QLinearMatMul: (inputs) => {
    const a = dequantize(need(inputs, 0), need(inputs, 1), inputs[2], 1);
    const b = dequantize(need(inputs, 3), need(inputs, 4), inputs[5], -1);
    return [
      quantize(matmul(a, b, ElemType.FLOAT), need(inputs, 6), inputs[7], 1, inputs[7]?.type ?? need(inputs, 0).type),
    ];
  },
  QLinearConv: (inputs, ctx) => {
    const x = dequantize(need(inputs, 0), need(inputs, 1), inputs[2], 1);
    const w = dequantize(need(inputs, 3), need(inputs, 4), inputs[5], 0);
    // The int32 bias is quantized with scale x_scale * w_scale and zero point 0.
    const bias = inputs[8]
      ? {
          type: ElemType.FLOAT,
          dims: [...inputs[8].dims],
          data: inputs[8].data.map(
            (v, f) => v * need(inputs, 1).data[0]! * need(inputs, 4).data[need(inputs, 4).data.length > 1 ? f : 0]!,
          ),
        }
      : undefined;
    const [y] = CONV.Conv!([x, w, bias], ctx);
    return [quantize(y!, need(inputs, 6), inputs[7], 1, inputs[7]?.type ?? need(inputs, 0).type)];
  },
};
