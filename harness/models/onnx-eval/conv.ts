/**
 * Convolution and pooling over 1-D and 2-D spatial dims, NCHW (ONNX Conv, MaxPool, AveragePool,
 * GlobalAveragePool, GlobalMaxPool, ConvInteger): group, strides, dilations, explicit pads or
 * auto_pad SAME_UPPER/SAME_LOWER/VALID, ceil_mode, count_include_pad. 1-D is computed as 2-D with
 * a height of 1. Sums are float64.
 */
import type { Attrs } from './kernel.js';
import { need, type Kernel } from './kernel.js';
import { ElemType, sizeOf, type EvalTensor } from './tensor.js';

interface Window {
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  top: number;
  left: number;
  oh: number;
  ow: number;
}

/** Output size and padding of a window over [h, w] (ONNX Conv/Pool shape inference). */
function windowOf(attrs: Attrs, h: number, w: number, kernel: number[], oneD: boolean): Window {
  const pick = (v: number[] | undefined, fallback: number) =>
    oneD ? [1, v?.[0] ?? fallback] : [v?.[0] ?? fallback, v?.[1] ?? fallback];
  const [kh, kw] = oneD ? [1, kernel[0]!] : [kernel[0]!, kernel[1]!];
  const [sh, sw] = pick(attrs.ints('strides'), 1) as [number, number];
  const [dh, dw] = pick(attrs.ints('dilations'), 1) as [number, number];
  const pads = attrs.ints('pads');
  let [top, left, bottom, right] = oneD
    ? [0, pads?.[0] ?? 0, 0, pads?.[1] ?? 0]
    : [pads?.[0] ?? 0, pads?.[1] ?? 0, pads?.[2] ?? 0, pads?.[3] ?? 0];
  const autoPad = attrs.string('auto_pad', 'NOTSET');
  const ceil = attrs.int('ceil_mode', 0) === 1;
  const span = (k: number, d: number) => (k - 1) * d + 1;
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const total = (size: number, s: number, k: number, d: number) =>
      Math.max(0, (Math.ceil(size / s) - 1) * s + span(k, d) - size);
    const th = total(h, sh, kh, dh);
    const tw = total(w, sw, kw, dw);
    const lower = autoPad === 'SAME_LOWER';
    top = lower ? Math.ceil(th / 2) : Math.floor(th / 2);
    bottom = th - top;
    left = lower ? Math.ceil(tw / 2) : Math.floor(tw / 2);
    right = tw - left;
  } else if (autoPad === 'VALID') {
    top = left = bottom = right = 0;
  }
  const out = (size: number, lo: number, hi: number, k: number, s: number, d: number) => {
    const q = (size + lo + hi - span(k, d)) / s;
    let o = (ceil ? Math.ceil(q) : Math.floor(q)) + 1;
    // With ceil_mode, a last window that starts inside the right padding is dropped.
    if (ceil && (o - 1) * s >= size + lo) o--;
    return o;
  };
  return {
    kh,
    kw,
    sh,
    sw,
    dh,
    dw,
    top,
    left,
    oh: out(h, top, bottom, kh, sh, dh),
    ow: out(w, left, right, kw, sw, dw),
  };
}

/** Throws for spatial ranks other than 1 and 2 (3-D volumes are not evaluated). */
function assertSpatial(op: string, x: EvalTensor): void {
  if (x.dims.length !== 3 && x.dims.length !== 4)
    throw new Error(`${op} over ${x.dims.length - 2} spatial dims is not evaluated (1-D and 2-D are)`);
}

function conv(
  x: EvalTensor,
  wt: EvalTensor,
  bias: ArrayLike<number> | undefined,
  attrs: Attrs,
  type: number,
  xZero = 0,
  wZero = 0,
): EvalTensor {
  assertSpatial('Conv', x);
  const oneD = x.dims.length === 3;
  const [n, c, h, w] = oneD ? [x.dims[0]!, x.dims[1]!, 1, x.dims[2]!] : (x.dims as [number, number, number, number]);
  const m = wt.dims[0]!;
  const group = attrs.int('group', 1);
  const cg = c / group;
  const win = windowOf(attrs, h, w, attrs.ints('kernel_shape') ?? wt.dims.slice(2), oneD);
  const out = new Float64Array(n * m * win.oh * win.ow);
  const mg = m / group;
  // im2col: per image and group, cols [cg * kh * kw, oh * ow] (zeros where the window leaves the
  // image), then out[f] = W[f] . cols, accumulated row by row in float64.
  const spatial = win.oh * win.ow;
  const depth = cg * win.kh * win.kw;
  const cols = new Float64Array(depth * spatial);
  for (let b = 0; b < n; b++)
    for (let g = 0; g < group; g++) {
      cols.fill(0);
      for (let ci = 0; ci < cg; ci++) {
        const plane = (b * c + g * cg + ci) * h;
        for (let ky = 0; ky < win.kh; ky++)
          for (let kx = 0; kx < win.kw; kx++) {
            const row = ((ci * win.kh + ky) * win.kw + kx) * spatial;
            for (let oy = 0; oy < win.oh; oy++) {
              const iy = oy * win.sh - win.top + ky * win.dh;
              if (iy < 0 || iy >= h) continue;
              for (let ox = 0; ox < win.ow; ox++) {
                const ix = ox * win.sw - win.left + kx * win.dw;
                if (ix >= 0 && ix < w) cols[row + oy * win.ow + ox] = x.data[(plane + iy) * w + ix]! - xZero;
              }
            }
          }
      }
      for (let fo = 0; fo < mg; fo++) {
        const f = g * mg + fo;
        const o = (b * m + f) * spatial;
        if (bias) out.fill(bias[f]!, o, o + spatial);
        for (let q = 0; q < depth; q++) {
          const wv = wt.data[f * depth + q]! - wZero;
          if (wv === 0) continue;
          const row = q * spatial;
          for (let j = 0; j < spatial; j++) out[o + j]! += wv * cols[row + j]!;
        }
      }
    }
  return { type, dims: oneD ? [n, m, win.ow] : [n, m, win.oh, win.ow], data: out };
}

function pool(kind: 'max' | 'avg'): Kernel {
  return (inputs, { attrs }) => {
    const x = need(inputs, 0);
    assertSpatial(kind === 'max' ? 'MaxPool' : 'AveragePool', x);
    const oneD = x.dims.length === 3;
    const [n, c, h, w] = oneD ? [x.dims[0]!, x.dims[1]!, 1, x.dims[2]!] : (x.dims as [number, number, number, number]);
    const win = windowOf(attrs, h, w, attrs.ints('kernel_shape') ?? [], oneD);
    const includePad = attrs.int('count_include_pad', 0) === 1;
    const out = new Float64Array(n * c * win.oh * win.ow);
    for (let p = 0; p < n * c; p++)
      for (let oy = 0; oy < win.oh; oy++)
        for (let ox = 0; ox < win.ow; ox++) {
          let acc = kind === 'max' ? -Infinity : 0;
          let count = 0;
          let padded = 0;
          for (let ky = 0; ky < win.kh; ky++)
            for (let kx = 0; kx < win.kw; kx++) {
              const iy = oy * win.sh - win.top + ky * win.dh;
              const ix = ox * win.sw - win.left + kx * win.dw;
              // count_include_pad counts the pads, never the part of a ceil_mode window past them.
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                if (iy < h + win.top && ix < w + win.left) padded++;
                continue;
              }
              const v = x.data[(p * h + iy) * w + ix]!;
              acc = kind === 'max' ? Math.max(acc, v) : acc + v;
              count++;
            }
          out[(p * win.oh + oy) * win.ow + ox] = kind === 'max' ? acc : acc / (includePad ? count + padded : count);
        }
    return [{ type: x.type, dims: oneD ? [n, c, win.ow] : [n, c, win.oh, win.ow], data: out }];
  };
}

function globalPool(kind: 'max' | 'avg'): Kernel {
  return (inputs) => {
    const x = need(inputs, 0);
    const inner = sizeOf(x.dims.slice(2));
    const out = new Float64Array(x.dims[0]! * x.dims[1]!);
    for (let p = 0; p < out.length; p++) {
      const v = x.data.subarray(p * inner, (p + 1) * inner);
      out[p] = kind === 'max' ? Math.max(...v) : v.reduce((a, b) => a + b, 0) / inner;
    }
    return [{ type: x.type, dims: [x.dims[0]!, x.dims[1]!, ...x.dims.slice(2).map(() => 1)], data: out }];
  };
}

/**
 * ConvTranspose (1-D, 2-D): each input element scatters x * w over its kernel window; output
 * size (in - 1) * stride + (k - 1) * dilation + 1 - pads + output_padding, or `output_shape`
 * with the padding split as the spec says (SAME_UPPER: the odd one at the end, else at the start).
 */
function convTranspose(x: EvalTensor, wt: EvalTensor, bias: ArrayLike<number> | undefined, attrs: Attrs): EvalTensor {
  assertSpatial('ConvTranspose', x);
  const oneD = x.dims.length === 3;
  const [n, c, h, w] = oneD ? [x.dims[0]!, x.dims[1]!, 1, x.dims[2]!] : (x.dims as [number, number, number, number]);
  const group = attrs.int('group', 1);
  const mg = wt.dims[1]!;
  const m = mg * group;
  const cg = c / group;
  const two = (v: number[] | undefined, fallback: number) =>
    oneD ? [fallback === 0 ? 0 : 1, v?.[0] ?? fallback] : [v?.[0] ?? fallback, v?.[1] ?? fallback];
  const [kh, kw] = oneD ? [1, wt.dims[2]!] : [wt.dims[2]!, wt.dims[3]!];
  const [sh, sw] = two(attrs.ints('strides'), 1) as [number, number];
  const [dh, dw] = two(attrs.ints('dilations'), 1) as [number, number];
  const [ph, pw] = two(attrs.ints('output_padding'), 0) as [number, number];
  const pads = attrs.ints('pads');
  let [top, left, bottom, right] = oneD
    ? [0, pads?.[0] ?? 0, 0, pads?.[1] ?? 0]
    : [pads?.[0] ?? 0, pads?.[1] ?? 0, pads?.[2] ?? 0, pads?.[3] ?? 0];
  const full = (size: number, s: number, k: number, d: number, op: number) => (size - 1) * s + (k - 1) * d + 1 + op;
  const shape = attrs.ints('output_shape');
  const autoPad = attrs.string('auto_pad', 'NOTSET');
  if (shape || autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const [th, tw] = shape
      ? ((oneD ? [1, shape[shape.length - 1]!] : shape.slice(-2)) as [number, number])
      : [h * sh, w * sw];
    // The spec: SAME_UPPER puts the odd pad at the end, otherwise (SAME_LOWER, or output_shape alone) at the start.
    const split = (total: number) =>
      autoPad === 'SAME_UPPER'
        ? [Math.floor(total / 2), Math.ceil(total / 2)]
        : [Math.ceil(total / 2), Math.floor(total / 2)];
    [top, bottom] = split(full(h, sh, kh, dh, ph) - th);
    [left, right] = split(full(w, sw, kw, dw, pw) - tw);
  }
  const oh = full(h, sh, kh, dh, ph) - top - bottom;
  const ow = full(w, sw, kw, dw, pw) - left - right;
  const out = new Float64Array(n * m * oh * ow);
  for (let b = 0; b < n; b++)
    for (let ci = 0; ci < c; ci++) {
      const g = Math.floor(ci / cg);
      for (let iy = 0; iy < h; iy++)
        for (let ix = 0; ix < w; ix++) {
          const v = x.data[((b * c + ci) * h + iy) * w + ix]!;
          for (let fo = 0; fo < mg; fo++)
            for (let ky = 0; ky < kh; ky++) {
              const oy = iy * sh + ky * dh - top;
              if (oy < 0 || oy >= oh) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ox = ix * sw + kx * dw - left;
                if (ox < 0 || ox >= ow) continue;
                out[((b * m + g * mg + fo) * oh + oy) * ow + ox]! += v * wt.data[((ci * mg + fo) * kh + ky) * kw + kx]!;
              }
            }
        }
    }
  if (bias) for (let i = 0; i < out.length; i++) out[i]! += bias[Math.floor(i / (oh * ow)) % m]!;
  return { type: x.type, dims: oneD ? [n, m, ow] : [n, m, oh, ow], data: out };
}

export const CONV: Record<string, Kernel> = {
  ConvTranspose: (inputs, { attrs }) => [convTranspose(need(inputs, 0), need(inputs, 1), inputs[2]?.data, attrs)],
  Conv: (inputs, { attrs }) => {
    const x = need(inputs, 0);
    return [conv(x, need(inputs, 1), inputs[2]?.data, attrs, x.type)];
  },
  ConvInteger: (inputs, { attrs }) => [
    conv(
      need(inputs, 0),
      need(inputs, 1),
      undefined,
      attrs,
      ElemType.INT32,
      inputs[2]?.data[0] ?? 0,
      inputs[3]?.data[0] ?? 0,
    ),
  ],
  MaxPool: pool('max'),
  AveragePool: pool('avg'),
  GlobalAveragePool: globalPool('avg'),
  GlobalMaxPool: globalPool('max'),
};
