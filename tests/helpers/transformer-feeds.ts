/**
 * Feeds for the zoo transformers in optimum's layout (batch 1): a gpt prefill or decode step
 * with its cache, bert's three int64 inputs, and the seeded token ids the tests use.
 */
import { createRng } from '../../harness/measure/random.js';
import type { TransformerConfig } from '../../harness/models/index.js';
import type { Feeds, Tensor } from '../../harness/types.js';

const i64 = (values: number[]): Tensor => ({
  dtype: 'int64',
  dims: [1, values.length],
  data: BigInt64Array.from(values.map(BigInt)),
});

/** `n` seeded token ids in [0, vocab). */
export function tokenIds(n: number, vocab: number, seed = 5): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.floor(rng() * vocab));
}

/** gpt feeds for `ids` at positions past..past+ids.length-1; `cache` holds present.* of the previous step (absent: empty). */
export function gptFeeds(c: TransformerConfig, ids: number[], past: number, cache?: Feeds): Feeds {
  const feeds: Feeds = {
    input_ids: i64(ids),
    attention_mask: i64(Array.from({ length: past + ids.length }, () => 1)),
    position_ids: i64(ids.map((_, s) => past + s)),
  };
  const D = c.hidden / c.heads;
  for (let i = 0; i < c.layers; i++) {
    for (const role of ['key', 'value']) {
      feeds[`past_key_values.${i}.${role}`] = cache?.[`present.${i}.${role}`] ?? {
        dtype: 'float32',
        dims: [1, c.heads, 0, D],
        data: new Float32Array(0),
      };
    }
  }
  return feeds;
}

/** bert feeds: the ids, a mask of ones with the last `padding` positions 0, token types 0 then 1 from the middle. */
export function bertFeeds(ids: number[], padding = 0): Feeds {
  return {
    input_ids: i64(ids),
    attention_mask: i64(ids.map((_, s) => (s < ids.length - padding ? 1 : 0))),
    token_type_ids: i64(ids.map((_, s) => (s < ids.length / 2 ? 0 : 1))),
  };
}

/** Row `row` of a [1, S, V] logits tensor. */
export function logitsRow(t: Tensor, row: number): number[] {
  const V = t.dims[2]!;
  return Array.from(t.data as ArrayLike<number> as Float32Array).slice(row * V, (row + 1) * V);
}
