/**
 * onnxruntime's contrib ops (domain com.microsoft) that ORT-optimised and quantized exports
 * carry, written from their documented semantics (onnxruntime docs/ContribOperators.md):
 * Gelu, FastGelu and BiasGelu (tanh / erf GELU, with an optional bias), QuickGelu
 * (x * sigmoid(alpha x)), SkipLayerNormalization and SkipSimplifiedLayerNormalization (norm of
 * input + skip + bias; output 3 is that sum), FusedMatMul (alpha, transA, transB on the last two
 * axes) and MatMulNBits (B block-quantized along K, codes packed low-first, scale per block,
 * zero point per block, packed uint8 or unpacked, default 2^(bits-1)). Also SimplifiedLayerNormalization
 * and RMSNormalization (ai.onnx 23), the RMS norm LLM exports use.
 */
import { erf, mapBroadcast } from './elementwise.js';
import { need, type Kernel } from './kernel.js';
import { matmul } from './matmul.js';
import { transpose } from './shape-ops.js';
import { ElemType, sizeOf, type EvalTensor } from './tensor.js';

const MS = 'com.microsoft';
const gelu = (x: number) => 0.5 * x * (1 + erf(x * Math.SQRT1_2));
const geluTanh = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

function withBias(inputs: Array<EvalTensor | undefined>, fn: (v: number) => number): EvalTensor[] {
  const x = need(inputs, 0);
  const b = inputs[1];
  return [b ? mapBroadcast([x, b], x.type, (v, w) => fn(v + w)) : { ...x, dims: [...x.dims], data: x.data.map(fn) }];
}

/** Normalises each row of the last `width` elements: LayerNorm (centred) or RMS norm, then scale (and bias). */
function normRows(
  x: EvalTensor,
  width: number,
  eps: number,
  centred: boolean,
  scale: Float64Array,
  bias?: Float64Array,
): EvalTensor {
  const out = new Float64Array(x.data.length);
  for (let off = 0; off < x.data.length; off += width) {
    let mean = 0;
    if (centred) {
      for (let k = 0; k < width; k++) mean += x.data[off + k]!;
      mean /= width;
    }
    let sq = 0;
    for (let k = 0; k < width; k++) sq += (x.data[off + k]! - mean) ** 2;
    const inv = 1 / Math.sqrt(sq / width + eps);
    for (let k = 0; k < width; k++)
      out[off + k] = (x.data[off + k]! - mean) * inv * scale[k % scale.length]! + (bias ? bias[k % bias.length]! : 0);
  }
  return { type: x.type, dims: [...x.dims], data: out };
}

function skipNorm(centred: boolean): Kernel {
  return (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const skip = need(inputs, 1);
    const gamma = need(inputs, 2).data;
    const beta = centred ? inputs[3]?.data : undefined;
    const bias = inputs[centred ? 4 : 3];
    let sum = mapBroadcast([x, skip], x.type, (a, b) => a + b);
    if (bias) sum = mapBroadcast([sum, bias], x.type, (a, b) => a + b);
    const width = x.dims[x.dims.length - 1]!;
    return [normRows(sum, width, attrs.float('epsilon', 1e-12), centred, gamma, beta), undefined, undefined, sum];
  };
}

function rmsNorm(inputs: Array<EvalTensor | undefined>, axisRaw: number, eps: number): EvalTensor[] {
  const x = need(inputs, 0);
  const axis = axisRaw < 0 ? axisRaw + x.dims.length : axisRaw;
  const width = sizeOf(x.dims.slice(axis));
  const y = normRows(x, width, eps, false, Float64Array.of(1));
  return [mapBroadcast([y, need(inputs, 1)], x.type, (a, s) => a * s)];
}

export const CONTRIB: Record<string, Kernel> = {
  [`${MS}:Gelu`]: (inputs) => withBias([need(inputs, 0)], gelu),
  [`${MS}:BiasGelu`]: (inputs) => withBias(inputs, gelu),
  [`${MS}:FastGelu`]: (inputs) => withBias(inputs, geluTanh),
  [`${MS}:QuickGelu`]: (inputs, { attrs }) => {
    const a = attrs.float('alpha', 1.702);
    return withBias([need(inputs, 0)], (v) => v / (1 + Math.exp(-a * v)));
  },
  [`${MS}:SkipLayerNormalization`]: skipNorm(true),
  [`${MS}:SkipSimplifiedLayerNormalization`]: skipNorm(false),
  SimplifiedLayerNormalization: (inputs, { attrs }) =>
    rmsNorm(inputs, attrs.int('axis', -1), attrs.float('epsilon', 1e-5)),
  [`${MS}:SimplifiedLayerNormalization`]: (inputs, { attrs }) =>
    rmsNorm(inputs, attrs.int('axis', -1), attrs.float('epsilon', 1e-5)),
  RMSNormalization: (inputs, { attrs }) => rmsNorm(inputs, attrs.int('axis', -1), attrs.float('epsilon', 1e-5)),
  [`${MS}:FusedMatMul`]: (inputs, { attrs }) => {
    const last2 = (t: EvalTensor) =>
      transpose(t, [...t.dims.slice(0, -2).map((_, i) => i), t.dims.length - 1, t.dims.length - 2]);
    let a = need(inputs, 0);
    let b = need(inputs, 1);
    if (attrs.int('transA', 0)) a = last2(a);
    if (attrs.int('transB', 0)) b = last2(b);
    const alpha = attrs.float('alpha', 1);
    const y = matmul(a, b, a.type);
    return [{ ...y, data: y.data.map((v) => alpha * v) }];
  },
  [`${MS}:MatMulNBits`]: (inputs, { attrs }) => {
    const a = need(inputs, 0);
    const packed = need(inputs, 1).data;
    const scales = need(inputs, 2).data;
    const zeros = inputs[3];
    const k = attrs.int('K', 0);
    const n = attrs.int('N', 0);
    const bits = attrs.int('bits', 4);
    const block = attrs.int('block_size', 32);
    if (inputs[4] && inputs[4].data.length) throw new Error('g_idx (act-order) is not evaluated');
    const blocks = Math.ceil(k / block);
    const blob = (block * bits) / 8;
    const mask = 2 ** bits - 1;
    const code = (bytes: Float64Array, base: number, i: number) =>
      (bytes[base + Math.floor((i * bits) / 8)]! >> ((i * bits) % 8)) & mask;
    const zpPacked = zeros?.type === ElemType.UINT8;
    const zpRow = Math.ceil((blocks * bits) / 8);
    // W [K, N] in float64: (code - zero point) * scale.
    const w = new Float64Array(k * n);
    for (let col = 0; col < n; col++)
      for (let b = 0; b < blocks; b++) {
        const scale = scales[col * blocks + b]!;
        const zp = !zeros
          ? 2 ** (bits - 1)
          : zpPacked
            ? code(zeros.data, col * zpRow, b)
            : zeros.data[col * blocks + b]!;
        for (let i = 0; i < block && b * block + i < k; i++)
          w[(b * block + i) * n + col] = (code(packed, (col * blocks + b) * blob, i) - zp) * scale;
      }
    let y = matmul(a, { type: a.type, dims: [k, n], data: w }, a.type);
    if (inputs[5]) y = mapBroadcast([y, inputs[5]], a.type, (v, c) => v + c);
    return [y];
  },
};
