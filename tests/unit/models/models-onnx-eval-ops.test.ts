/**
 * The float64 ONNX evaluator's kernels one op at a time against onnxruntime-node on one-node
 * graphs (seeded inputs): the attribute and opset forms the shared cases and zoo exports do not
 * reach (padding modes, ceil_mode pools, grouped dilated convs, per-axis quantization, old-opset
 * Softmax, contrib ops such as MatMulNBits and SkipLayerNormalization).
 */
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../harness/measure/random.js';
import { OnnxEvaluator } from '../../../harness/models/onnx-eval/index.js';
import type { Feeds } from '../../../harness/types.js';

const { onnx } = onnxProto;
const T = onnx.TensorProto.DataType;
type Value = { dims: number[]; type?: number; data?: number[] };
interface Case {
  op: string;
  domain?: string;
  opset?: number;
  inputs: Record<string, Value>;
  consts?: Record<string, Value>;
  attrs?: Record<string, number | number[] | string>;
  outputs?: number[];
}

function attr(name: string, v: number | number[] | string): onnxProto.onnx.IAttributeProto {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof v === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: A.INTS, ints: v };
  return Number.isInteger(v) ? { name, type: A.INT, i: v } : { name, type: A.FLOAT, f: v };
}

const rng = createRng(17);
const fill = (v: Value) =>
  v.data ??
  Array.from({ length: v.dims.reduce((a, b) => a * b, 1) }, () =>
    v.type === T.UINT8 ? Math.floor(rng() * 256) : v.type === T.INT8 ? Math.floor(rng() * 255) - 127 : rng() * 2 - 1,
  );

function build(c: Case): { bytes: Uint8Array; feeds: Feeds; outputs: string[] } {
  const outTypes = c.outputs ?? [T.FLOAT];
  const outputs = outTypes.map((_, i) => `y${i}`);
  const arrays: Record<number, (d: number[]) => ort.Tensor['data']> = {
    [T.FLOAT]: (d) => Float32Array.from(d),
    [T.UINT8]: (d) => Uint8Array.from(d),
    [T.INT8]: (d) => Int8Array.from(d),
    [T.INT64]: (d) => BigInt64Array.from(d, BigInt),
  };
  const dtypes: Record<number, 'float32' | 'uint8' | 'int8' | 'int64'> = {
    [T.FLOAT]: 'float32',
    [T.UINT8]: 'uint8',
    [T.INT8]: 'int8',
    [T.INT64]: 'int64',
  };
  const feeds: Feeds = Object.fromEntries(
    Object.entries(c.inputs).map(([n, v]) => [
      n,
      { dtype: dtypes[v.type ?? T.FLOAT]!, dims: v.dims, data: arrays[v.type ?? T.FLOAT]!(fill(v)) as Float32Array },
    ]),
  );
  const initializer = Object.entries(c.consts ?? {}).map(([name, v]) => {
    const type = v.type ?? T.FLOAT;
    const data = arrays[type]!(fill(v)) as unknown as ArrayBufferView;
    return {
      name,
      dataType: type,
      dims: v.dims,
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
  });
  const vi = (name: string, type: number) => ({ name, type: { tensorType: { elemType: type } } });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'test',
    opsetImport: [{ domain: '', version: c.opset ?? 17 }, ...(c.domain ? [{ domain: c.domain, version: 1 }] : [])],
    graph: {
      name: 'g',
      initializer,
      node: [
        {
          opType: c.op,
          domain: c.domain ?? '',
          input: [...Object.keys(c.inputs), ...Object.keys(c.consts ?? {})].map((n) => (n.startsWith('_') ? '' : n)),
          output: outputs,
          attribute: Object.entries(c.attrs ?? {}).map(([k, v]) => attr(k, v)),
        },
      ],
      input: Object.entries(c.inputs).map(([n, v]) => vi(n, v.type ?? T.FLOAT)),
      output: outputs.map((n, i) => vi(n, outTypes[i]!)),
    },
  });
  return { bytes: onnx.ModelProto.encode(model).finish(), feeds, outputs };
}

const x4 = { x: { dims: [1, 2, 5, 5] } };
const CASES: Array<[string, Case]> = [
  [
    'Pad reflect (opset 18 axes)',
    {
      op: 'Pad',
      inputs: { x: { dims: [2, 4] } },
      consts: { pads: { dims: [4], type: T.INT64, data: [1, 2, 1, 1] } },
      attrs: { mode: 'reflect' },
    },
  ],
  [
    'Pad edge',
    {
      op: 'Pad',
      inputs: { x: { dims: [2, 3] } },
      consts: { pads: { dims: [4], type: T.INT64, data: [0, 2, 1, 0] } },
      attrs: { mode: 'edge' },
    },
  ],
  [
    'CumSum exclusive reverse',
    {
      op: 'CumSum',
      inputs: { x: { dims: [3, 4] } },
      consts: { axis: { dims: [], type: T.INT64, data: [1] } },
      attrs: { exclusive: 1, reverse: 1 },
    },
  ],
  [
    'Trilu lower k=-1',
    {
      op: 'Trilu',
      inputs: { x: { dims: [2, 4, 4] } },
      consts: { k: { dims: [], type: T.INT64, data: [-1] } },
      attrs: { upper: 0 },
    },
  ],
  [
    'GatherElements',
    {
      op: 'GatherElements',
      inputs: { x: { dims: [3, 4] } },
      consts: { i: { dims: [2, 4], type: T.INT64, data: [0, 2, 1, -1, 2, 0, 0, 1] } },
      attrs: { axis: 0 },
    },
  ],
  [
    'TopK smallest',
    {
      op: 'TopK',
      inputs: { x: { dims: [3, 6] } },
      consts: { k: { dims: [1], type: T.INT64, data: [3] } },
      attrs: { axis: 1, largest: 0 },
      outputs: [T.FLOAT, T.INT64],
    },
  ],
  [
    'Slice negative step',
    {
      op: 'Slice',
      inputs: { x: { dims: [4, 6] } },
      consts: {
        s: { dims: [2], type: T.INT64, data: [-1, 1] },
        e: { dims: [2], type: T.INT64, data: [-9, 5] },
        a: { dims: [2], type: T.INT64, data: [1, 0] },
        st: { dims: [2], type: T.INT64, data: [-2, 2] },
      },
    },
  ],
  [
    'Conv grouped, dilated, padded, strided',
    {
      op: 'Conv',
      inputs: { x: { dims: [1, 4, 7, 6] } },
      consts: { w: { dims: [6, 2, 3, 3] }, b: { dims: [6] } },
      attrs: { group: 2, dilations: [2, 1], strides: [2, 2], pads: [2, 1, 1, 0] },
    },
  ],
  [
    'Conv SAME_LOWER, strided',
    {
      op: 'Conv',
      inputs: { x: { dims: [1, 2, 6, 7] } },
      consts: { w: { dims: [3, 2, 2, 4] } },
      attrs: { strides: [2, 3], auto_pad: 'SAME_LOWER' },
    },
  ],
  [
    'Conv 1-D with pads',
    { op: 'Conv', inputs: { x: { dims: [2, 3, 9] } }, consts: { w: { dims: [4, 3, 3] } }, attrs: { pads: [2, 1] } },
  ],
  [
    'ConvTranspose grouped, strided, output_padding',
    {
      op: 'ConvTranspose',
      inputs: { x: { dims: [1, 4, 3, 4] } },
      consts: { w: { dims: [4, 3, 3, 2] }, b: { dims: [6] } },
      attrs: { group: 2, strides: [2, 3], pads: [1, 0, 0, 1], output_padding: [1, 1] },
    },
  ],
  [
    'ConvTranspose output_shape',
    {
      op: 'ConvTranspose',
      inputs: { x: { dims: [1, 2, 3, 3] } },
      consts: { w: { dims: [2, 1, 3, 3] } },
      attrs: { strides: [2, 2], output_shape: [6, 6] },
    },
  ],
  [
    'InstanceNormalization',
    { op: 'InstanceNormalization', inputs: x4, consts: { s: { dims: [2] }, b: { dims: [2] } } },
  ],
  ['PRelu per-channel slope', { op: 'PRelu', inputs: { x: { dims: [2, 3, 4] } }, consts: { a: { dims: [3, 1] } } }],
  [
    'MaxPool ceil_mode, pads',
    { op: 'MaxPool', inputs: x4, attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 0, 0], ceil_mode: 1 } },
  ],
  [
    'AveragePool count_include_pad',
    {
      op: 'AveragePool',
      inputs: x4,
      attrs: { kernel_shape: [2, 3], strides: [2, 1], pads: [1, 1, 1, 1], count_include_pad: 1 },
    },
  ],
  [
    'AveragePool excluding pads',
    { op: 'AveragePool', inputs: x4, attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
  ],
  ['Softmax opset 11 (flattened at axis 1)', { op: 'Softmax', opset: 11, inputs: { x: { dims: [2, 3, 4] } } }],
  [
    'ReduceMean opset 13 axes attribute',
    { op: 'ReduceMean', opset: 13, inputs: { x: { dims: [2, 3, 4] } }, attrs: { axes: [0, 2], keepdims: 0 } },
  ],
  [
    'ReduceSum opset 13 axes input',
    {
      op: 'ReduceSum',
      opset: 13,
      inputs: { x: { dims: [2, 3, 4] } },
      consts: { a: { dims: [1], type: T.INT64, data: [1] } },
    },
  ],
  [
    'Gemm transA, transB, alpha, beta',
    {
      op: 'Gemm',
      inputs: { a: { dims: [3, 2] } },
      consts: { b: { dims: [4, 3] }, c: { dims: [4] } },
      attrs: { transA: 1, transB: 1, alpha: 0.5, beta: 2.5 },
    },
  ],
  [
    'DequantizeLinear per axis',
    {
      op: 'DequantizeLinear',
      inputs: { q: { dims: [3, 4], type: T.INT8 } },
      consts: { s: { dims: [4] }, z: { dims: [4], type: T.INT8, data: [0, 1, -2, 3] } },
      attrs: { axis: 1 },
    },
  ],
  [
    'QLinearMatMul',
    {
      op: 'QLinearMatMul',
      inputs: { a: { dims: [2, 5], type: T.UINT8 } },
      consts: {
        as: { dims: [], data: [0.02] },
        az: { dims: [], type: T.UINT8, data: [120] },
        b: { dims: [5, 3], type: T.UINT8 },
        bs: { dims: [], data: [0.01] },
        bz: { dims: [], type: T.UINT8, data: [128] },
        ys: { dims: [], data: [0.05] },
        yz: { dims: [], type: T.UINT8, data: [100] },
      },
      outputs: [T.UINT8],
    },
  ],
  [
    'DynamicQuantizeLinear',
    { op: 'DynamicQuantizeLinear', inputs: { x: { dims: [4, 6] } }, outputs: [T.UINT8, T.FLOAT, T.UINT8] },
  ],
  [
    'ConvInteger',
    {
      op: 'ConvInteger',
      inputs: { x: { dims: [1, 2, 5, 5], type: T.UINT8 } },
      consts: {
        w: { dims: [3, 2, 3, 3], type: T.UINT8 },
        xz: { dims: [], type: T.UINT8, data: [128] },
        wz: { dims: [], type: T.UINT8, data: [120] },
      },
      attrs: { pads: [1, 1, 1, 1] },
      outputs: [T.INT32],
    },
  ],
  [
    'BatchNormalization',
    {
      op: 'BatchNormalization',
      inputs: x4,
      consts: { s: { dims: [2] }, b: { dims: [2] }, m: { dims: [2] }, v: { dims: [2], data: [0.5, 1.5] } },
    },
  ],
  ['com.microsoft Gelu', { op: 'Gelu', domain: 'com.microsoft', inputs: { x: { dims: [3, 5] } } }],
  [
    'com.microsoft FastGelu with bias',
    { op: 'FastGelu', domain: 'com.microsoft', inputs: { x: { dims: [2, 3, 4] } }, consts: { b: { dims: [4] } } },
  ],
  [
    'com.microsoft SkipLayerNormalization',
    {
      op: 'SkipLayerNormalization',
      domain: 'com.microsoft',
      inputs: { x: { dims: [2, 3, 8] }, s: { dims: [2, 3, 8] } },
      consts: { g: { dims: [8] }, be: { dims: [8] } },
      attrs: { epsilon: 1e-5 },
    },
  ],
  [
    'com.microsoft FusedMatMul transB alpha',
    {
      op: 'FusedMatMul',
      domain: 'com.microsoft',
      inputs: { a: { dims: [2, 3, 4] } },
      consts: { b: { dims: [2, 5, 4] } },
      attrs: { transB: 1, alpha: 0.25 },
    },
  ],
  [
    'com.microsoft MatMulNBits 4-bit, packed zero points',
    {
      op: 'MatMulNBits',
      domain: 'com.microsoft',
      inputs: { a: { dims: [3, 40] } },
      consts: { b: { dims: [6, 3, 8], type: T.UINT8 }, s: { dims: [18] }, z: { dims: [12], type: T.UINT8 } },
      attrs: { K: 40, N: 6, bits: 4, block_size: 16 },
    },
  ],
];

describe('models: float64 ONNX evaluator kernels against onnxruntime-node', () => {
  it.each(CASES)('%s', async (_name, c) => {
    const { bytes, feeds, outputs } = build(c);
    const evaluator = new OnnxEvaluator(bytes);
    expect(evaluator.missingOps()).toEqual([]);
    const mine = evaluator.run(feeds, outputs);
    const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled' });
    const theirs = await session.run(
      Object.fromEntries(
        Object.entries(feeds).map(([n, t]) => [
          n,
          new ort.Tensor(t.dtype as 'float32', t.data as Float32Array, t.dims),
        ]),
      ),
    );
    for (const name of outputs) {
      const expected = Array.from(theirs[name]!.data as Float32Array, Number);
      expect(mine[name]!.dims, name).toEqual([...theirs[name]!.dims]);
      const got = Array.from(mine[name]!.data as ArrayLike<number | bigint>, Number);
      got.forEach((v, i) =>
        expect(Math.abs(v - expected[i]!), `${name}[${i}]: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(
          1e-5 * Math.max(1, Math.abs(expected[i]!)),
        ),
      );
    }
    await session.release();
  });
});
