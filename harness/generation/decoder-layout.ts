/**
 * Recognises a decoder in Hugging Face optimum's export layout from its declared inputs and
 * outputs (optimum `onnx` exporter, the layout transformers.js runs):
 * - inputs `input_ids` [batch, sequence], optional `attention_mask` [batch, past + sequence],
 *   optional `position_ids` [batch, sequence], `past_key_values.{i}.key|value`
 *   [batch, heads, past, headDim], optional `use_cache_branch` [1] bool (a merged decoder);
 * - outputs `logits` [batch, sequence, vocab] and `present.{i}.key|value` (the cache after the step).
 * `decoder_model.onnx` (no past inputs, present outputs) is the prefill half of a pair whose
 * `decoder_with_past_model.onnx` takes the cache. Heads and head size are read from the cache
 * inputs' shapes (present outputs' for the prefill half). Pure: no I/O.
 */
import { UsageError } from '../errors.js';
import type { DType, TensorSpec } from '../types.js';

/** One cache tensor: the input that takes it and the output that returns it, with its shape. */
export interface CacheEntry {
  layer: number;
  role: 'key' | 'value';
  input: string;
  output: string;
  heads: number;
  headDim: number;
  dtype: DType;
}

export interface DecoderLayout {
  layers: number;
  /** Cache entries in layer order, key before value; inputs absent (`input` still named) on a prefill-only model. */
  cache: CacheEntry[];
  /** True when the model takes the cache (merged decoder or decoder_with_past). */
  takesCache: boolean;
  idsDtype: 'int64' | 'int32';
  attentionMask: boolean;
  positionIds: boolean;
  useCacheBranch: boolean;
  logits: string;
  /** The logits' last dim when it is a number. */
  vocab: number | null;
}

const CACHE_INPUT = /^past_key_values\.(\d+)\.(key|value)$/;
const CACHE_OUTPUT = /^present\.(\d+)\.(key|value)$/;

/** True when the signature looks like an optimum decoder: a cache input or a present output beside input_ids. */
export function isDecoderSignature(inputs: TensorSpec[], outputs: TensorSpec[]): boolean {
  return (
    inputs.some((i) => i.name === 'input_ids') &&
    (inputs.some((i) => CACHE_INPUT.test(i.name)) || outputs.some((o) => CACHE_OUTPUT.test(o.name)))
  );
}

const dimOf = (spec: TensorSpec, axis: number): number | null =>
  typeof spec.dims[axis] === 'number' ? (spec.dims[axis] as number) : null;

/**
 * The layout of a decoder. Throws UsageError E_BAD_MODEL naming `file` and the tensor at fault:
 * a cache input without its present output, a cache tensor whose heads or head size are not
 * numbers, no input_ids or no logits.
 */
export function decoderLayout(inputs: TensorSpec[], outputs: TensorSpec[], file: string): DecoderLayout {
  const bad = (what: string): never => {
    throw new UsageError('E_BAD_MODEL', `${file}: not a decoder mlbench can drive: ${what}`);
  };
  const ids = inputs.find((i) => i.name === 'input_ids') ?? bad('no input named "input_ids"');
  if (ids.dtype !== 'int64' && ids.dtype !== 'int32') bad(`input "input_ids" is ${ids.dtype}; expected int64 or int32`);
  const logits =
    outputs.find((o) => o.name === 'logits') ??
    bad(`no output named "logits" (outputs: ${outputs.map((o) => o.name).join(', ')})`);
  const outputNames = new Set(outputs.map((o) => o.name));
  const cacheInputs = inputs.filter((i) => CACHE_INPUT.test(i.name));
  for (const input of cacheInputs) {
    const [, layer, role] = CACHE_INPUT.exec(input.name)!;
    const expected = `present.${layer}.${role}`;
    if (!outputNames.has(expected)) {
      bad(
        `input "${input.name}" is a KV-cache input but there is no output "${expected}" to carry the cache to the next step (outputs: ${outputs.map((o) => o.name).join(', ')})`,
      );
    }
  }
  const takesCache = cacheInputs.length > 0;
  // A prefill-only decoder (decoder_model.onnx) names its cache by its present outputs.
  const sources = takesCache ? cacheInputs : outputs.filter((o) => CACHE_OUTPUT.test(o.name));
  if (sources.length === 0) bad('no past_key_values.{i}.key/value inputs and no present.{i}.key/value outputs');
  const cache = sources
    .map((spec): CacheEntry => {
      const [, layer, role] = (takesCache ? CACHE_INPUT : CACHE_OUTPUT).exec(spec.name)!;
      if (spec.dims.length !== 4)
        bad(`"${spec.name}" has ${spec.dims.length} dims; expected [batch, heads, sequence, head size]`);
      const heads =
        dimOf(spec, 1) ??
        bad(
          `"${spec.name}" has a symbolic heads dim (${spec.dims[1]}); mlbench reads heads and head size from the cache shapes`,
        );
      const headDim =
        dimOf(spec, 3) ??
        bad(
          `"${spec.name}" has a symbolic head size dim (${spec.dims[3]}); mlbench reads heads and head size from the cache shapes`,
        );
      if (spec.dtype !== 'float32' && spec.dtype !== 'float16')
        bad(`"${spec.name}" is ${spec.dtype}; expected float32 or float16`);
      return {
        layer: Number(layer),
        role: role as 'key' | 'value',
        input: `past_key_values.${layer}.${role}`,
        output: `present.${layer}.${role}`,
        heads,
        headDim,
        dtype: spec.dtype,
      };
    })
    .sort((a, b) => a.layer - b.layer || (a.role === 'key' ? -1 : 1));
  const layers = new Set(cache.map((c) => c.layer)).size;
  for (const c of cache) {
    if (!cache.some((o) => o.layer === c.layer && o.role !== c.role))
      bad(`"${c.input}" has no matching ${c.role === 'key' ? 'value' : 'key'} tensor`);
  }
  const vocab = dimOf(logits, logits.dims.length - 1);
  return {
    layers,
    cache,
    takesCache,
    idsDtype: ids.dtype as 'int64' | 'int32',
    attentionMask: inputs.some((i) => i.name === 'attention_mask'),
    positionIds: inputs.some((i) => i.name === 'position_ids'),
    useCacheBranch: inputs.some((i) => i.name === 'use_cache_branch'),
    logits: logits.name,
    vocab,
  };
}

/** Bytes of the KV cache one decode step reads at cache length `position` (every layer's key and value). */
export function kvCacheBytes(layout: DecoderLayout, position: number): number {
  return layout.cache.reduce((sum, c) => sum + c.heads * c.headDim * position * (c.dtype === 'float16' ? 2 : 4), 0);
}
