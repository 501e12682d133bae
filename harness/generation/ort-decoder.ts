/**
 * Greedy decoding with a KV cache on onnxruntime (node or web) for a decoder in optimum's layout
 * (decoder-layout.ts): `Session.generate` of the ort adapters.
 *
 * One request, batch 1:
 * - prefill: input_ids = the prompt [1, P], attention_mask ones [1, P], position_ids 0..P-1, an
 *   empty cache ([1, heads, 0, headDim]) and use_cache_branch = false where the model has it;
 *   the first output token is the argmax of the last logits row (LoadGen's FirstTokenComplete);
 * - decode step i: input_ids = the last token [1, 1], attention_mask ones [1, P + i], position_ids
 *   P + i - 1, the previous step's present.* as past_key_values.*, use_cache_branch = true.
 * Greedy (argmax, lowest id on ties), always exactly `outputTokens` tokens: no end-of-sequence stop.
 * Without the cache (`useCache: false`) every step feeds the whole sequence so far with an empty
 * cache, which is what decoding costs when nothing is kept. A decoder_model.onnx +
 * decoder_with_past_model.onnx pair runs the prefill on the first and the decode steps on the second.
 */
import { float16ToNumber } from '../inputs/half-float.js';
import type { OrtTensorCtor, OrtTensorLike } from '../runtimes/ort-tensors.js';
import type { GenerationRequest, ModelArtifact, Session, TokenCallback } from '../types.js';
import { decoderLayout, isDecoderSignature, type DecoderLayout } from './decoder-layout.js';

/** The part of an onnxruntime InferenceSession the loop calls. */
export interface OrtRunner {
  run(feeds: Record<string, OrtTensorLike>, fetches?: readonly string[]): Promise<Record<string, OrtTensorLike>>;
}

export interface OrtDecoder {
  /** The model that takes the cache (merged or decoder_with_past); the prefill model too unless `prefill` is given. */
  runner: OrtRunner;
  layout: DecoderLayout;
  /** decoder_model.onnx of a pair: prefill (and every uncached step) runs here. */
  prefill?: { runner: OrtRunner; layout: DecoderLayout };
  Tensor: OrtTensorCtor;
}

/** Index of the largest of the last `vocab` logits (the last position's row); lowest index on ties. */
export function argmaxLastRow(t: OrtTensorLike, vocab: number): number {
  const data = t.data as Float32Array | Uint16Array;
  const offset = data.length - vocab;
  const read = t.type === 'float16' ? (i: number) => float16ToNumber(data[i]!) : (i: number) => data[i]!;
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < vocab; i++) {
    const v = read(offset + i);
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

function emptyFor(dtype: string): Float32Array | Uint16Array {
  return dtype === 'float16' ? new Uint16Array(0) : new Float32Array(0);
}

/** All-ones attention masks by ids dtype, shared and grown on demand; read-only (the runtimes read or copy them). */
const ONES: { int64: BigInt64Array; int32: Int32Array } = { int64: new BigInt64Array(0), int32: new Int32Array(0) };

/** A mask of `length` ones, a view of the shared buffer: a decode step builds no O(position) array in JS. */
function onesMask(dtype: 'int64' | 'int32', length: number): BigInt64Array | Int32Array {
  if (ONES[dtype].length < length) {
    const n = Math.max(length, 2 * ONES[dtype].length, 256);
    if (dtype === 'int64') ONES.int64 = new BigInt64Array(n).fill(1n);
    else ONES.int32 = new Int32Array(n).fill(1);
  }
  return ONES[dtype].subarray(0, length);
}

/** Feeds of one step: `ids` at positions start..start+ids.length-1, with `past` (or an empty cache). */
function stepFeeds(
  d: OrtDecoder,
  layout: DecoderLayout,
  ids: readonly number[],
  start: number,
  past: Record<string, OrtTensorLike> | null,
  cached: boolean,
): Record<string, OrtTensorLike> {
  const T = d.Tensor;
  const int = (values: ArrayLike<number>) =>
    layout.idsDtype === 'int64' ? BigInt64Array.from(Array.from(values), BigInt) : Int32Array.from(values);
  const n = ids.length;
  const feeds: Record<string, OrtTensorLike> = { input_ids: new T(layout.idsDtype, int(ids), [1, n]) };
  if (layout.attentionMask)
    feeds.attention_mask = new T(layout.idsDtype, onesMask(layout.idsDtype, start + n), [1, start + n]);
  if (layout.positionIds)
    feeds.position_ids = new T(layout.idsDtype, int(Array.from({ length: n }, (_, i) => start + i)), [1, n]);
  if (layout.takesCache) {
    for (const c of layout.cache)
      feeds[c.input] = past?.[c.output] ?? new T(c.dtype, emptyFor(c.dtype), [1, c.heads, 0, c.headDim]);
  }
  if (layout.useCacheBranch) feeds.use_cache_branch = new T('bool', new Uint8Array([cached ? 1 : 0]), [1]);
  return feeds;
}

/** The vocabulary size: the layout's, else read from the first logits. */
function vocabOf(layout: DecoderLayout, logits: OrtTensorLike): number {
  return layout.vocab ?? logits.dims[logits.dims.length - 1]!;
}

/** Greedy decoding of one request (see the module comment). */
export async function ortGenerate(
  d: OrtDecoder,
  request: GenerationRequest,
  onToken: TokenCallback,
): Promise<number[]> {
  const prompt = request.inputIds;
  if (prompt.length < 1) throw new RangeError('generate: the prompt needs at least one token');
  if (!(request.outputTokens >= 1))
    throw new RangeError(`generate: outputTokens must be at least 1, got ${request.outputTokens}`);
  // A prefill-only decoder without its with-past half cannot take the cache: every step recomputes.
  const useCache = request.useCache !== false && d.layout.takesCache;
  const prefill = d.prefill ?? { runner: d.runner, layout: d.layout };
  const tokens: number[] = [];
  const sequence = [...prompt];
  let outputs = await prefill.runner.run(stepFeeds(d, prefill.layout, prompt, 0, null, false));
  for (let i = 0; ; i++) {
    const logits = outputs[prefill.layout.logits]!;
    const next = argmaxLastRow(logits, vocabOf(prefill.layout, logits));
    tokens.push(next);
    onToken(i, next);
    if (tokens.length === request.outputTokens) return tokens;
    sequence.push(next);
    outputs = useCache
      ? await d.runner.run(stepFeeds(d, d.layout, [next], sequence.length - 1, outputs, true))
      : await prefill.runner.run(stepFeeds(d, prefill.layout, sequence, 0, null, false));
  }
}

/** Adds `generate` to an ort Session for a decoder. */
export function withOrtGenerate(session: Session, decoder: OrtDecoder): Session {
  return { ...session, generate: (request, onToken) => ortGenerate(decoder, request, onToken) };
}

/**
 * The generate-capable session of an ort adapter: when `model` is a decoder (optimum layout),
 * wraps `session` with `generate`; `openWithPast` opens the decoder_with_past half of a pair
 * (released with the session). Other models come back unchanged.
 */
export async function ortGenerationSession(
  session: Session,
  model: ModelArtifact,
  runner: OrtRunner,
  Tensor: OrtTensorCtor,
  openWithPast: (m: ModelArtifact) => Promise<OrtRunner & { release(): Promise<void> }>,
): Promise<Session> {
  if (!isDecoderSignature(model.inputs, model.outputs)) return session;
  const file = model.file?.path ?? model.name;
  const layout = decoderLayout(model.inputs, model.outputs, file);
  const pair = model.decoderWithPast;
  if (!pair) return withOrtGenerate(session, { runner, layout, Tensor });
  const withPastLayout = decoderLayout(pair.inputs, pair.outputs, pair.file?.path ?? pair.name);
  const withPast = await openWithPast(pair);
  return {
    ...withOrtGenerate(session, { runner: withPast, layout: withPastLayout, prefill: { runner, layout }, Tensor }),
    async dispose() {
      await withPast.release();
      await session.dispose();
    },
  };
}
