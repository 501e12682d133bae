/**
 * The zoo transformers (gpt, bert) on TensorFlow.js: the same computation as the ONNX graph
 * (models/transformer/onnx-export.ts), built from the same weights with tf ops, behind the same
 * input and output names (optimum's), so every tfjs backend takes the same feeds as onnxruntime.
 * gpt takes its KV cache (`past_key_values.*`, past length 0 for prefill) and returns `present.*`,
 * so cached decoding runs on tfjs too. Outputs are read back with `await data()` (any backend, GPU included). int64 ids are computed as int32 (tfjs has no int64).
 * gpt's session also has `generate`: the same greedy loop as onnxruntime (generation/ort-decoder.ts,
 * same feeds step by step), so tfjs and ort tokens are comparable one for one. Its KV cache stays
 * in tfjs tensors between steps (the backend's memory, a GPU's included), as a tfjs application
 * keeps it: only the logits are read back, and each request's last cache is disposed at its end.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { RuntimeError } from '../errors.js';
import type { ResolvedTransformer } from '../arch.js';
import { decoderLayout } from '../generation/decoder-layout.js';
import { ortGenerate, type OrtRunner } from '../generation/ort-decoder.js';
import type { DType, Feeds, ModelArtifact, Tensor, TypedArray } from '../types.js';
import type { OrtTensorLike } from './ort-tensors.js';
import type { TfjsSession } from './tfjs-session.js';
import type { TfModule } from './tfjs-forward.js';

type T = tfTypes.Tensor;
const MASKED_SCORE = -1e9;

/** A present.* output kept in tfjs for the next decode step: `data` is the tf tensor, never read back. */
class HeldTensor implements OrtTensorLike {
  readonly type = 'float32';
  constructor(readonly data: T) {}
  get dims(): readonly number[] {
    return this.data.shape;
  }
}

export function createTfjsTransformerSession(tf: TfModule, model: ModelArtifact, runtimeId: string): TfjsSession {
  const resolved = model.transformer as ResolvedTransformer;
  const c = resolved.config;
  const H = c.heads,
    D = c.hidden / c.heads;
  const before = tf.memory().numTensors;
  const w = new Map<string, T>();
  for (const [name, t] of resolved.weights) w.set(name, tf.tensor(t.data, t.dims, 'float32'));
  const W = (name: string): T => w.get(name)!;
  let leaked = 0;

  const linear = (x: T, name: string): T =>
    tf
      .add(tf.matMul(x.reshape([-1, x.shape[x.shape.length - 1]!]), W(`${name}.weight`)), W(`${name}.bias`))
      .reshape([...x.shape.slice(0, -1), -1]);
  const layerNorm = (x: T, name: string): T => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(
      tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, c.layerNormEpsilon))), W(`${name}.weight`)),
      W(`${name}.bias`),
    );
  };
  const gelu = (x: T): T => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
  const heads = (x: T): T => tf.transpose(x.reshape([x.shape[0]!, x.shape[1]!, H, D]), [0, 2, 1, 3]);
  const attention = (x: T, i: number, allowed: T, past?: { k: T; v: T }) => {
    const p = `h.${i}.attn`;
    const q = heads(linear(x, `${p}.q`));
    let k = heads(linear(x, `${p}.k`)),
      v = heads(linear(x, `${p}.v`));
    if (past) {
      k = tf.concat([past.k, k], 2);
      v = tf.concat([past.v, v], 2);
    }
    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(D));
    const probs = tf.softmax(
      tf.where(tf.broadcastTo(allowed, scores.shape), scores, tf.fill(scores.shape, MASKED_SCORE)),
    );
    const merged = tf.transpose(tf.matMul(probs, v), [0, 2, 1, 3]).reshape([x.shape[0]!, x.shape[1]!, c.hidden]);
    return { out: linear(merged, `${p}.o`), k, v };
  };
  const mlp = (x: T, i: number): T => linear(gelu(linear(x, `h.${i}.mlp.fc`)), `h.${i}.mlp.proj`);
  const ints = (feeds: Feeds, name: string): T => {
    const t = feeds[name];
    if (!t) throw new RuntimeError(`${runtimeId}: missing input "${name}"`);
    return tf.tensor(Int32Array.from(t.data as ArrayLike<number | bigint>, Number), t.dims, 'int32');
  };
  const out = async (y: T): Promise<Tensor> => ({
    dtype: 'float32',
    dims: y.shape.slice(),
    data: (await y.data()) as TypedArray,
  });

  /** `held`: cache tensors already in tfjs (generate's previous step), by input name; they win over `feeds`. */
  function gpt(feeds: Feeds, held: Record<string, T> = {}): Record<string, T> {
    const ids = ints(feeds, 'input_ids'),
      mask = ints(feeds, 'attention_mask'),
      positions = ints(feeds, 'position_ids');
    const [B, S] = ids.shape as [number, number];
    const total = mask.shape[1]!;
    const past = total - S;
    const causal = tf.lessEqual(
      tf.range(0, total, 1, 'int32').reshape([1, total]),
      tf.range(past, total, 1, 'int32').reshape([S, 1]),
    );
    const allowed = tf.logicalAnd(causal, tf.cast(mask, 'bool').reshape([B, 1, 1, total]));
    let x = tf.add(tf.gather(W('wte'), ids), tf.gather(W('wpe'), positions));
    const result: Record<string, T> = {};
    for (let i = 0; i < c.layers; i++) {
      const key = feeds[`past_key_values.${i}.key`],
        value = feeds[`past_key_values.${i}.value`];
      const heldK = held[`past_key_values.${i}.key`],
        heldV = held[`past_key_values.${i}.value`];
      const cache =
        past <= 0
          ? undefined
          : heldK && heldV
            ? { k: heldK, v: heldV }
            : key && value
              ? {
                  k: tf.tensor(key.data as Float32Array, key.dims, 'float32'),
                  v: tf.tensor(value.data as Float32Array, value.dims, 'float32'),
                }
              : undefined;
      const a = attention(layerNorm(x, `h.${i}.ln_1`), i, allowed, cache);
      result[`present.${i}.key`] = a.k;
      result[`present.${i}.value`] = a.v;
      x = tf.add(x, a.out);
      x = tf.add(x, mlp(layerNorm(x, `h.${i}.ln_2`), i));
    }
    result.logits = tf
      .matMul(layerNorm(x, 'ln_f').reshape([B * S, c.hidden]), W('wte'), false, true)
      .reshape([B, S, c.vocab]);
    return result;
  }

  function bert(feeds: Feeds): Record<string, T> {
    const ids = ints(feeds, 'input_ids'),
      mask = ints(feeds, 'attention_mask');
    const [B, S] = ids.shape as [number, number];
    const types = feeds.token_type_ids ? ints(feeds, 'token_type_ids') : tf.zeros([B, S], 'int32');
    const allowed = tf.cast(mask, 'bool').reshape([B, 1, 1, S]);
    let x = layerNorm(
      tf.add(
        tf.add(tf.gather(W('wte'), ids), tf.gather(W('wpe'), tf.range(0, S, 1, 'int32'))),
        tf.gather(W('tte'), types),
      ),
      'emb_ln',
    );
    for (let i = 0; i < c.layers; i++) {
      x = layerNorm(tf.add(x, attention(x, i, allowed).out), `h.${i}.ln_1`);
      x = layerNorm(tf.add(x, mlp(x, i)), `h.${i}.ln_2`);
    }
    const first = tf.slice(x, [0, 0, 0], [B, 1, c.hidden]).reshape([B, c.hidden]);
    return { last_hidden_state: x, pooler_output: tf.tanh(linear(first, 'pooler')) };
  }

  const session: TfjsSession = {
    async run(feeds) {
      const tensors = tf.tidy(() => (c.arch === 'gpt' ? gpt(feeds) : bert(feeds)));
      try {
        const result: Feeds = {};
        for (const [name, y] of Object.entries(tensors)) result[name] = await out(y);
        return result;
      } finally {
        for (const y of Object.values(tensors)) y.dispose();
      }
    },
    async dispose() {
      for (const t of w.values()) t.dispose();
      leaked = tf.memory().numTensors - before;
    },
    leakedTensors: () => leaked,
  };
  if (c.arch !== 'gpt') return session;
  // The decode loop speaks onnxruntime's tensor shape ({type, dims, data}); the harness's is
  // {dtype, dims, data}. One runner per request: present.* come back as HeldTensor (the tf tensor,
  // not read back) and go in again as the next step's past; a step disposes the cache it replaced.
  function requestRunner(): OrtRunner & { release(): void } {
    let held: T[] = [];
    const release = () => {
      for (const t of held) t.dispose();
      held = [];
    };
    return {
      async run(feeds) {
        const harnessFeeds: Feeds = {};
        const heldFeeds: Record<string, T> = {};
        for (const [name, t] of Object.entries(feeds)) {
          if (t instanceof HeldTensor) heldFeeds[name] = t.data;
          else harnessFeeds[name] = { dtype: t.type as DType, dims: [...t.dims], data: t.data as TypedArray };
        }
        const tensors = tf.tidy(() => gpt(harnessFeeds, heldFeeds));
        release();
        const outputs: Record<string, OrtTensorLike> = {};
        for (const [name, y] of Object.entries(tensors)) {
          if (name === 'logits') {
            const t = await out(y);
            y.dispose();
            outputs[name] = { type: t.dtype, dims: t.dims, data: t.data };
          } else {
            held.push(y);
            outputs[name] = new HeldTensor(y);
          }
        }
        return outputs;
      },
      release,
    };
  }
  const layout = decoderLayout(model.inputs, model.outputs, model.name);
  const Tensor = class implements OrtTensorLike {
    constructor(
      readonly type: string,
      readonly data: TypedArray | string[],
      readonly dims: readonly number[],
    ) {}
  };
  return {
    ...session,
    async generate(request, onToken) {
      const runner = requestRunner();
      try {
        return await ortGenerate({ runner, layout, Tensor }, request, onToken);
      } finally {
        runner.release();
      }
    },
  };
}
