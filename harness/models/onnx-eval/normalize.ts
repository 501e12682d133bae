/**
 * Ops that reduce over axes: Softmax and LogSoftmax (before opset 13 over the 2-D flattening at
 * `axis`, default 1; from 13 over one axis, default -1), LayerNormalization (opset 17: mean and
 * variance over axis..rank-1, scale and bias broadcast), BatchNormalization (inference form),
 * ReduceMean/Sum/Max/Min/Prod/SumSquare/L2 (axes an attribute before opset 18, an input from 18;
 * ReduceSum from 13), ArgMax/ArgMin. Sums are float64.
 */
import { mapBroadcast } from './elementwise.js';
import { need, type Kernel, type KernelContext } from './kernel.js';
import { axisOf, ElemType, sizeOf, type EvalTensor } from './tensor.js';

/** Calls `fn(offset, length, stride)` for each 1-D line of `dims` along `axis`. */
function lines(dims: number[], axis: number, fn: (offset: number, length: number, stride: number) => void): void {
  const outer = sizeOf(dims.slice(0, axis));
  const d = dims[axis]!;
  const inner = sizeOf(dims.slice(axis + 1));
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) fn(o * d * inner + i, d, inner);
}

function softmax(log: boolean): Kernel {
  return (inputs, ctx) => {
    const x = need(inputs, 0);
    const rank = x.dims.length;
    const axis = axisOf(ctx.attrs.int('axis', ctx.opset < 13 ? 1 : -1), rank);
    // Before opset 13 the input is coerced to 2-D [prod(dims[:axis]), prod(dims[axis:])].
    const dims = ctx.opset < 13 ? [sizeOf(x.dims.slice(0, axis)), sizeOf(x.dims.slice(axis))] : x.dims;
    const out = new Float64Array(x.data.length);
    lines(dims, ctx.opset < 13 ? 1 : axis, (off, len, stride) => {
      let max = -Infinity;
      for (let k = 0; k < len; k++) max = Math.max(max, x.data[off + k * stride]!);
      let sum = 0;
      for (let k = 0; k < len; k++) sum += Math.exp(x.data[off + k * stride]! - max);
      for (let k = 0; k < len; k++) {
        const z = x.data[off + k * stride]! - max;
        out[off + k * stride] = log ? z - Math.log(sum) : Math.exp(z) / sum;
      }
    });
    return [{ type: x.type, dims: [...x.dims], data: out }];
  };
}

/** Reduces x over `axes` (all when empty, unless noop_with_empty_axes) with `fn` over each group's values. */
function reduce(x: EvalTensor, axes: number[], keepDims: boolean, fn: (v: number[]) => number): EvalTensor {
  const rank = x.dims.length;
  const set = new Set((axes.length ? axes : x.dims.map((_, i) => i)).map((a) => axisOf(a, rank)));
  const keptDims = x.dims.map((d, i) => (set.has(i) ? 1 : d));
  const groups = new Map<number, number[]>();
  const strides = keptDims.map((_, i) => sizeOf(keptDims.slice(i + 1)));
  const inners = x.dims.map((_, i) => sizeOf(x.dims.slice(i + 1)));
  const n = x.data.length;
  for (let e = 0; e < n; e++) {
    let rem = e;
    let key = 0;
    for (let a = 0; a < rank; a++) {
      const inner = inners[a]!;
      const c = Math.floor(rem / inner);
      rem -= c * inner;
      if (!set.has(a)) key += c * strides[a]!;
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(x.data[e]!);
  }
  const out = new Float64Array(sizeOf(keptDims));
  for (let k = 0; k < out.length; k++) out[k] = fn(groups.get(k) ?? []);
  return { type: x.type, dims: keepDims ? keptDims : x.dims.filter((_, i) => !set.has(i)), data: out };
}

function reducer(fn: (v: number[]) => number, axesInputFrom = 18): Kernel {
  return (inputs, ctx: KernelContext) => {
    const x = need(inputs, 0);
    const axes =
      ctx.opset >= axesInputFrom ? (inputs[1] ? Array.from(inputs[1].data) : []) : (ctx.attrs.ints('axes') ?? []);
    if (axes.length === 0 && ctx.attrs.int('noop_with_empty_axes', 0) === 1) return [x];
    return [reduce(x, axes, ctx.attrs.int('keepdims', 1) === 1, fn)];
  };
}

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

function argExtreme(better: (a: number, b: number) => boolean): Kernel {
  return (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const axis = axisOf(attrs.int('axis', 0), x.dims.length);
    const last = attrs.int('select_last_index', 0) === 1;
    const dims = x.dims.map((d, i) => (i === axis ? 1 : d));
    const out: number[] = [];
    lines(x.dims, axis, (off, len, stride) => {
      let best = 0;
      for (let k = 1; k < len; k++) {
        const v = x.data[off + k * stride]!;
        const b = x.data[off + best * stride]!;
        if (better(v, b) || (last && v === b)) best = k;
      }
      out.push(best);
    });
    return [
      {
        type: ElemType.INT64,
        dims: attrs.int('keepdims', 1) ? dims : x.dims.filter((_, i) => i !== axis),
        data: Float64Array.from(out),
      },
    ];
  };
}

export const NORMALIZE: Record<string, Kernel> = {
  Softmax: softmax(false),
  LogSoftmax: softmax(true),
  LayerNormalization: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const axis = axisOf(attrs.int('axis', -1), x.dims.length);
    const eps = attrs.float('epsilon', 1e-5);
    const group = sizeOf(x.dims.slice(axis));
    const out = new Float64Array(x.data.length);
    for (let off = 0; off < x.data.length; off += group) {
      let mean = 0;
      for (let k = 0; k < group; k++) mean += x.data[off + k]!;
      mean /= group;
      let variance = 0;
      for (let k = 0; k < group; k++) variance += (x.data[off + k]! - mean) ** 2;
      const inv = 1 / Math.sqrt(variance / group + eps);
      for (let k = 0; k < group; k++) out[off + k] = (x.data[off + k]! - mean) * inv;
    }
    let y = mapBroadcast([{ type: x.type, dims: [...x.dims], data: out }, need(inputs, 1)], x.type, (a, s) => a * s);
    if (inputs[2]) y = mapBroadcast([y, inputs[2]], x.type, (a, b) => a + b);
    return [y];
  },
  BatchNormalization: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const [scale, bias, mean, variance] = [1, 2, 3, 4].map((i) => need(inputs, i).data);
    const eps = attrs.float('epsilon', 1e-5);
    const channels = x.dims[1] ?? 1;
    const inner = sizeOf(x.dims.slice(2));
    const out = x.data.map((v, e) => {
      const c = Math.floor(e / inner) % channels;
      return ((v - mean![c]!) / Math.sqrt(variance![c]! + eps)) * scale![c]! + bias![c]!;
    });
    return [{ type: x.type, dims: [...x.dims], data: out }];
  },
  InstanceNormalization: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const [scale, bias] = [need(inputs, 1).data, need(inputs, 2).data];
    const eps = attrs.float('epsilon', 1e-5);
    const channels = x.dims[1]!;
    const group = sizeOf(x.dims.slice(2));
    const out = new Float64Array(x.data.length);
    for (let off = 0, p = 0; off < x.data.length; off += group, p++) {
      const v = x.data.subarray(off, off + group);
      const mean = v.reduce((a, b) => a + b, 0) / group;
      const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / group;
      const c = p % channels;
      for (let k = 0; k < group; k++)
        out[off + k] = ((v[k]! - mean) / Math.sqrt(variance + eps)) * scale[c]! + bias[c]!;
    }
    return [{ type: x.type, dims: [...x.dims], data: out }];
  },
  ReduceMean: reducer((v) => sum(v) / v.length),
  ReduceSum: reducer(sum, 13),
  ReduceMax: reducer((v) => Math.max(...v)),
  ReduceMin: reducer((v) => Math.min(...v)),
  ReduceProd: reducer((v) => v.reduce((a, b) => a * b, 1)),
  ReduceSumSquare: reducer((v) => sum(v.map((x) => x * x))),
  ReduceL2: reducer((v) => Math.sqrt(sum(v.map((x) => x * x)))),
  ArgMax: argExtreme((a, b) => a > b),
  ArgMin: argExtreme((a, b) => a < b),
};
