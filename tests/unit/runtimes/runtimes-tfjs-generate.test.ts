import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { buildModel } from '../../../harness/models/index.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';
import type { GenerationRequest, ModelArtifact } from '../../../harness/types.js';
import { tokenIds } from '../../helpers/transformer-feeds.js';

/** The quick profile's gpt (the transformers suite's size). */
const QUICK_GPT = { layers: 2, hidden: 64, heads: 2, intermediate: 256, vocab: 512, context: 128 };

/** Greedy tokens of one request; on tfjs, also that generate left no tensor behind (its KV cache stays in tfjs between steps). */
async function generate(
  id: string,
  model: ModelArtifact,
  request: GenerationRequest,
): Promise<{ tokens: number[]; streamed: number[] }> {
  const { session } = await (await RUNTIMES[id]!.create()).load(model, defaultSettings());
  try {
    expect(session.generate, `${id} has generate`).toBeTypeOf('function');
    const streamed: number[] = [];
    const tokens = await session.generate!(request, (i, token) => streamed.push(i, token));
    return { tokens, streamed };
  } finally {
    await session.dispose();
    if (session.leakedTensors)
      expect(session.leakedTensors(), `${id}: tensors left after generate and dispose`).toBe(0);
  }
}

describe('runtimes: tfjs:cpu and tfjs:wasm generate the zoo gpt greedily, token for token as ort-node:cpu', () => {
  it.each(['tfjs:cpu', 'tfjs:wasm'])(
    '%s: cached and uncached greedy tokens equal ort-node:cpu greedy tokens',
    async (id) => {
      const model = await buildModel({ kind: 'zoo', arch: 'gpt', params: QUICK_GPT, seed: 1 });
      const request = { inputIds: tokenIds(12, QUICK_GPT.vocab, 4), outputTokens: 12 };
      const ort = await generate('ort-node:cpu', model, request);
      const tfjs = await generate(id, model, request);
      expect(new Set(ort.tokens).size).toBeGreaterThan(1);
      expect(tfjs.tokens).toEqual(ort.tokens);
      expect(tfjs.streamed).toEqual(ort.tokens.flatMap((t, i) => [i, t]));
      expect((await generate(id, model, { ...request, useCache: false })).tokens).toEqual(ort.tokens);
    },
  );

  it('bert (an encoder) has no generate on tfjs', async () => {
    const model = await buildModel({
      kind: 'zoo',
      arch: 'bert',
      params: { layers: 1, hidden: 32, heads: 2, intermediate: 64, vocab: 50, context: 16 },
      seed: 1,
    });
    const { session } = await (await RUNTIMES['tfjs:cpu']!.create()).load(model, defaultSettings());
    expect(session.generate).toBeUndefined();
    await session.dispose();
  });
});
