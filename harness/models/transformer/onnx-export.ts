/**
 * ResolvedTransformer -> ONNX bytes (opset 17, standard ops only: Gather, Add, MatMul,
 * LayerNormalization, Erf (exact GELU), Softmax, Concat, Where, Range, LessOrEqual, Shape, Reshape,
 * Transpose, Tanh). Inputs and outputs are named as Hugging Face optimum exports them:
 *
 * gpt (a decoder with its KV cache; one graph serves prefill, with past length 0, and decode):
 * - `input_ids` int64 [batch_size, sequence_length], `attention_mask` int64 [batch_size,
 *   past_sequence_length + sequence_length], `position_ids` int64 [batch_size, sequence_length],
 *   `past_key_values.{i}.key|value` float32 [batch_size, heads, past_sequence_length, head_dim];
 * - `logits` float32 [batch_size, sequence_length, vocab], `present.{i}.key|value` float32
 *   [batch_size, heads, past_sequence_length + sequence_length, head_dim] (past concatenated
 *   with this step's keys/values on axis 2).
 * A query at absolute position past + s attends key t when t <= past + s (causal) and
 * attention_mask[t] = 1; masked scores are replaced by -1e9 before the softmax.
 *
 * bert: `input_ids`, `attention_mask`, `token_type_ids` int64 [batch_size, sequence_length] ->
 * `last_hidden_state` [batch_size, sequence_length, hidden] and `pooler_output` [batch_size,
 * hidden] (tanh(first token x W + b)); positions are 0..sequence_length-1.
 */
import onnxProto from 'onnx-proto';
import { encodeModel, valueInfo } from '../onnx-export.js';
import type { ResolvedTransformer } from './weights.js';

const { onnx } = onnxProto;
const F32 = onnx.TensorProto.DataType.FLOAT;
const I64 = onnx.TensorProto.DataType.INT64;
const BOOL = onnx.TensorProto.DataType.BOOL;

/** The opset these graphs need (LayerNormalization is opset 17). */
export const TRANSFORMER_OPSET = 17;

/** The score given to masked positions before the softmax (float32-safe; no -inf, so no NaN). */
export const MASKED_SCORE = -1e9;

type Attr = onnxProto.onnx.IAttributeProto;
const ints = (name: string, v: number[]): Attr => ({ name, ints: v, type: onnx.AttributeProto.AttributeType.INTS });
const int = (name: string, v: number): Attr => ({ name, i: v, type: onnx.AttributeProto.AttributeType.INT });
const float = (name: string, v: number): Attr => ({ name, f: v, type: onnx.AttributeProto.AttributeType.FLOAT });

class Graph {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private n = 0;
  constructor(private readonly model: ResolvedTransformer) {}

  op(opType: string, input: string[], attribute: Attr[] = [], output = `${opType.toLowerCase()}_${this.n++}`): string {
    this.nodes.push({ opType, input, output: [output], name: `${opType}_${this.nodes.length}`, attribute });
    return output;
  }
  /** A named weight of the model as an initializer (added once). */
  w(name: string): string {
    if (!this.initializers.some((t) => t.name === name)) {
      const { dims, data } = this.model.weights.get(name)!;
      this.initializers.push({
        name,
        dims,
        dataType: F32,
        rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      });
    }
    return name;
  }
  i64(name: string, values: number[], dims: number[] = [values.length]): string {
    this.initializers.push({
      name,
      dims,
      dataType: I64,
      rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
    });
    return name;
  }
  f32(name: string, value: number): string {
    this.initializers.push({ name, dims: [], dataType: F32, rawData: new Uint8Array(Float32Array.of(value).buffer) });
    return name;
  }
  linear(x: string, name: string): string {
    return this.op('Add', [this.op('MatMul', [x, this.w(`${name}.weight`)]), this.w(`${name}.bias`)]);
  }
  layerNorm(x: string, name: string): string {
    return this.op(
      'LayerNormalization',
      [x, this.w(`${name}.weight`), this.w(`${name}.bias`)],
      [int('axis', -1), float('epsilon', this.model.config.layerNormEpsilon)],
    );
  }
  /** Exact GELU: 0.5 x (1 + erf(x / sqrt 2)). */
  gelu(x: string): string {
    const erf = this.op('Erf', [this.op('Mul', [x, 'c_inv_sqrt2'])]);
    return this.op('Mul', [this.op('Mul', [x, 'c_half']), this.op('Add', [erf, 'c_one'])]);
  }
  /** [B, S, C] -> [B, H, S, D] */
  splitHeads(x: string): string {
    return this.op('Transpose', [this.op('Reshape', [x, 'c_shape_bshd'])], [ints('perm', [0, 2, 1, 3])]);
  }
  /**
   * Multi-head attention of layer i over `x` [B, S, C]; `allowed` is a bool mask broadcastable to
   * [B, H, S, T]. With `cache`, keys and values are appended to past_key_values.i.* and returned
   * as present.i.*.
   */
  attention(x: string, i: number, allowed: string, cache: boolean): string {
    const p = `h.${i}.attn`;
    const q = this.splitHeads(this.linear(x, `${p}.q`));
    let k = this.splitHeads(this.linear(x, `${p}.k`));
    let v = this.splitHeads(this.linear(x, `${p}.v`));
    if (cache) {
      k = this.op('Concat', [`past_key_values.${i}.key`, k], [int('axis', 2)], `present.${i}.key`);
      v = this.op('Concat', [`past_key_values.${i}.value`, v], [int('axis', 2)], `present.${i}.value`);
    }
    const scores = this.op('Mul', [
      this.op('MatMul', [q, this.op('Transpose', [k], [ints('perm', [0, 1, 3, 2])])]),
      'c_scale',
    ]);
    const probs = this.op('Softmax', [this.op('Where', [allowed, scores, 'c_masked'])], [int('axis', -1)]);
    const merged = this.op('Reshape', [
      this.op('Transpose', [this.op('MatMul', [probs, v])], [ints('perm', [0, 2, 1, 3])]),
      'c_shape_bsc',
    ]);
    return this.linear(merged, `${p}.o`);
  }
  mlp(x: string, i: number): string {
    return this.linear(this.gelu(this.linear(x, `h.${i}.mlp.fc`)), `h.${i}.mlp.proj`);
  }
  constants(): void {
    const { hidden: C, heads: H } = this.model.config;
    this.f32('c_inv_sqrt2', Math.SQRT1_2);
    this.f32('c_half', 0.5);
    this.f32('c_one', 1);
    this.f32('c_scale', 1 / Math.sqrt(C / H));
    this.f32('c_masked', MASKED_SCORE);
    this.i64('c_shape_bshd', [0, 0, H, C / H]);
    this.i64('c_shape_bsc', [0, 0, C]);
    this.i64('c_0', [0], []);
    this.i64('c_1', [1], []);
    this.i64('c_axes_12', [1, 2]);
  }
}

function gptGraph(g: Graph, model: ResolvedTransformer): onnxProto.onnx.IGraphProto {
  const { layers, heads: H, hidden: C, vocab: V } = model.config;
  // Mask: key t is allowed for query s when t <= past + s and attention_mask[b, t] = 1.
  const total = g.op('Gather', [g.op('Shape', ['attention_mask']), 'c_1'], [int('axis', 0)]);
  const seq = g.op('Gather', [g.op('Shape', ['input_ids']), 'c_1'], [int('axis', 0)]);
  const keyPos = g.op('Range', ['c_0', total, 'c_1']);
  const queryPos = g.op('Unsqueeze', [g.op('Range', [g.op('Sub', [total, seq]), total, 'c_1']), 'c_axes_1']);
  const causal = g.op('LessOrEqual', [keyPos, queryPos]);
  const padding = g.op('Unsqueeze', [g.op('Cast', ['attention_mask'], [int('to', BOOL)]), 'c_axes_12']);
  const allowed = g.op('And', [causal, padding]);
  let x = g.op('Add', [g.op('Gather', [g.w('wte'), 'input_ids']), g.op('Gather', [g.w('wpe'), 'position_ids'])]);
  for (let i = 0; i < layers; i++) {
    x = g.op('Add', [x, g.attention(g.layerNorm(x, `h.${i}.ln_1`), i, allowed, true)]);
    x = g.op('Add', [x, g.mlp(g.layerNorm(x, `h.${i}.ln_2`), i)]);
  }
  const lmHead = g.op('Transpose', [g.w('wte')], [ints('perm', [1, 0])]);
  g.op('MatMul', [g.layerNorm(x, 'ln_f'), lmHead], [], 'logits');
  const cache = (prefix: string) => ['batch_size', H, `${prefix}_sequence_length`, C / H];
  const perLayer = <T>(f: (i: number, role: 'key' | 'value') => T): T[] =>
    Array.from({ length: layers }, (_, i) => [f(i, 'key'), f(i, 'value')]).flat();
  return {
    name: 'gpt',
    node: g.nodes,
    initializer: g.initializers,
    input: [
      valueInfo('input_ids', ['batch_size', 'sequence_length'], I64),
      valueInfo('attention_mask', ['batch_size', 'total_sequence_length'], I64),
      valueInfo('position_ids', ['batch_size', 'sequence_length'], I64),
      ...perLayer((i, r) => valueInfo(`past_key_values.${i}.${r}`, cache('past'))),
    ],
    output: [
      valueInfo('logits', ['batch_size', 'sequence_length', V]),
      ...perLayer((i, r) => valueInfo(`present.${i}.${r}`, cache('total'))),
    ],
  };
}

function bertGraph(g: Graph, model: ResolvedTransformer): onnxProto.onnx.IGraphProto {
  const { layers, hidden: C } = model.config;
  const seq = g.op('Gather', [g.op('Shape', ['input_ids']), 'c_1'], [int('axis', 0)]);
  const positions = g.op('Unsqueeze', [g.op('Range', ['c_0', seq, 'c_1']), 'c_axes_0']);
  const allowed = g.op('Unsqueeze', [g.op('Cast', ['attention_mask'], [int('to', BOOL)]), 'c_axes_12']);
  const embedded = g.op('Add', [
    g.op('Add', [g.op('Gather', [g.w('wte'), 'input_ids']), g.op('Gather', [g.w('wpe'), positions])]),
    g.op('Gather', [g.w('tte'), 'token_type_ids']),
  ]);
  let x = g.layerNorm(embedded, 'emb_ln');
  for (let i = 0; i < layers; i++) {
    x = g.layerNorm(g.op('Add', [x, g.attention(x, i, allowed, false)]), `h.${i}.ln_1`);
    x = g.layerNorm(g.op('Add', [x, g.mlp(x, i)]), `h.${i}.ln_2`);
  }
  g.op('Identity', [x], [], 'last_hidden_state');
  const first = g.op('Gather', ['last_hidden_state', 'c_0'], [int('axis', 1)]);
  g.op('Tanh', [g.linear(first, 'pooler')], [], 'pooler_output');
  const ids = (name: string) => valueInfo(name, ['batch_size', 'sequence_length'], I64);
  return {
    name: 'bert',
    node: g.nodes,
    initializer: g.initializers,
    input: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
    output: [
      valueInfo('last_hidden_state', ['batch_size', 'sequence_length', C]),
      valueInfo('pooler_output', ['batch_size', C]),
    ],
  };
}

/** Encodes a resolved transformer as ONNX protobuf bytes (opset TRANSFORMER_OPSET). */
export function exportTransformerOnnx(model: ResolvedTransformer): Uint8Array {
  const g = new Graph(model);
  g.constants();
  g.i64(model.config.arch === 'bert' ? 'c_axes_0' : 'c_axes_1', [model.config.arch === 'bert' ? 0 : 1]);
  const graph = model.config.arch === 'gpt' ? gptGraph(g, model) : bertGraph(g, model);
  return encodeModel(graph, TRANSFORMER_OPSET);
}
