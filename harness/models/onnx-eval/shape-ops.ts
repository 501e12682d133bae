/**
 * Ops that move or index elements without arithmetic: Reshape, Flatten, Transpose, Concat,
 * Split, Unsqueeze, Squeeze, Shape, Size, Slice, Gather, Expand, Tile, Range, ConstantOfShape,
 * Constant. Axes and shapes come from attributes or inputs by opset, as the ONNX operator
 * changelog defines them.
 */
import { broadcastDims, broadcastIndex, stridedIndex } from './elementwise.js';
import { need, type Kernel, type KernelContext } from './kernel.js';
import { axisOf, ElemType, fromTensorProto, sizeOf, stridesOf, tensor, type EvalTensor } from './tensor.js';

const reshaped = (x: EvalTensor, dims: number[]): EvalTensor => ({ type: x.type, dims, data: x.data });

/** Axes from an attribute (before `inputFrom`) or from input 1 (from `inputFrom`). */
function axesOf(inputs: Array<EvalTensor | undefined>, ctx: KernelContext, inputFrom: number): number[] | undefined {
  if (ctx.opset >= inputFrom) return inputs[1] ? Array.from(inputs[1].data) : undefined;
  return ctx.attrs.ints('axes');
}

export function transpose(x: EvalTensor, perm: number[]): EvalTensor {
  const dims = perm.map((p) => x.dims[p]!);
  const inStrides = stridesOf(x.dims);
  const strides = perm.map((p) => inStrides[p]!);
  const n = x.data.length;
  const out = new Float64Array(n);
  const rank = dims.length;
  const counter = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < n; o++) {
    out[o] = x.data[src]!;
    for (let a = rank - 1; a >= 0; a--) {
      counter[a]!++;
      src += strides[a]!;
      if (counter[a]! < dims[a]!) break;
      src -= strides[a]! * dims[a]!;
      counter[a] = 0;
    }
  }
  return { type: x.type, dims, data: out };
}

function slice(x: EvalTensor, starts: number[], ends: number[], axes: number[], steps: number[]): EvalTensor {
  const rank = x.dims.length;
  const begin = new Array<number>(rank).fill(0);
  const step = new Array<number>(rank).fill(1);
  const dims = [...x.dims];
  axes.forEach((axisRaw, i) => {
    const a = axisOf(axisRaw, rank);
    const d = x.dims[a]!;
    const st = steps[i] ?? 1;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v < 0 ? v + d : v));
    const s = st > 0 ? clamp(starts[i]!, 0, d) : clamp(starts[i]!, -1, d - 1);
    const e = st > 0 ? clamp(ends[i]!, 0, d) : clamp(ends[i]!, -1, d - 1);
    begin[a] = s;
    step[a] = st;
    dims[a] = Math.max(0, Math.ceil((e - s) / st));
  });
  const inStrides = stridesOf(x.dims);
  const offset = begin.reduce((sum, b, a) => sum + b * inStrides[a]!, 0);
  const idx = stridedIndex(
    dims,
    inStrides.map((s, a) => s * step[a]!),
    offset,
  );
  const out = new Float64Array(idx.length);
  for (let o = 0; o < idx.length; o++) out[o] = x.data[idx[o]!]!;
  return { type: x.type, dims, data: out };
}

function concat(parts: EvalTensor[], axisRaw: number): EvalTensor {
  const first = parts[0]!;
  const axis = axisOf(axisRaw, first.dims.length);
  const outer = sizeOf(first.dims.slice(0, axis));
  const dims = [...first.dims];
  dims[axis] = parts.reduce((s, p) => s + p.dims[axis]!, 0);
  const out = new Float64Array(sizeOf(dims));
  let o = 0;
  for (let i = 0; i < outer; i++) {
    for (const p of parts) {
      const chunk = sizeOf(p.dims.slice(axis));
      out.set(p.data.subarray(i * chunk, (i + 1) * chunk), o);
      o += chunk;
    }
  }
  return { type: first.type, dims, data: out };
}

export const SHAPE_OPS: Record<string, Kernel> = {
  Reshape: (inputs, ctx) => {
    const x = need(inputs, 0);
    const spec = ctx.opset < 5 ? (ctx.attrs.ints('shape') ?? []) : Array.from(need(inputs, 1).data);
    const allowZero = ctx.attrs.int('allowzero', 0) === 1;
    const dims = spec.map((d, i) => (d === 0 && !allowZero ? x.dims[i]! : d));
    const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    return [
      reshaped(
        x,
        dims.map((d) => (d === -1 ? x.data.length / known : d)),
      ),
    ];
  },
  Flatten: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const axis = axisOf(attrs.int('axis', 1), x.dims.length);
    return [reshaped(x, [sizeOf(x.dims.slice(0, axis)), sizeOf(x.dims.slice(axis))])];
  },
  Transpose: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    return [transpose(x, attrs.ints('perm') ?? x.dims.map((_, i) => x.dims.length - 1 - i))];
  },
  Concat: (inputs, { attrs }) => [
    concat(
      inputs.filter((t): t is EvalTensor => !!t),
      attrs.int('axis', 0),
    ),
  ],
  Split: (inputs, ctx) => {
    const x = need(inputs, 0);
    const axis = axisOf(ctx.attrs.int('axis', 0), x.dims.length);
    const d = x.dims[axis]!;
    let sizes = ctx.opset >= 13 ? (inputs[1] ? Array.from(inputs[1].data) : undefined) : ctx.attrs.ints('split');
    if (!sizes) {
      const parts = ctx.attrs.int('num_outputs', ctx.outputCount);
      const each = Math.ceil(d / parts);
      sizes = Array.from({ length: parts }, (_, i) => Math.min(each, d - i * each));
    }
    let start = 0;
    return sizes.map((s) => {
      const t = slice(x, [start], [start + s], [axis], [1]);
      start += s;
      return t;
    });
  },
  Unsqueeze: (inputs, ctx) => {
    const x = need(inputs, 0);
    const axes = axesOf(inputs, ctx, 13) ?? [];
    const rank = x.dims.length + axes.length;
    const set = new Set(axes.map((a) => axisOf(a, rank)));
    const dims: number[] = [];
    let j = 0;
    for (let i = 0; i < rank; i++) dims.push(set.has(i) ? 1 : x.dims[j++]!);
    return [reshaped(x, dims)];
  },
  Squeeze: (inputs, ctx) => {
    const x = need(inputs, 0);
    const axes = axesOf(inputs, ctx, 13);
    const set = new Set((axes ?? x.dims.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) => axisOf(a, x.dims.length)));
    return [
      reshaped(
        x,
        x.dims.filter((_, i) => !set.has(i)),
      ),
    ];
  },
  Shape: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const r = x.dims.length;
    const start = Math.max(0, Math.min(r, axisOf(attrs.int('start', 0), r)));
    const end = Math.max(0, Math.min(r, attrs.has('end') ? axisOf(attrs.int('end', r), r) : r));
    const dims = x.dims.slice(start, end);
    return [tensor(ElemType.INT64, [dims.length], dims)];
  },
  Size: (inputs) => [tensor(ElemType.INT64, [], [need(inputs, 0).data.length])],
  Slice: (inputs, ctx) => {
    const x = need(inputs, 0);
    if (ctx.opset < 10) {
      const starts = ctx.attrs.ints('starts') ?? [];
      return [slice(x, starts, ctx.attrs.ints('ends') ?? [], ctx.attrs.ints('axes') ?? starts.map((_, i) => i), [])];
    }
    const starts = Array.from(need(inputs, 1).data);
    const ends = Array.from(need(inputs, 2).data);
    const axes = inputs[3] ? Array.from(inputs[3].data) : starts.map((_, i) => i);
    return [slice(x, starts, ends, axes, inputs[4] ? Array.from(inputs[4].data) : [])];
  },
  Gather: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const indices = need(inputs, 1);
    const axis = axisOf(attrs.int('axis', 0), x.dims.length);
    const outer = sizeOf(x.dims.slice(0, axis));
    const d = x.dims[axis]!;
    const inner = sizeOf(x.dims.slice(axis + 1));
    const count = indices.data.length;
    const out = new Float64Array(outer * count * inner);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < count; i++) {
        let k = indices.data[i]!;
        if (k < 0) k += d;
        if (k < 0 || k >= d) throw new Error(`Gather: index ${indices.data[i]} is out of range [-${d}, ${d - 1}]`);
        out.set(x.data.subarray((o * d + k) * inner, (o * d + k + 1) * inner), (o * count + i) * inner);
      }
    }
    return [{ type: x.type, dims: [...x.dims.slice(0, axis), ...indices.dims, ...x.dims.slice(axis + 1)], data: out }];
  },
  Expand: (inputs) => {
    const x = need(inputs, 0);
    const dims = broadcastDims(x.dims, Array.from(need(inputs, 1).data));
    const idx = broadcastIndex(x.dims, dims);
    return [{ type: x.type, dims, data: idx ? Float64Array.from(idx, (i) => x.data[i]!) : x.data }];
  },
  Tile: (inputs) => {
    let x = need(inputs, 0);
    Array.from(need(inputs, 1).data).forEach((r, axis) => {
      if (r !== 1) x = concat(new Array<EvalTensor>(r).fill(x), axis);
    });
    return [x];
  },
  Range: (inputs) => {
    const [start, limit, delta] = [0, 1, 2].map((i) => need(inputs, i).data[0]!) as [number, number, number];
    const n = Math.max(0, Math.ceil((limit - start) / delta));
    return [
      tensor(
        need(inputs, 0).type,
        [n],
        Array.from({ length: n }, (_, i) => start + i * delta),
      ),
    ];
  },
  ConstantOfShape: (inputs, ctx) => {
    const dims = Array.from(need(inputs, 0).data);
    const value = ctx.attrs.tensor('value');
    const v = value ? fromTensorProto(value, ctx.modelDir) : tensor(ElemType.FLOAT, [1], [0]);
    return [{ type: v.type, dims, data: new Float64Array(sizeOf(dims)).fill(v.data[0] ?? 0) }];
  },
  Constant: (_inputs, ctx) => {
    const t = ctx.attrs.tensor('value');
    if (t) return [fromTensorProto(t, ctx.modelDir)];
    const f = ctx.attrs.floats('value_floats');
    if (f) return [tensor(ElemType.FLOAT, [f.length], f)];
    const i = ctx.attrs.ints('value_ints');
    if (i) return [tensor(ElemType.INT64, [i.length], i)];
    if (ctx.attrs.has('value_float')) return [tensor(ElemType.FLOAT, [], [ctx.attrs.float('value_float', 0)])];
    if (ctx.attrs.has('value_int')) return [tensor(ElemType.INT64, [], [ctx.attrs.int('value_int', 0)])];
    throw new Error('Constant: no value attribute this evaluator reads (sparse_value, value_string(s))');
  },
};
