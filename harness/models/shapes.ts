/**
 * Shape inference, parameter count and FLOPs of an architecture description, all from the
 * description alone (no runtime involved).
 *
 * FLOPs are 2 x MACs of one sample's forward pass: dense in*out MACs, conv2d Ho*Wo*out*in*kh*kw,
 * depthwise Ho*Wo*C*kh*kw. Bias adds, activations, pooling and residual adds are not counted
 * (the usual convention for model FLOPs; they are a small fraction of the MACs).
 */
import { UsageError } from '../errors.js';
import type { ArchDescription, LayerSpec } from '../arch.js';

/** Per-sample output shape and the cost of one layer (children included). */
export interface LayerStats {
  path: string;
  type: LayerSpec['type'];
  inDims: number[];
  outDims: number[];
  parameters: number;
  flops: number;
}

/** Shapes and costs of a whole description. */
export interface ArchStats {
  outputDims: number[];
  parameters: number;
  flopsPerSample: number;
  layers: LayerStats[];
}

/** Output size of a window op along one axis, TensorFlow `same` / `valid` rules. */
export function windowOut(inSize: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(inSize / stride) : Math.floor((inSize - kernel) / stride) + 1;
}

/** Begin and end padding of a window op along one axis (TensorFlow `same`: extra at the end). */
export function windowPads(
  inSize: number,
  kernel: number,
  stride: number,
  padding: 'same' | 'valid',
): [number, number] {
  if (padding === 'valid') return [0, 0];
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + kernel - inSize, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

function bad(where: string, what: string): UsageError {
  return new UsageError('E_BAD_MODEL', `${where}: ${what}`);
}

function positiveInt(where: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw bad(where, `${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

function walk(layers: LayerSpec[], inDims: number[], prefix: string, model: string, out: LayerStats[]): number[] {
  let dims = inDims;
  layers.forEach((layer, i) => {
    const path = prefix === '' ? String(i) : `${prefix}.${i}`;
    const where = `model ${model}, layer ${path} (${String((layer as { type?: unknown }).type)})`;
    const start = out.length;
    const next = layerOut(layer, dims, path, where, model, out);
    const own = out.slice(start);
    out.splice(start, 0, {
      path,
      type: layer.type,
      inDims: dims,
      outDims: next,
      parameters:
        ownParams(layer, dims, next) +
        own.reduce((s, l) => s + (l.path.split('.').length === path.split('.').length + 2 ? l.parameters : 0), 0),
      flops:
        ownFlops(layer, dims, next) +
        own.reduce((s, l) => s + (l.path.split('.').length === path.split('.').length + 2 ? l.flops : 0), 0),
    });
    dims = next;
  });
  return dims;
}

function needImage(where: string, dims: number[]): [number, number, number] {
  if (dims.length !== 3) throw bad(where, `expects a [C, H, W] input, got [${dims.join(', ')}]`);
  return [dims[0]!, dims[1]!, dims[2]!];
}

function layerOut(
  layer: LayerSpec,
  dims: number[],
  path: string,
  where: string,
  model: string,
  out: LayerStats[],
): number[] {
  switch (layer.type) {
    case 'dense': {
      positiveInt(where, 'units', layer.units);
      if (dims.length !== 1)
        throw bad(
          where,
          `expects a vector input, got [${dims.join(', ')}]; add a flatten or globalAvgPool layer before it`,
        );
      return [layer.units];
    }
    case 'conv2d':
    case 'depthwiseConv2d':
    case 'maxPool2d': {
      const [c, h, w] = needImage(where, dims);
      const k = positiveInt(
        where,
        layer.type === 'maxPool2d' ? 'size' : 'kernel',
        layer.type === 'maxPool2d' ? layer.size : layer.kernel,
      );
      const s = positiveInt(where, 'stride', layer.stride ?? (layer.type === 'maxPool2d' ? k : 1));
      const pad = layer.padding ?? (layer.type === 'maxPool2d' ? 'valid' : 'same');
      if (pad !== 'same' && pad !== 'valid')
        throw bad(where, `padding must be same or valid, got ${JSON.stringify(pad)}`);
      const ho = windowOut(h, k, s, pad);
      const wo = windowOut(w, k, s, pad);
      if (ho < 1 || wo < 1)
        throw bad(where, `input ${h}x${w} is smaller than the ${k}x${k} window; use a larger resolution`);
      const outC = layer.type === 'conv2d' ? positiveInt(where, 'filters', layer.filters) : c;
      return [outC, ho, wo];
    }
    case 'globalAvgPool':
      return [needImage(where, dims)[0]];
    case 'flatten': {
      if (layer.order !== undefined && layer.order !== 'chw' && layer.order !== 'hwc')
        throw bad(where, `order must be chw or hwc, got ${JSON.stringify(layer.order)}`);
      return [dims.reduce((a, b) => a * b, 1)];
    }
    case 'residual': {
      if (!Array.isArray(layer.body) || layer.body.length === 0)
        throw bad(where, 'body must be a non-empty list of layers');
      const body = walk(layer.body, dims, `${path}.body`, model, out);
      const short =
        layer.shortcut && layer.shortcut.length > 0 ? walk(layer.shortcut, dims, `${path}.shortcut`, model, out) : dims;
      if (body.join('x') !== short.join('x'))
        throw bad(
          where,
          `body gives [${body.join(', ')}] but the shortcut gives [${short.join(', ')}]; add a shortcut projection`,
        );
      return body;
    }
    default:
      throw bad(
        where,
        `unknown layer type; valid types: dense, conv2d, depthwiseConv2d, maxPool2d, globalAvgPool, flatten, residual`,
      );
  }
}

/** Number of weights of one layer (not counting children). */
function ownParams(layer: LayerSpec, inDims: number[], outDims: number[]): number {
  switch (layer.type) {
    case 'dense':
      return inDims[0]! * layer.units + layer.units;
    case 'conv2d':
      return layer.kernel * layer.kernel * inDims[0]! * layer.filters + layer.filters;
    case 'depthwiseConv2d':
      return layer.kernel * layer.kernel * inDims[0]! + outDims[0]!;
    default:
      return 0;
  }
}

/** 2 x MACs of one layer (not counting children). */
function ownFlops(layer: LayerSpec, inDims: number[], outDims: number[]): number {
  switch (layer.type) {
    case 'dense':
      return 2 * inDims[0]! * layer.units;
    case 'conv2d':
      return 2 * outDims[1]! * outDims[2]! * layer.filters * inDims[0]! * layer.kernel * layer.kernel;
    case 'depthwiseConv2d':
      return 2 * outDims[1]! * outDims[2]! * inDims[0]! * layer.kernel * layer.kernel;
    default:
      return 0;
  }
}

/**
 * Validates a description's shapes and counts its parameters and FLOPs. Throws UsageError
 * E_BAD_MODEL naming the model and the layer path at fault.
 */
export function archStats(desc: ArchDescription): ArchStats {
  const layers: LayerStats[] = [];
  const outputDims = walk(desc.layers, desc.input.dims, '', desc.name, layers);
  const top = layers.filter((l) => !l.path.includes('.'));
  return {
    outputDims,
    parameters: top.reduce((s, l) => s + l.parameters, 0),
    flopsPerSample: top.reduce((s, l) => s + l.flops, 0),
    layers,
  };
}
