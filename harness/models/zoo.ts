/**
 * The model zoo: architecture factories that turn `(params, seed)` into an ArchDescription.
 * Every arch takes its size from `width`, `depth` and `resolution` where they make sense, so a
 * suite can scale the same family from a CI-sized toy to the published size (defaults).
 */
import { UsageError } from '../errors.js';
import { TRANSFORMER_ARCHS } from './transformer/config.js';
import { ARCH_FORMAT, ARCH_VERSION, type ArchDescription, type LayerSpec } from '../arch.js';

export type ZooParams = Record<string, number | string | boolean>;

/** One zoo architecture: its known params with defaults, and the factory. */
export interface ZooArch {
  id: string;
  description: string;
  defaults: Record<string, number>;
  build(p: Record<string, number>): { input: number[]; layers: LayerSpec[] };
}

const MOBILENET_V1: Array<[number, number]> = [
  // [output channels at width 32, stride] of MobileNet v1's 13 depthwise-separable blocks
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

function dwSeparable(channels: number, stride: number): LayerSpec[] {
  return [
    { type: 'depthwiseConv2d', kernel: 3, stride, padding: 'same', activation: 'relu' },
    { type: 'conv2d', filters: channels, kernel: 1, stride: 1, padding: 'same', activation: 'relu' },
  ];
}

function basicBlock(channels: number, stride: number, project: boolean): LayerSpec {
  return {
    type: 'residual',
    body: [
      { type: 'conv2d', filters: channels, kernel: 3, stride, padding: 'same', activation: 'relu' },
      { type: 'conv2d', filters: channels, kernel: 3, stride: 1, padding: 'same' },
    ],
    ...(project
      ? { shortcut: [{ type: 'conv2d', filters: channels, kernel: 1, stride, padding: 'same' } as LayerSpec] }
      : {}),
    activation: 'relu',
  };
}

/** The zoo, keyed by arch id. Defaults give the published sizes where there is one. */
export const ZOO: Record<string, ZooArch> = {
  logreg: {
    id: 'logreg',
    description: 'logistic regression: one dense layer and softmax',
    defaults: { features: 8, classes: 2 },
    build: (p) => ({ input: [p.features!], layers: [{ type: 'dense', units: p.classes!, activation: 'softmax' }] }),
  },
  mlp: {
    id: 'mlp',
    description: 'multi-layer perceptron: depth hidden dense+relu layers of width units, then softmax',
    defaults: { features: 8, width: 64, depth: 2, classes: 2 },
    build: (p) => ({
      input: [p.features!],
      layers: [
        ...Array.from({ length: p.depth! }, (): LayerSpec => ({ type: 'dense', units: p.width!, activation: 'relu' })),
        { type: 'dense', units: p.classes!, activation: 'softmax' },
      ],
    }),
  },
  lenet: {
    id: 'lenet',
    description: 'LeNet-5-style CNN: conv5x5(width)-pool-conv5x5(width*8/3)-pool-dense120-dense84-softmax',
    defaults: { resolution: 28, channels: 1, width: 6, classes: 10 },
    build: (p) => ({
      input: [p.channels!, p.resolution!, p.resolution!],
      layers: [
        { type: 'conv2d', filters: p.width!, kernel: 5, padding: 'same', activation: 'relu' },
        { type: 'maxPool2d', size: 2 },
        {
          type: 'conv2d',
          filters: Math.max(1, Math.round((p.width! * 8) / 3)),
          kernel: 5,
          padding: 'valid',
          activation: 'relu',
        },
        { type: 'maxPool2d', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 120, activation: 'relu' },
        { type: 'dense', units: 84, activation: 'relu' },
        { type: 'dense', units: p.classes!, activation: 'softmax' },
      ],
    }),
  },
  mobilenet: {
    id: 'mobilenet',
    description:
      'MobileNet-v1-like: conv3x3/2 stem of width channels, depth depthwise-separable blocks (v1 plan scaled by width/32), global pool, dense, softmax',
    defaults: { resolution: 224, channels: 3, width: 32, depth: 13, classes: 1000 },
    build: (p) => {
      const scale = p.width! / 32;
      const blocks = MOBILENET_V1.slice(0, Math.min(p.depth!, MOBILENET_V1.length));
      return {
        input: [p.channels!, p.resolution!, p.resolution!],
        layers: [
          { type: 'conv2d', filters: p.width!, kernel: 3, stride: 2, padding: 'same', activation: 'relu' },
          ...blocks.flatMap(([c, s]) => dwSeparable(Math.max(1, Math.round(c * scale)), s)),
          { type: 'globalAvgPool' },
          { type: 'dense', units: p.classes!, activation: 'softmax' },
        ],
      };
    },
  },
  resnet: {
    id: 'resnet',
    description:
      'ResNet-18-like: conv7x7/2 stem of width channels, maxpool3x3/2, depth stages of 2 basic residual blocks (channels doubling), global pool, dense, softmax',
    defaults: { resolution: 224, channels: 3, width: 64, depth: 4, classes: 1000 },
    build: (p) => {
      const layers: LayerSpec[] = [
        { type: 'conv2d', filters: p.width!, kernel: 7, stride: 2, padding: 'same', activation: 'relu' },
        { type: 'maxPool2d', size: 3, stride: 2, padding: 'same' },
      ];
      for (let s = 0; s < p.depth!; s++) {
        const c = p.width! * 2 ** s;
        layers.push(basicBlock(c, s === 0 ? 1 : 2, s !== 0), basicBlock(c, 1, false));
      }
      layers.push({ type: 'globalAvgPool' }, { type: 'dense', units: p.classes!, activation: 'softmax' });
      return { input: [p.channels!, p.resolution!, p.resolution!], layers };
    },
  },
};

/** Zoo arch ids, for error messages and listings. */
export const ZOO_ARCHS: readonly string[] = Object.keys(ZOO);

/**
 * Builds the description of a zoo arch. Unknown arch or params, and non-positive-integer values,
 * are refused with UsageError E_BAD_MODEL naming them and the valid choices.
 */
export function zooDescription(arch: string, params: ZooParams, seed: number): ArchDescription {
  const def = ZOO[arch];
  if (!def)
    throw new UsageError(
      'E_BAD_MODEL',
      `zoo model: unknown arch "${arch}". Valid archs: ${[...ZOO_ARCHS, ...TRANSFORMER_ARCHS].join(', ')}.`,
    );
  const resolved: Record<string, number> = { ...def.defaults };
  for (const [key, value] of Object.entries(params)) {
    if (!(key in def.defaults)) {
      throw new UsageError(
        'E_BAD_MODEL',
        `zoo model ${arch}: unknown param "${key}". Valid params: ${Object.keys(def.defaults).join(', ')}.`,
      );
    }
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(
        'E_BAD_MODEL',
        `zoo model ${arch}: param ${key} must be a positive integer, got ${JSON.stringify(value)}.`,
      );
    resolved[key] = n;
  }
  const { input, layers } = def.build(resolved);
  const suffix = Object.entries(resolved)
    .map(([k, v]) => `${k}${v}`)
    .join('-');
  return {
    format: ARCH_FORMAT,
    version: ARCH_VERSION,
    name: `${arch}-${suffix}`,
    seed,
    input: { name: 'input', dims: input },
    output: { name: 'output' },
    layers,
    meta: { zoo: arch, params: resolved },
  };
}
