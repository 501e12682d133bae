/**
 * The float64 reference of the transformer zoo: the forward pass written out in plain JS loops
 * from the config and weights (no runtime, no shared code with the exporters), for parity.
 *
 * gpt: the whole sequence at once with no cache (past length 0): `logits` [B, S, V] and
 * `present.{i}.key|value` [B, H, S, D]. Decode-step logits of a runtime are checked against the
 * rows of this uncached pass over the whole sequence, which is what proves a KV cache right.
 * bert: `last_hidden_state` [B, S, C] and `pooler_output` [B, C].
 * Semantics are those documented in onnx-export.ts (causal and padding mask, masked scores set to
 * MASKED_SCORE, exact erf GELU, LayerNormalization over the last axis with the config's epsilon).
 * Pure: no I/O.
 */
import type { Feeds, Tensor } from '../../types.js';
import { MASKED_SCORE } from './onnx-export.js';
import type { ResolvedTransformer } from './weights.js';

/**
 * erf(x) to ~1e-15: the Maclaurin series for |x| < 3, else the continued fraction of erfc
 * (Abramowitz & Stegun 7.1.5 and 7.1.14).
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = ax,
      sum = ax;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f);
}

type Rows = Float64Array[];

function linear(x: Rows, model: ResolvedTransformer, name: string): Rows {
  const w = model.weights.get(`${name}.weight`)!,
    b = model.weights.get(`${name}.bias`)!;
  const [inSize, outSize] = w.dims as [number, number];
  return x.map((row) => {
    const out = Float64Array.from(b.data);
    for (let i = 0; i < inSize; i++) {
      const xi = row[i]!;
      for (let o = 0; o < outSize; o++) out[o]! += xi * w.data[i * outSize + o]!;
    }
    return out;
  });
}

function layerNorm(x: Rows, model: ResolvedTransformer, name: string): Rows {
  const g = model.weights.get(`${name}.weight`)!.data,
    b = model.weights.get(`${name}.bias`)!.data;
  return x.map((row) => {
    const mean = row.reduce((s, v) => s + v, 0) / row.length;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / row.length;
    const inv = 1 / Math.sqrt(variance + model.config.layerNormEpsilon);
    return row.map((v, c) => (v - mean) * inv * g[c]! + b[c]!);
  });
}

const add = (a: Rows, b: Rows): Rows => a.map((row, s) => row.map((v, c) => v + b[s]![c]!));

/** Attention of layer i; `allowed(s, t)` says whether query s sees key t. Returns the output and the keys/values. */
function attention(
  x: Rows,
  model: ResolvedTransformer,
  i: number,
  allowed: (s: number, t: number) => boolean,
): { out: Rows; k: Rows; v: Rows } {
  const { heads: H, hidden: C } = model.config;
  const D = C / H,
    scale = 1 / Math.sqrt(D);
  const q = linear(x, model, `h.${i}.attn.q`),
    k = linear(x, model, `h.${i}.attn.k`),
    v = linear(x, model, `h.${i}.attn.v`);
  const S = x.length;
  const merged: Rows = x.map(() => new Float64Array(C));
  for (let h = 0; h < H; h++) {
    for (let s = 0; s < S; s++) {
      const scores = new Float64Array(S);
      for (let t = 0; t < S; t++) {
        let dot = 0;
        for (let d = 0; d < D; d++) dot += q[s]![h * D + d]! * k[t]![h * D + d]!;
        scores[t] = allowed(s, t) ? dot * scale : MASKED_SCORE;
      }
      const max = Math.max(...scores);
      const e = scores.map((z) => Math.exp(z - max));
      const sum = e.reduce((a, b) => a + b, 0);
      for (let t = 0; t < S; t++) {
        const p = e[t]! / sum;
        for (let d = 0; d < D; d++) merged[s]![h * D + d]! += p * v[t]![h * D + d]!;
      }
    }
  }
  return { out: linear(merged, model, `h.${i}.attn.o`), k, v };
}

function mlp(x: Rows, model: ResolvedTransformer, i: number): Rows {
  const hidden = linear(x, model, `h.${i}.mlp.fc`).map((row) => row.map((z) => 0.5 * z * (1 + erf(z * Math.SQRT1_2))));
  return linear(hidden, model, `h.${i}.mlp.proj`);
}

function embed(model: ResolvedTransformer, name: string, ids: number[]): Rows {
  const w = model.weights.get(name)!;
  const C = w.dims[1]!;
  return ids.map((id) => {
    if (!(id >= 0 && id < w.dims[0]!))
      throw new Error(`float64 reference: ${name} index ${id} is outside [0, ${w.dims[0]})`);
    return Float64Array.from(w.data.subarray(id * C, (id + 1) * C));
  });
}

function rowsOf(feeds: Feeds, name: string, batch: number, width: number | null): number[][] {
  const t: Tensor | undefined = feeds[name];
  if (!t) throw new Error(`float64 reference: input "${name}" is missing (got ${Object.keys(feeds).join(', ')})`);
  const w = width ?? t.dims[1]!;
  return Array.from({ length: batch }, (_, b) => Array.from({ length: w }, (_, s) => Number(t.data[b * w + s]!)));
}

/** Flattens rows per batch into a float64 tensor. */
function tensor(dims: number[], parts: Rows[]): Tensor {
  const data = new Float64Array(dims.reduce((a, b) => a * b, 1));
  let o = 0;
  for (const rows of parts)
    for (const row of rows) {
      data.set(row, o);
      o += row.length;
    }
  return { dtype: 'float64', dims, data };
}

/** [S][C] keys of one batch -> [H][S][D] rows in cache order. */
function toHeads(k: Rows, H: number): Rows {
  const D = k[0]!.length / H;
  const out: Rows = [];
  for (let h = 0; h < H; h++) for (const row of k) out.push(row.subarray(h * D, (h + 1) * D));
  return out;
}

/**
 * The reference outputs for `feeds` (inputs as in onnx-export.ts). gpt's past_key_values must be
 * empty (past length 0): the reference never uses a cache. Throws on a missing input or a
 * non-empty past.
 */
export function float64TransformerForward(model: ResolvedTransformer, feeds: Feeds): Feeds {
  const c = model.config;
  const ids = feeds.input_ids;
  if (!ids) throw new Error('float64 reference: input "input_ids" is missing');
  const [B, S] = ids.dims as [number, number];
  const inputIds = rowsOf(feeds, 'input_ids', B, S);
  const mask = feeds.attention_mask ? rowsOf(feeds, 'attention_mask', B, null) : inputIds.map((r) => r.map(() => 1));
  if (mask[0]!.length !== S)
    throw new Error(
      `float64 reference: attention_mask covers ${mask[0]!.length} positions for ${S} tokens; the reference runs without a cache (past length 0)`,
    );
  if (c.arch === 'gpt') {
    const positions = feeds.position_ids
      ? rowsOf(feeds, 'position_ids', B, S)
      : inputIds.map((r) => r.map((_, s) => s));
    const logits: Rows[] = [];
    const presents: Array<{ k: Rows[]; v: Rows[] }> = Array.from({ length: c.layers }, () => ({ k: [], v: [] }));
    for (let b = 0; b < B; b++) {
      let x = add(embed(model, 'wte', inputIds[b]!), embed(model, 'wpe', positions[b]!));
      for (let i = 0; i < c.layers; i++) {
        const a = attention(layerNorm(x, model, `h.${i}.ln_1`), model, i, (s, t) => t <= s && mask[b]![t] !== 0);
        presents[i]!.k.push(toHeads(a.k, c.heads));
        presents[i]!.v.push(toHeads(a.v, c.heads));
        x = add(x, a.out);
        x = add(x, mlp(layerNorm(x, model, `h.${i}.ln_2`), model, i));
      }
      const wte = model.weights.get('wte')!.data;
      logits.push(
        layerNorm(x, model, 'ln_f').map((row) => {
          const out = new Float64Array(c.vocab);
          for (let v = 0; v < c.vocab; v++) {
            let dot = 0;
            for (let k = 0; k < c.hidden; k++) dot += row[k]! * wte[v * c.hidden + k]!;
            out[v] = dot;
          }
          return out;
        }),
      );
    }
    const cacheDims = [B, c.heads, S, c.hidden / c.heads];
    const out: Feeds = { logits: tensor([B, S, c.vocab], logits) };
    presents.forEach((p, i) => {
      out[`present.${i}.key`] = tensor(cacheDims, p.k);
      out[`present.${i}.value`] = tensor(cacheDims, p.v);
    });
    return out;
  }
  const types = feeds.token_type_ids ? rowsOf(feeds, 'token_type_ids', B, S) : inputIds.map((r) => r.map(() => 0));
  const hidden: Rows[] = [];
  const pooled: Rows[] = [];
  for (let b = 0; b < B; b++) {
    const emb = add(
      add(
        embed(model, 'wte', inputIds[b]!),
        embed(
          model,
          'wpe',
          inputIds[b]!.map((_, s) => s),
        ),
      ),
      embed(model, 'tte', types[b]!),
    );
    let x = layerNorm(emb, model, 'emb_ln');
    for (let i = 0; i < c.layers; i++) {
      x = layerNorm(add(x, attention(x, model, i, (_s, t) => mask[b]![t] !== 0).out), model, `h.${i}.ln_1`);
      x = layerNorm(add(x, mlp(x, model, i)), model, `h.${i}.ln_2`);
    }
    hidden.push(x);
    pooled.push(linear([x[0]!], model, 'pooler').map((row) => row.map(Math.tanh)));
  }
  return { last_hidden_state: tensor([B, S, c.hidden], hidden), pooler_output: tensor([B, c.hidden], pooled) };
}
