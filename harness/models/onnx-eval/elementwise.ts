/**
 * Element-wise ops with numpy-style (multidirectional) broadcasting: arithmetic, comparisons,
 * logic, Where, activations (Relu, Sigmoid, Tanh, Erf, Gelu, ...), Cast, Clip, Identity.
 * Float results stay in float64; integer Div truncates and Cast to an integer type truncates
 * toward zero, as onnxruntime does.
 */
import { Attrs, need, type Kernel } from './kernel.js';
import { ElemType, isFloatType, sizeOf, stridesOf, type EvalTensor } from './tensor.js';

/** The broadcast shape of several shapes (ONNX Broadcasting.md). */
export function broadcastDims(...shapes: number[][]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const s of shapes) {
      const v = s[s.length - rank + i] ?? 1;
      if (v !== 1) {
        if (d !== 1 && d !== v)
          throw new Error(`shapes [${shapes.map((x) => x.join(',')).join('] [')}] do not broadcast`);
        d = v;
      }
    }
    out.push(d);
  }
  return out;
}

/**
 * For each element of a row-major tensor of `outDims`, the flat index `offset + sum(c[a] x
 * strides[a])` into a source tensor, where c is the element's coordinate: the one strided walk
 * behind broadcasting (stride 0 on a size-1 axis) and Slice (stride x step, offset at the starts).
 */
export function stridedIndex(outDims: number[], strides: number[], offset = 0): Int32Array {
  const n = sizeOf(outDims);
  const outStrides = stridesOf(outDims);
  const idx = new Int32Array(n);
  for (let o = 0; o < n; o++) {
    let rem = o;
    let k = offset;
    for (let a = 0; a < outDims.length; a++) {
      const c = Math.floor(rem / outStrides[a]!);
      rem -= c * outStrides[a]!;
      k += c * strides[a]!;
    }
    idx[o] = k;
  }
  return idx;
}

/** For each output element, the index into a tensor of `dims` broadcast to `outDims`. */
export function broadcastIndex(dims: number[], outDims: number[]): Int32Array | null {
  if (dims.length === outDims.length && dims.every((d, i) => d === outDims[i])) return null;
  const padded = [...new Array<number>(outDims.length - dims.length).fill(1), ...dims];
  return stridedIndex(
    outDims,
    stridesOf(padded).map((s, i) => (padded[i] === 1 ? 0 : s)),
  );
}

/** Applies `fn` element-wise over broadcast inputs. */
export function mapBroadcast(inputs: EvalTensor[], type: number, fn: (...v: number[]) => number): EvalTensor {
  const dims = broadcastDims(...inputs.map((t) => t.dims));
  const n = sizeOf(dims);
  const idx = inputs.map((t) => broadcastIndex(t.dims, dims));
  const out = new Float64Array(n);
  const args = new Array<number>(inputs.length);
  for (let o = 0; o < n; o++) {
    for (let j = 0; j < inputs.length; j++) args[j] = inputs[j]!.data[idx[j] ? idx[j]![o]! : o]!;
    out[o] = fn(...args);
  }
  return { type, dims, data: out };
}

const unary =
  (fn: (x: number, attrs: Attrs) => number): Kernel =>
  (inputs, ctx) => {
    const x = need(inputs, 0);
    return [{ type: x.type, dims: [...x.dims], data: x.data.map((v) => fn(v, ctx.attrs)) }];
  };
const arith =
  (fn: (a: number, b: number, float: boolean) => number): Kernel =>
  (inputs) => {
    const a = need(inputs, 0);
    const float = isFloatType(a.type);
    return [mapBroadcast([a, need(inputs, 1)], a.type, (x, y) => fn(x, y, float))];
  };
const compare =
  (fn: (a: number, b: number) => boolean): Kernel =>
  (inputs) => [mapBroadcast([need(inputs, 0), need(inputs, 1)], ElemType.BOOL, (x, y) => (fn(x, y) ? 1 : 0))];

/** erf to ~1e-14: its Maclaurin series below 2.5, 1 - erfc by the continued fraction (Abramowitz-Stegun 7.1.14) above. */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)).
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 80; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) by Lentz's continued fraction: erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))).
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

/** Truncates or wraps a value into an integer element type (Cast). */
function castTo(type: number, v: number): number {
  if (isFloatType(type)) return v;
  if (type === ElemType.BOOL) return v !== 0 ? 1 : 0;
  if (Number.isNaN(v)) return 0;
  const t = Math.trunc(v);
  const wrap = (bits: number, signed: boolean) => {
    const m = 2 ** bits;
    let r = ((t % m) + m) % m;
    if (signed && r >= m / 2) r -= m;
    return r;
  };
  switch (type) {
    case ElemType.INT8:
      return wrap(8, true);
    case ElemType.UINT8:
      return wrap(8, false);
    case ElemType.INT16:
      return wrap(16, true);
    case ElemType.UINT16:
      return wrap(16, false);
    case ElemType.INT32:
      return wrap(32, true);
    case ElemType.UINT32:
      return wrap(32, false);
    default:
      return t;
  }
}

const SQRT1_2 = Math.SQRT1_2;
const gelu = (x: number) => 0.5 * x * (1 + erf(x * SQRT1_2));
const geluTanh = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

export const ELEMENTWISE: Record<string, Kernel> = {
  Add: arith((a, b) => a + b),
  Sub: arith((a, b) => a - b),
  Mul: arith((a, b) => a * b),
  Div: arith((a, b, float) => (float ? a / b : Math.trunc(a / b))),
  Pow: (inputs) => {
    const a = need(inputs, 0);
    return [mapBroadcast([a, need(inputs, 1)], a.type, (x, y) => x ** y)];
  },
  Mod: arith((a, b, float) => (float ? a % b : ((a % b) + b) % b)),
  Max: (inputs) => [mapBroadcast(inputs as EvalTensor[], need(inputs, 0).type, Math.max)],
  Min: (inputs) => [mapBroadcast(inputs as EvalTensor[], need(inputs, 0).type, Math.min)],
  Sum: (inputs) => [mapBroadcast(inputs as EvalTensor[], need(inputs, 0).type, (...v) => v.reduce((a, b) => a + b, 0))],
  Equal: compare((a, b) => a === b),
  Less: compare((a, b) => a < b),
  LessOrEqual: compare((a, b) => a <= b),
  Greater: compare((a, b) => a > b),
  GreaterOrEqual: compare((a, b) => a >= b),
  And: compare((a, b) => a !== 0 && b !== 0),
  Or: compare((a, b) => a !== 0 || b !== 0),
  Xor: compare((a, b) => (a !== 0) !== (b !== 0)),
  Not: (inputs) => {
    const x = need(inputs, 0);
    return [{ type: ElemType.BOOL, dims: [...x.dims], data: x.data.map((v) => (v === 0 ? 1 : 0)) }];
  },
  Where: (inputs) => {
    const x = need(inputs, 1);
    return [mapBroadcast([need(inputs, 0), x, need(inputs, 2)], x.type, (c, a, b) => (c !== 0 ? a : b))];
  },
  Identity: (inputs) => [need(inputs, 0)],
  Cast: (inputs, ctx) => {
    const x = need(inputs, 0);
    const to = ctx.attrs.int('to', ElemType.FLOAT);
    return [{ type: to, dims: [...x.dims], data: x.data.map((v) => castTo(to, v)) }];
  },
  Relu: unary((x) => Math.max(0, x)),
  LeakyRelu: unary((x, a) => (x >= 0 ? x : a.float('alpha', 0.01) * x)),
  Sigmoid: unary((x) => 1 / (1 + Math.exp(-x))),
  HardSigmoid: unary((x, a) => Math.max(0, Math.min(1, a.float('alpha', 0.2) * x + a.float('beta', 0.5)))),
  Tanh: unary(Math.tanh),
  Erf: unary(erf),
  Gelu: unary((x, a) => (a.string('approximate', 'none') === 'tanh' ? geluTanh(x) : gelu(x))),
  Exp: unary(Math.exp),
  Log: unary(Math.log),
  Sqrt: unary(Math.sqrt),
  Reciprocal: unary((x) => 1 / x),
  Neg: unary((x) => -x),
  Abs: unary(Math.abs),
  Floor: unary(Math.floor),
  Ceil: unary(Math.ceil),
  Sin: unary(Math.sin),
  Cos: unary(Math.cos),
  Softplus: unary((x) => Math.log1p(Math.exp(x))),
  Elu: unary((x, a) => (x >= 0 ? x : a.float('alpha', 1) * (Math.exp(x) - 1))),
  Selu: unary(
    (x, a) =>
      a.float('gamma', 1.0507009873554805) * (x > 0 ? x : a.float('alpha', 1.6732632423543772) * (Math.exp(x) - 1)),
  ),
  HardSwish: unary((x) => x * Math.max(0, Math.min(1, x / 6 + 0.5))),
  Mish: unary((x) => x * Math.tanh(Math.log1p(Math.exp(x)))),
  Sign: unary(Math.sign),
  // Round: half to even, as numpy.round and the ONNX spec.
  Round: unary((x) => {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }),
  IsNaN: (inputs) => {
    const x = need(inputs, 0);
    return [{ type: ElemType.BOOL, dims: [...x.dims], data: x.data.map((v) => (Number.isNaN(v) ? 1 : 0)) }];
  },
  IsInf: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const pos = attrs.int('detect_positive', 1) === 1;
    const neg = attrs.int('detect_negative', 1) === 1;
    return [
      {
        type: ElemType.BOOL,
        dims: [...x.dims],
        data: x.data.map((v) => ((pos && v === Infinity) || (neg && v === -Infinity) ? 1 : 0)),
      },
    ];
  },
  PRelu: (inputs) => {
    const x = need(inputs, 0);
    let slope = need(inputs, 1);
    // A 1-D slope of one value per channel (older exporters) is laid along axis 1.
    if (
      slope.dims.length === 1 &&
      x.dims.length > 2 &&
      slope.dims[0] === x.dims[1] &&
      slope.dims[0] !== x.dims[x.dims.length - 1]
    )
      slope = { ...slope, dims: [slope.dims[0]!, ...x.dims.slice(2).map(() => 1)] };
    return [mapBroadcast([x, slope], x.type, (v, a) => (v >= 0 ? v : a * v))];
  },
  Shrink: unary((x, a) => {
    const l = a.float('lambd', 0.5);
    const b = a.float('bias', 0);
    return x < -l ? x + b : x > l ? x - b : 0;
  }),
  Mean: (inputs) => [
    mapBroadcast(inputs as EvalTensor[], need(inputs, 0).type, (...v) => v.reduce((a, b) => a + b, 0) / v.length),
  ],
  // Inference: Dropout passes its input through (its optional mask output is all true).
  Dropout: (inputs) => {
    const x = need(inputs, 0);
    return [x, { type: ElemType.BOOL, dims: [...x.dims], data: new Float64Array(x.data.length).fill(1) }];
  },
  // Clip: min/max attributes before opset 11, optional inputs from 11.
  Clip: (inputs, ctx) => {
    const x = need(inputs, 0);
    const lo = ctx.opset < 11 ? ctx.attrs.float('min', -Infinity) : inputs[1] ? inputs[1].data[0]! : -Infinity;
    const hi = ctx.opset < 11 ? ctx.attrs.float('max', Infinity) : inputs[2] ? inputs[2].data[0]! : Infinity;
    return [{ type: x.type, dims: [...x.dims], data: x.data.map((v) => Math.min(hi, Math.max(lo, v))) }];
  },
};
