/**
 * A tiny one-layer decoder in optimum's layout, for the generation tests (the zoo's `gpt` is the
 * real architecture): token + position embeddings, one attention layer whose keys and values
 * are concatenated onto `past_key_values.0.*` and returned as `present.0.*`, the attention mask
 * as an additive bias, a residual, and a tied LM head. With one layer a position's key and value
 * depend on its own token only, so cached and uncached greedy decoding must give the same tokens.
 * `merged` adds the `use_cache_branch` input of optimum's merged decoder; `brokenCache` drops
 * `present.0.value` (a malformed export).
 */
import onnxProto from 'onnx-proto';
import { createRng } from '../../harness/measure/random.js';
import { encodeModel, valueInfo } from '../../harness/models/onnx-export.js';

const { onnx } = onnxProto;
const F = onnx.TensorProto.DataType.FLOAT;
const I64 = onnx.TensorProto.DataType.INT64;

export interface TinyDecoderOptions {
  vocab?: number;
  hidden?: number;
  heads?: number;
  maxPositions?: number;
  merged?: boolean;
  brokenCache?: boolean;
  seed?: number;
}

export function tinyDecoderOnnx(o: TinyDecoderOptions = {}): Uint8Array {
  const V = o.vocab ?? 64,
    C = o.hidden ?? 32,
    H = o.heads ?? 2,
    D = C / H,
    P = o.maxPositions ?? 256;
  const rng = createRng(o.seed ?? 3);
  const weight = (name: string, dims: number[], scale: number) => ({
    name,
    dims,
    dataType: F,
    rawData: new Uint8Array(
      Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => (rng() * 2 - 1) * scale).buffer,
    ),
  });
  const i64 = (name: string, values: number[]) => ({
    name,
    dims: [values.length],
    dataType: I64,
    rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
  });
  const f32 = (name: string, value: number) => ({
    name,
    dims: [],
    dataType: F,
    rawData: new Uint8Array(Float32Array.of(value).buffer),
  });
  const n = (opType: string, input: string[], output: string[], attribute: onnxProto.onnx.IAttributeProto[] = []) => ({
    opType,
    input,
    output,
    name: output[0],
    attribute,
  });
  const ints = (name: string, v: number[]) => ({ name, ints: v, type: onnx.AttributeProto.AttributeType.INTS });
  const int = (name: string, v: number) => ({ name, i: v, type: onnx.AttributeProto.AttributeType.INT });
  const heads = (x: string, out: string) => [
    n('Reshape', [x, 'shape_bshd'], [`${out}_r`]),
    n('Transpose', [`${out}_r`], [out], [ints('perm', [0, 2, 1, 3])]),
  ];
  const nodes = [
    n('Gather', ['wte', 'input_ids'], ['tok']),
    n('Gather', ['wpe', 'position_ids'], ['pos']),
    n('Add', ['tok', 'pos'], ['x']),
    n('MatMul', ['x', 'wq'], ['q0']),
    n('MatMul', ['x', 'wk'], ['k0']),
    n('MatMul', ['x', 'wv'], ['v0']),
    ...heads('q0', 'q'),
    ...heads('k0', 'k'),
    ...heads('v0', 'v'),
    n('Concat', ['past_key_values.0.key', 'k'], ['present.0.key'], [int('axis', 2)]),
    n('Concat', ['past_key_values.0.value', 'v'], ['present.0.value'], [int('axis', 2)]),
    n('Transpose', ['present.0.key'], ['kt'], [ints('perm', [0, 1, 3, 2])]),
    n('MatMul', ['q', 'kt'], ['s0']),
    n('Mul', ['s0', 'scale'], ['s1']),
    n('Cast', ['attention_mask'], ['mf'], [int('to', F)]),
    n('Sub', ['one', 'mf'], ['mi']),
    n('Mul', ['mi', 'neg'], ['mb']),
    n('Unsqueeze', ['mb', 'axes_12'], ['mb4']),
    n('Add', ['s1', 'mb4'], ['s2']),
    n('Softmax', ['s2'], ['a'], [int('axis', -1)]),
    n('MatMul', ['a', 'present.0.value'], ['o0']),
    n('Transpose', ['o0'], ['o1'], [ints('perm', [0, 2, 1, 3])]),
    n('Reshape', ['o1', 'shape_bsc'], ['o2']),
    n('MatMul', ['o2', 'wo'], ['o3']),
    n('Add', ['x', 'o3'], ['h']),
    n('Transpose', ['wte'], ['wte_t'], [ints('perm', [1, 0])]),
    n('MatMul', ['h', 'wte_t'], ['logits']),
  ];
  const cacheDims = (prefix: string) => ['batch_size', H, `${prefix}_sequence_length`, D];
  const outputs = [
    valueInfo('logits', ['batch_size', 'sequence_length', V]),
    valueInfo('present.0.key', cacheDims('total')),
    ...(o.brokenCache ? [] : [valueInfo('present.0.value', cacheDims('total'))]),
  ];
  return encodeModel({
    name: 'tiny-decoder',
    node: nodes,
    initializer: [
      weight('wte', [V, C], 1),
      weight('wpe', [P, C], 0.5),
      weight('wq', [C, C], 0.5),
      weight('wk', [C, C], 0.5),
      weight('wv', [C, C], 0.5),
      weight('wo', [C, C], 0.5),
      i64('shape_bshd', [0, 0, H, D]),
      i64('shape_bsc', [0, 0, C]),
      i64('axes_12', [1, 2]),
      f32('scale', 1 / Math.sqrt(D)),
      f32('one', 1),
      f32('neg', 1e4),
    ],
    input: [
      valueInfo('input_ids', ['batch_size', 'sequence_length'], I64),
      valueInfo('attention_mask', ['batch_size', 'total_sequence_length'], I64),
      valueInfo('position_ids', ['batch_size', 'sequence_length'], I64),
      valueInfo('past_key_values.0.key', cacheDims('past')),
      valueInfo('past_key_values.0.value', cacheDims('past')),
      ...(o.merged ? [valueInfo('use_cache_branch', [1], onnx.TensorProto.DataType.BOOL)] : []),
    ],
    output: outputs,
  });
}
