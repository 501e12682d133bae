/**
 * One micro op as a one-node ONNX graph (onnx 1.10 schema through onnx-proto, IR 8, opset 13),
 * its constant operand as an initializer, and the seeded input each runtime is fed.
 *
 * Layouts: ONNX runtimes get NCHW image tensors and int64 indices (the ONNX conventions);
 * tfjs gets NHWC and int32 (its native ones). The op is the same computation on the same sizes;
 * only the memory layout each engine is built for differs, so no runtime pays for a transpose
 * the others skip. The values are seeded random and are not compared between runtimes (the zoo
 * suite checks parity; this suite only times).
 */
import onnxProto from 'onnx-proto';
import { createRng } from '../measure/random.js';
import type { Feeds, ModelArtifact } from '../types.js';
import { encodeModel, valueInfo } from '../models/onnx-export.js';
import type { MicroOp, MicroParams } from './ops.js';

const { onnx } = onnxProto;
type Attr = onnxProto.onnx.IAttributeProto;

/** The layout family a runtime is fed in. */
export type MicroLayout = 'onnx' | 'tfjs';

function randomFloats(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng() * 2 - 1;
  return out;
}

/** The constant operand (weights or table) of an op, in the given layout, or null. */
export function microConstant(
  op: MicroOp,
  p: MicroParams,
  layout: MicroLayout,
  seed: number,
): { data: Float32Array; dims: number[] } | null {
  switch (op.id) {
    case 'matmul':
      return { data: randomFloats(p.k! * p.n!, seed + 1), dims: [p.k!, p.n!] };
    case 'conv2d':
      return {
        data: randomFloats(p.channels! * p.channels! * p.kernel! ** 2, seed + 1),
        dims:
          layout === 'onnx'
            ? [p.channels!, p.channels!, p.kernel!, p.kernel!]
            : [p.kernel!, p.kernel!, p.channels!, p.channels!],
      };
    case 'depthwiseConv2d':
      return {
        data: randomFloats(p.channels! * p.kernel! ** 2, seed + 1),
        dims: layout === 'onnx' ? [p.channels!, 1, p.kernel!, p.kernel!] : [p.kernel!, p.kernel!, p.channels!, 1],
      };
    case 'gather':
      return { data: randomFloats(p.vocab! * p.dim!, seed + 1), dims: [p.vocab!, p.dim!] };
    case 'softmax':
      return null;
  }
}

/** Name and dims of an op's one fed input, in the given layout. */
export function microInputShape(op: MicroOp, p: MicroParams, layout: MicroLayout): { name: string; dims: number[] } {
  switch (op.id) {
    case 'matmul':
      return { name: 'a', dims: [p.m!, p.k!] };
    case 'conv2d':
    case 'depthwiseConv2d':
      return {
        name: 'x',
        dims: layout === 'onnx' ? [1, p.channels!, p.size!, p.size!] : [1, p.size!, p.size!, p.channels!],
      };
    case 'softmax':
      return { name: 'x', dims: [p.rows!, p.cols!] };
    case 'gather':
      return { name: 'indices', dims: [p.indices!] };
  }
}

/** The seeded feeds of one call: floats in [-1, 1), indices uniform in [0, vocab). */
export function microFeeds(op: MicroOp, p: MicroParams, layout: MicroLayout, seed: number): Feeds {
  const { name, dims } = microInputShape(op, p, layout);
  const length = dims.reduce((a, b) => a * b, 1);
  if (op.id === 'gather') {
    const rng = createRng(seed);
    if (layout === 'onnx') {
      const data = new BigInt64Array(length);
      for (let i = 0; i < length; i++) data[i] = BigInt(Math.floor(rng() * p.vocab!));
      return { [name]: { dtype: 'int64', dims, data } };
    }
    const data = new Int32Array(length);
    for (let i = 0; i < length; i++) data[i] = Math.floor(rng() * p.vocab!);
    return { [name]: { dtype: 'int32', dims, data } };
  }
  return { [name]: { dtype: 'float32', dims, data: randomFloats(length, seed) } };
}

function ints(name: string, values: number[]): Attr {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: values };
}
function int(name: string, value: number): Attr {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}

function nodeOf(op: MicroOp, p: MicroParams): onnxProto.onnx.INodeProto {
  const pad = Math.floor((p.kernel ?? 1) / 2);
  const convAttrs = (group: number): Attr[] => [
    ints('kernel_shape', [p.kernel!, p.kernel!]),
    ints('strides', [1, 1]),
    ints('pads', [pad, pad, p.kernel! - 1 - pad, p.kernel! - 1 - pad]),
    int('group', group),
  ];
  switch (op.id) {
    case 'matmul':
      return { opType: 'MatMul', input: ['a', 'w'], output: ['y'], name: 'matmul' };
    case 'conv2d':
      return { opType: 'Conv', input: ['x', 'w'], output: ['y'], name: 'conv', attribute: convAttrs(1) };
    case 'depthwiseConv2d':
      return { opType: 'Conv', input: ['x', 'w'], output: ['y'], name: 'depthwise', attribute: convAttrs(p.channels!) };
    case 'softmax':
      return { opType: 'Softmax', input: ['x'], output: ['y'], name: 'softmax', attribute: [int('axis', -1)] };
    case 'gather':
      return { opType: 'Gather', input: ['w', 'indices'], output: ['y'], name: 'gather', attribute: [int('axis', 0)] };
  }
}

function outputDims(op: MicroOp, p: MicroParams): number[] {
  switch (op.id) {
    case 'matmul':
      return [p.m!, p.n!];
    case 'conv2d':
    case 'depthwiseConv2d':
      return [1, p.channels!, p.size!, p.size!];
    case 'softmax':
      return [p.rows!, p.cols!];
    case 'gather':
      return [p.indices!, p.dim!];
  }
}

/** The op as a ModelArtifact an ONNX runtime loads (ONNX layout). */
export function microOnnxModel(op: MicroOp, p: MicroParams, seed: number): ModelArtifact {
  const input = microInputShape(op, p, 'onnx');
  const inputType = op.id === 'gather' ? onnx.TensorProto.DataType.INT64 : onnx.TensorProto.DataType.FLOAT;
  const constant = microConstant(op, p, 'onnx', seed);
  const outDims = outputDims(op, p);
  const name = `micro-${op.id}-${op.label(p)}`;
  const bytes = encodeModel({
    name,
    node: [nodeOf(op, p)],
    initializer: constant
      ? [
          {
            name: 'w',
            dims: constant.dims,
            dataType: onnx.TensorProto.DataType.FLOAT,
            rawData: new Uint8Array(constant.data.buffer),
          },
        ]
      : [],
    input: [valueInfo(input.name, input.dims, inputType)],
    output: [valueInfo('y', outDims)],
  });
  return {
    name,
    onnx: bytes,
    inputs: [{ name: input.name, dtype: op.id === 'gather' ? 'int64' : 'float32', dims: input.dims }],
    outputs: [{ name: 'y', dtype: 'float32', dims: outDims }],
    flopsPerSample: op.flops(p),
  };
}
