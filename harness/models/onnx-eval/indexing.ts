/**
 * Ops that index along one axis: GatherElements, CumSum (exclusive, reverse), Trilu, Pad
 * (constant, reflect, edge; pads an attribute before opset 11, an input from 11) and TopK
 * (largest or smallest, sorted, values then int64 indices; ties keep the lower index).
 */
import { need, type Kernel } from './kernel.js';
import { axisOf, ElemType, sizeOf, stridesOf, type EvalTensor } from './tensor.js';

/** Calls `fn(offset, length, stride)` for each 1-D line of `dims` along `axis`. */
function lines(dims: number[], axis: number, fn: (offset: number, length: number, stride: number) => void): void {
  const d = dims[axis]!;
  const inner = sizeOf(dims.slice(axis + 1));
  const outer = sizeOf(dims.slice(0, axis));
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) fn(o * d * inner + i, d, inner);
}

function pad(x: EvalTensor, pads: number[], mode: string, value: number, axes: number[]): EvalTensor {
  const rank = x.dims.length;
  const before = new Array<number>(rank).fill(0);
  const after = new Array<number>(rank).fill(0);
  axes.forEach((a, i) => {
    before[axisOf(a, rank)] = pads[i]!;
    after[axisOf(a, rank)] = pads[i + axes.length]!;
  });
  const dims = x.dims.map((d, i) => d + before[i]! + after[i]!);
  const inStrides = stridesOf(x.dims);
  const outStrides = stridesOf(dims);
  const out = new Float64Array(sizeOf(dims));
  for (let o = 0; o < out.length; o++) {
    let rem = o;
    let src = 0;
    let outside = false;
    for (let a = 0; a < rank; a++) {
      const c = Math.floor(rem / outStrides[a]!);
      rem -= c * outStrides[a]!;
      let i = c - before[a]!;
      const d = x.dims[a]!;
      if (i < 0 || i >= d) {
        if (mode === 'edge') i = Math.min(d - 1, Math.max(0, i));
        else if (mode === 'reflect') {
          const period = 2 * (d - 1) || 1;
          i = Math.abs(((i % period) + period) % period);
          if (i >= d) i = period - i;
        } else {
          outside = true;
          break;
        }
      }
      src += i * inStrides[a]!;
    }
    out[o] = outside ? value : x.data[src]!;
  }
  return { type: x.type, dims, data: out };
}

export const INDEXING: Record<string, Kernel> = {
  GatherElements: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const idx = need(inputs, 1);
    const axis = axisOf(attrs.int('axis', 0), x.dims.length);
    const xs = stridesOf(x.dims);
    const is = stridesOf(idx.dims);
    const out = new Float64Array(idx.data.length);
    for (let e = 0; e < out.length; e++) {
      let rem = e;
      let src = 0;
      for (let a = 0; a < idx.dims.length; a++) {
        const c = Math.floor(rem / is[a]!);
        rem -= c * is[a]!;
        const k = a === axis ? (idx.data[e]! < 0 ? idx.data[e]! + x.dims[a]! : idx.data[e]!) : c;
        src += k * xs[a]!;
      }
      out[e] = x.data[src]!;
    }
    return [{ type: x.type, dims: [...idx.dims], data: out }];
  },
  CumSum: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const axis = axisOf(need(inputs, 1).data[0]!, x.dims.length);
    const exclusive = attrs.int('exclusive', 0) === 1;
    const reverse = attrs.int('reverse', 0) === 1;
    const out = new Float64Array(x.data.length);
    lines(x.dims, axis, (off, len, stride) => {
      let s = 0;
      for (let j = 0; j < len; j++) {
        const k = off + (reverse ? len - 1 - j : j) * stride;
        if (exclusive) {
          out[k] = s;
          s += x.data[k]!;
        } else {
          s += x.data[k]!;
          out[k] = s;
        }
      }
    });
    return [{ type: x.type, dims: [...x.dims], data: out }];
  },
  Trilu: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const k = inputs[1] ? inputs[1].data[0]! : 0;
    const upper = attrs.int('upper', 1) === 1;
    const [rows, cols] = x.dims.slice(-2) as [number, number];
    return [
      {
        type: x.type,
        dims: [...x.dims],
        data: x.data.map((v, e) => {
          const j = e % cols;
          const i = Math.floor(e / cols) % rows;
          return (upper ? j - i >= k : j - i <= k) ? v : 0;
        }),
      },
    ];
  },
  Pad: (inputs, ctx) => {
    const x = need(inputs, 0);
    const mode = ctx.attrs.string('mode', 'constant');
    if (ctx.opset < 11) {
      const pads = ctx.attrs.ints('pads') ?? [];
      return [
        pad(
          x,
          pads,
          mode,
          ctx.attrs.float('value', 0),
          x.dims.map((_, i) => i),
        ),
      ];
    }
    const pads = Array.from(need(inputs, 1).data);
    const axes = inputs[3] ? Array.from(inputs[3].data) : x.dims.map((_, i) => i);
    return [pad(x, pads, mode, inputs[2]?.data[0] ?? 0, axes)];
  },
  TopK: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const k = need(inputs, 1).data[0]!;
    const axis = axisOf(attrs.int('axis', -1), x.dims.length);
    const largest = attrs.int('largest', 1) === 1;
    const dims = x.dims.map((d, i) => (i === axis ? k : d));
    const values = new Float64Array(sizeOf(dims));
    const indices = new Float64Array(values.length);
    const inner = sizeOf(x.dims.slice(axis + 1));
    lines(x.dims, axis, (off, len, stride) => {
      const order = Array.from({ length: len }, (_, j) => j).sort((a, b) => {
        const va = x.data[off + a * stride]!;
        const vb = x.data[off + b * stride]!;
        return va === vb ? a - b : largest ? vb - va : va - vb;
      });
      // The line's offset in the output: same outer and inner position, axis length k.
      const outOff = Math.floor(off / (len * inner)) * k * inner + (off % inner);
      for (let j = 0; j < k; j++) {
        values[outOff + j * stride] = x.data[off + order[j]! * stride]!;
        indices[outOff + j * stride] = order[j]!;
      }
    });
    return [
      { type: x.type, dims, data: values },
      { type: ElemType.INT64, dims, data: indices },
    ];
  },
};
