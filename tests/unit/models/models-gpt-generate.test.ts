import { describe, expect, it } from 'vitest';
import { buildModel, float64TransformerForward, type ResolvedTransformer } from '../../../harness/models/index.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';
import { defaultSettings } from '../../../harness/config/settings.js';
import { gptFeeds, tokenIds } from '../../helpers/transformer-feeds.js';

/** Greedy decoding with the float64 reference, recomputing the whole sequence each step. */
function referenceGreedy(model: ResolvedTransformer, prompt: number[], n: number): number[] {
  const ids = [...prompt];
  const V = model.config.vocab;
  for (let i = 0; i < n; i++) {
    const logits = float64TransformerForward(model, gptFeeds(model.config, ids, 0)).logits!.data as Float64Array;
    const row = Array.from(logits.subarray(logits.length - V));
    ids.push(row.indexOf(Math.max(...row)));
  }
  return ids.slice(prompt.length);
}

describe('models: zoo gpt generates on ort-node:cpu (the generation seam) as the float64 reference does', () => {
  it('greedy tokens with the cache equal the uncached float64 greedy tokens', async () => {
    const model = await buildModel({
      kind: 'zoo',
      arch: 'gpt',
      params: { layers: 2, hidden: 32, heads: 2, intermediate: 64, vocab: 61, context: 32 },
      seed: 3,
    });
    const { session } = await (await RUNTIMES['ort-node:cpu']!.create()).load(model, defaultSettings());
    try {
      expect(session.generate).toBeTypeOf('function');
      const prompt = tokenIds(5, 61, 2);
      const tokens = await session.generate!({ inputIds: prompt, outputTokens: 10 }, () => undefined);
      expect(tokens).toEqual(referenceGreedy(model.transformer as ResolvedTransformer, prompt, 10));
      expect(new Set(tokens).size).toBeGreaterThan(1);
    } finally {
      await session.dispose();
    }
  });
});
