import { describe, expect, it } from 'vitest';
import {
  buildModel,
  compareOutputs,
  float64TransformerForward,
  type ResolvedTransformer,
} from '../../../harness/models/index.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';
import { defaultSettings } from '../../../harness/config/settings.js';
import type { Feeds, Tensor } from '../../../harness/types.js';
import { bertFeeds, gptFeeds, logitsRow, tokenIds } from '../../helpers/transformer-feeds.js';

const CPU_RUNTIMES = ['ort-node:cpu', 'ort-web:wasm', 'tfjs:cpu', 'tfjs:wasm'];
const GPT = { layers: 2, hidden: 32, heads: 4, intermediate: 64, vocab: 89, context: 32 };
const BERT = { layers: 2, hidden: 32, heads: 4, intermediate: 64, vocab: 89, context: 32 };

const slice = (t: Tensor, dims: number[], from: number, to: number): Tensor => ({
  dtype: 'float64',
  dims,
  data: (t.data as Float64Array).slice(from, to),
});

describe('runtimes: zoo transformers on every CPU runtime vs the float64 reference', () => {
  it('gpt: logits after prefill and after 8 cached decode steps match an uncached float64 pass', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'gpt', params: GPT, seed: 21 });
    const r = model.transformer as ResolvedTransformer;
    const prompt = tokenIds(5, GPT.vocab, 4),
      steps = tokenIds(8, GPT.vocab, 8);
    const reference = float64TransformerForward(r, gptFeeds(r.config, [...prompt, ...steps], 0)).logits!;
    const failures: string[] = [];
    for (const id of CPU_RUNTIMES) {
      const { session } = await (await RUNTIMES[id]!.create()).load(model, defaultSettings());
      try {
        let out: Feeds = await session.run(gptFeeds(r.config, prompt, 0));
        const prefill = compareOutputs(
          { logits: slice(reference, [1, 5, GPT.vocab], 0, 5 * GPT.vocab) },
          { logits: out.logits! },
        );
        if (!prefill.pass) failures.push(`${id} prefill: ${JSON.stringify(prefill)}`);
        for (let s = 0; s < steps.length; s++) {
          const past = prompt.length + s;
          out = await session.run(gptFeeds(r.config, [steps[s]!], past, out));
          const row = {
            logits: {
              dtype: 'float32' as const,
              dims: [1, 1, GPT.vocab],
              data: Float32Array.from(logitsRow(out.logits!, 0)),
            },
          };
          const step = compareOutputs(
            { logits: slice(reference, [1, 1, GPT.vocab], past * GPT.vocab, (past + 1) * GPT.vocab) },
            row,
          );
          if (!step.pass) failures.push(`${id} decode step ${s + 1}: ${JSON.stringify(step)}`);
        }
        expect(out['present.1.key']!.dims).toEqual([1, 4, 13, 8]);
      } finally {
        await session.dispose();
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('bert: last_hidden_state and pooler_output match, padding masked', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'bert', params: BERT, seed: 22 });
    const feeds = bertFeeds(tokenIds(10, BERT.vocab, 6), 3);
    const reference = float64TransformerForward(model.transformer as ResolvedTransformer, feeds);
    const failures: string[] = [];
    for (const id of CPU_RUNTIMES) {
      const { session } = await (await RUNTIMES[id]!.create()).load(model, defaultSettings());
      try {
        const parity = compareOutputs(reference, await session.run(feeds));
        if (!parity.pass) failures.push(`${id}: ${JSON.stringify(parity)}`);
      } finally {
        await session.dispose();
      }
    }
    expect(failures).toEqual([]);
    // Padding is masked: changing a padded token leaves the unpadded rows unchanged.
    const changed = bertFeeds(tokenIds(10, BERT.vocab, 6), 3);
    (changed.input_ids!.data as BigInt64Array)[9] = 1n;
    const again = float64TransformerForward(model.transformer as ResolvedTransformer, changed);
    expect(Array.from(again.pooler_output!.data as Float64Array)).toEqual(
      Array.from(reference.pooler_output!.data as Float64Array),
    );
  }, 120_000);
});
