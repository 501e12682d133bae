/**
 * The independent parity reference of zoo and trained models: their forward pass computed in
 * float64, in plain JS, straight from the architecture description (ResolvedArch), with no
 * runtime involved. Every runtime, ort-node:cpu included, is compared to it, so no runtime is
 * ever checked against itself.
 *
 * Semantics are the description's (models/arch.ts): NCHW inputs, tfjs weight layouts (dense
 * [in, out], conv [kh, kw, in, out], depthwise [kh, kw, C, 1]), TensorFlow `same` padding with the
 * extra at the end (shapes.ts windowPads), max pooling ignoring padded cells, flatten in `chw` or
 * `hwc` order, softmax over the last axis. The weights are the float32 values every runtime gets,
 * widened to float64, so the only differences left are the runtimes' own rounding.
 *
 * Written by hand because it must share no code with any runtime: its value is independence, and
 * its naive loops are fast enough for the one parity query a job checks. Pure: no I/O.
 */
import type { Feeds, Tensor } from '../types.js';
import type { Activation, LayerSpec, ResolvedArch, ResolvedWeights } from '../arch.js';
import { windowPads } from './shapes.js';

/** The reference id a job's parity records for this forward pass. */
export const FLOAT64_REFERENCE_ID = 'float64 (architecture description)';

/** One sample's activations: `dims` is [C, H, W] or [features]. */
interface Act {
  dims: number[];
  data: Float64Array;
}

/** Applies an activation; softmax runs over the last axis of `dims` (ONNX Softmax axis -1). */
function activate(x: Float64Array, act: Activation | undefined, dims: number[]): Float64Array {
  switch (act ?? 'none') {
    case 'none':
      return x;
    case 'relu':
      return x.map((v) => (v > 0 ? v : 0));
    case 'sigmoid':
      return x.map((v) => 1 / (1 + Math.exp(-v)));
    case 'softmax': {
      const n = dims[dims.length - 1]!;
      const out = new Float64Array(x.length);
      for (let start = 0; start < x.length; start += n) {
        let max = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < n; k++) max = Math.max(max, x[start + k]!);
        let sum = 0;
        for (let k = 0; k < n; k++) sum += out[start + k] = Math.exp(x[start + k]! - max);
        for (let k = 0; k < n; k++) out[start + k]! /= sum;
      }
      return out;
    }
  }
}

function dense(x: Act, w: ResolvedWeights, units: number): Act {
  const inSize = x.data.length;
  const out = new Float64Array(units);
  for (let o = 0; o < units; o++) {
    let sum = w.bias[o]!;
    for (let i = 0; i < inSize; i++) sum += x.data[i]! * w.kernel[i * units + o]!;
    out[o] = sum;
  }
  return { dims: [units], data: out };
}

/** conv2d (groups = 1) or depthwise (one filter per channel), TensorFlow padding. */
function conv(x: Act, w: ResolvedWeights, stride: number, padding: 'same' | 'valid', depthwise: boolean): Act {
  const [c, h, wd] = x.dims as [number, number, number];
  const [kh, kw, cin, cout] = w.kernelDims as [number, number, number, number];
  const outC = depthwise ? c : cout;
  const [pt] = windowPads(h, kh, stride, padding);
  const [pl] = windowPads(wd, kw, stride, padding);
  const ho = padding === 'same' ? Math.ceil(h / stride) : Math.floor((h - kh) / stride) + 1;
  const wo = padding === 'same' ? Math.ceil(wd / stride) : Math.floor((wd - kw) / stride) + 1;
  const out = new Float64Array(outC * ho * wo);
  for (let oc = 0; oc < outC; oc++) {
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        let sum = w.bias[oc]!;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * stride + ky - pt;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * stride + kx - pl;
            if (ix < 0 || ix >= wd) continue;
            if (depthwise) {
              sum += x.data[(oc * h + iy) * wd + ix]! * w.kernel[(ky * kw + kx) * cin + oc]!;
            } else {
              for (let ic = 0; ic < cin; ic++)
                sum += x.data[(ic * h + iy) * wd + ix]! * w.kernel[((ky * kw + kx) * cin + ic) * cout + oc]!;
            }
          }
        }
        out[(oc * ho + oy) * wo + ox] = sum;
      }
    }
  }
  return { dims: [outC, ho, wo], data: out };
}

function maxPool(x: Act, size: number, stride: number, padding: 'same' | 'valid'): Act {
  const [c, h, wd] = x.dims as [number, number, number];
  const [pt] = windowPads(h, size, stride, padding);
  const [pl] = windowPads(wd, size, stride, padding);
  const ho = padding === 'same' ? Math.ceil(h / stride) : Math.floor((h - size) / stride) + 1;
  const wo = padding === 'same' ? Math.ceil(wd / stride) : Math.floor((wd - size) / stride) + 1;
  const out = new Float64Array(c * ho * wo);
  for (let ch = 0; ch < c; ch++) {
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        let m = Number.NEGATIVE_INFINITY;
        for (let ky = 0; ky < size; ky++) {
          const iy = oy * stride + ky - pt;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < size; kx++) {
            const ix = ox * stride + kx - pl;
            if (ix >= 0 && ix < wd) m = Math.max(m, x.data[(ch * h + iy) * wd + ix]!);
          }
        }
        out[(ch * ho + oy) * wo + ox] = m;
      }
    }
  }
  return { dims: [c, ho, wo], data: out };
}

function globalAvgPool(x: Act): Act {
  const [c, h, w] = x.dims as [number, number, number];
  const out = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let i = 0; i < h * w; i++) sum += x.data[ch * h * w + i]!;
    out[ch] = sum / (h * w);
  }
  return { dims: [c], data: out };
}

function flatten(x: Act, order: 'chw' | 'hwc'): Act {
  if (x.dims.length !== 3 || order === 'chw') return { dims: [x.data.length], data: x.data };
  const [c, h, w] = x.dims as [number, number, number];
  const out = new Float64Array(x.data.length);
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++) out[(y * w + xx) * c + ch] = x.data[(ch * h + y) * w + xx]!;
  return { dims: [out.length], data: out };
}

function forward(layers: LayerSpec[], input: Act, prefix: string, weights: Map<string, ResolvedWeights>): Act {
  let x = input;
  layers.forEach((layer, i) => {
    const path = prefix === '' ? String(i) : `${prefix}.${i}`;
    const w = () => {
      const found = weights.get(path);
      if (!found) throw new Error(`float64 reference: no weights for layer ${path}`);
      return found;
    };
    switch (layer.type) {
      case 'dense': {
        const y = dense(x, w(), layer.units);
        x = { dims: y.dims, data: activate(y.data, layer.activation, y.dims) };
        break;
      }
      case 'conv2d':
      case 'depthwiseConv2d': {
        const y = conv(x, w(), layer.stride ?? 1, layer.padding ?? 'same', layer.type === 'depthwiseConv2d');
        x = { dims: y.dims, data: activate(y.data, layer.activation, y.dims) };
        break;
      }
      case 'maxPool2d':
        x = maxPool(x, layer.size, layer.stride ?? layer.size, layer.padding ?? 'valid');
        break;
      case 'globalAvgPool':
        x = globalAvgPool(x);
        break;
      case 'flatten':
        x = flatten(x, layer.order ?? 'chw');
        break;
      case 'residual': {
        const body = forward(layer.body, x, `${path}.body`, weights);
        const short =
          layer.shortcut && layer.shortcut.length > 0 ? forward(layer.shortcut, x, `${path}.shortcut`, weights) : x;
        const sum = body.data.map((v, k) => v + short.data[k]!);
        x = { dims: body.dims, data: activate(sum, layer.activation, body.dims) };
        break;
      }
    }
  });
  return x;
}

/**
 * Runs the description on `feeds` (its one input, `[batch, ...input.dims]`, any numeric dtype)
 * and returns its one output as float64, `[batch, ...outputDims]`. Throws when the input is
 * missing or its size does not match.
 */
export function float64Forward(arch: ResolvedArch, feeds: Feeds): Feeds {
  const desc = arch.description;
  const input: Tensor | undefined = feeds[desc.input.name];
  if (!input)
    throw new Error(`float64 reference: input "${desc.input.name}" is missing (got ${Object.keys(feeds).join(', ')})`);
  const sampleSize = desc.input.dims.reduce((a, b) => a * b, 1);
  const batch = input.dims[0] ?? 1;
  if (input.data.length !== batch * sampleSize)
    throw new Error(
      `float64 reference: input "${desc.input.name}" has ${input.data.length} values, expected ${batch} x ${sampleSize}`,
    );
  const outputs: Act[] = [];
  for (let b = 0; b < batch; b++) {
    const data = Float64Array.from({ length: sampleSize }, (_, k) => Number(input.data[b * sampleSize + k]!));
    outputs.push(forward(desc.layers, { dims: [...desc.input.dims], data }, '', arch.weights));
  }
  const outDims = outputs[0]!.dims;
  const size = outputs[0]!.data.length;
  const data = new Float64Array(batch * size);
  outputs.forEach((o, b) => data.set(o.data, b * size));
  return { [desc.output.name]: { dtype: 'float64', dims: [batch, ...outDims], data } };
}
