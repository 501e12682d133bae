/**
 * Materialises the weights of a description: explicit values where a layer gives them, seeded
 * values otherwise. Seeded weights depend only on (description seed, layer path), so adding a
 * layer elsewhere never changes the weights of the others.
 *
 * Initialisation: kernels uniform in +-sqrt(6 / fanIn) (He) before relu, +-sqrt(6 / (fanIn +
 * fanOut)) (Glorot) otherwise; biases uniform in +-0.05 so the bias path is exercised by parity.
 */
import { UsageError } from '../errors.js';
import {
  isParametric,
  type ArchDescription,
  type LayerSpec,
  type ResolvedArch,
  type ResolvedWeights,
  type WeightData,
} from '../arch.js';
import { createRng, deriveSeed, type Rng } from '../measure/random.js';
import { archStats, type ArchStats } from './shapes.js';

/** Encodes a float32 tensor as compact WeightData (base64 of little-endian float32 bytes). */
export function encodeWeight(data: Float32Array, dims: number[]): WeightData {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return { dims: [...dims], base64: bytes.toString('base64') };
}

/** Decodes WeightData into a Float32Array; `where` names the model and layer for errors. */
export function decodeWeight(w: WeightData, where: string): Float32Array {
  if ('base64' in w && typeof w.base64 === 'string') {
    const buf = Buffer.from(w.base64, 'base64');
    if (buf.byteLength % 4 !== 0)
      throw new UsageError(
        'E_BAD_MODEL',
        `${where}: base64 weights are ${buf.byteLength} bytes, not a whole number of float32 values`,
      );
    const out = new Float32Array(buf.byteLength / 4);
    new Uint8Array(out.buffer).set(buf);
    return out;
  }
  if ('data' in w && Array.isArray(w.data)) return Float32Array.from(w.data);
  throw new UsageError('E_BAD_MODEL', `${where}: weights need {dims, data: number[]} or {dims, base64}`);
}

/** Kernel dims (tfjs layout) and fan-in/fan-out of a parametric layer given its input dims. */
function kernelShape(
  layer: LayerSpec,
  inDims: number[],
): { dims: number[]; fanIn: number; fanOut: number; biasSize: number } {
  switch (layer.type) {
    case 'dense':
      return { dims: [inDims[0]!, layer.units], fanIn: inDims[0]!, fanOut: layer.units, biasSize: layer.units };
    case 'conv2d': {
      const k = layer.kernel;
      return {
        dims: [k, k, inDims[0]!, layer.filters],
        fanIn: k * k * inDims[0]!,
        fanOut: k * k * layer.filters,
        biasSize: layer.filters,
      };
    }
    case 'depthwiseConv2d': {
      const k = layer.kernel;
      return { dims: [k, k, inDims[0]!, 1], fanIn: k * k, fanOut: k * k, biasSize: inDims[0]! };
    }
    default:
      throw new Error(`layer type ${layer.type} has no weights`);
  }
}

function sameDims(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function collect(layers: LayerSpec[], prefix: string, out: Array<{ path: string; layer: LayerSpec }>): void {
  layers.forEach((layer, i) => {
    const path = prefix === '' ? String(i) : `${prefix}.${i}`;
    out.push({ path, layer });
    if (layer.type === 'residual') {
      collect(layer.body, `${path}.body`, out);
      if (layer.shortcut) collect(layer.shortcut, `${path}.shortcut`, out);
    }
  });
}

/**
 * Validates a description and materialises all its weights. Throws UsageError E_BAD_MODEL
 * naming the model and layer when shapes or explicit weights do not fit.
 */
export function resolveArch(desc: ArchDescription): { arch: ResolvedArch; stats: ArchStats } {
  const stats = archStats(desc);
  const inDimsByPath = new Map(stats.layers.map((l) => [l.path, l.inDims]));
  const all: Array<{ path: string; layer: LayerSpec }> = [];
  collect(desc.layers, '', all);
  const weights = new Map<string, ResolvedWeights>();
  for (const { path, layer } of all) {
    if (!isParametric(layer)) continue;
    const where = `model ${desc.name}, layer ${path} (${layer.type})`;
    const shape = kernelShape(layer, inDimsByPath.get(path)!);
    if (layer.weights) {
      const kernel = decodeWeight(layer.weights.kernel, `${where} kernel`);
      const bias = decodeWeight(layer.weights.bias, `${where} bias`);
      const kernelCount = shape.dims.reduce((a, b) => a * b, 1);
      if (!sameDims(layer.weights.kernel.dims, shape.dims) || kernel.length !== kernelCount) {
        throw new UsageError(
          'E_BAD_MODEL',
          `${where}: kernel must have dims [${shape.dims.join(', ')}] (${kernelCount} values), got dims [${layer.weights.kernel.dims.join(', ')}] with ${kernel.length} values`,
        );
      }
      if (bias.length !== shape.biasSize) {
        throw new UsageError('E_BAD_MODEL', `${where}: bias must have ${shape.biasSize} values, got ${bias.length}`);
      }
      weights.set(path, { kernel, kernelDims: shape.dims, bias });
      continue;
    }
    const rand = createRng(deriveSeed(desc.seed, path));
    const relu = (layer.activation ?? 'none') === 'relu';
    const limit = Math.sqrt(6 / (relu ? shape.fanIn : shape.fanIn + shape.fanOut));
    const kernel = uniformArray(
      shape.dims.reduce((a, b) => a * b, 1),
      limit,
      rand,
    );
    const bias = uniformArray(shape.biasSize, 0.05, rand);
    weights.set(path, { kernel, kernelDims: shape.dims, bias });
  }
  return { arch: { description: desc, weights }, stats };
}

/**
 * Returns a copy of the description with every weight written explicitly (base64), e.g. to save
 * a trained or seeded model as a `{kind:'trained'}` file.
 */
export function withExplicitWeights(arch: ResolvedArch): ArchDescription {
  const copy = (layers: LayerSpec[], prefix: string): LayerSpec[] =>
    layers.map((layer, i) => {
      const path = prefix === '' ? String(i) : `${prefix}.${i}`;
      if (layer.type === 'residual') {
        return {
          ...layer,
          body: copy(layer.body, `${path}.body`),
          ...(layer.shortcut ? { shortcut: copy(layer.shortcut, `${path}.shortcut`) } : {}),
        };
      }
      const w = arch.weights.get(path);
      if (!w) return { ...layer };
      return {
        ...layer,
        weights: { kernel: encodeWeight(w.kernel, w.kernelDims), bias: encodeWeight(w.bias, [w.bias.length]) },
      };
    });
  return { ...arch.description, layers: copy(arch.description.layers, '') };
}

/** `n` uniform floats in [-limit, limit). */
export function uniformArray(n: number, limit: number, rand: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * limit;
  return out;
}
