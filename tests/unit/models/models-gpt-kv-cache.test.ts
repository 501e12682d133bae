import { describe, expect, it } from 'vitest';
import {
  buildModel,
  compareOutputs,
  float64TransformerForward,
  type ResolvedTransformer,
} from '../../../harness/models/index.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';
import { defaultSettings } from '../../../harness/config/settings.js';
import type { Feeds } from '../../../harness/types.js';
import { gptFeeds, logitsRow, tokenIds } from '../../helpers/transformer-feeds.js';

const PARAMS = { layers: 2, hidden: 32, heads: 4, intermediate: 64, vocab: 97, context: 32 };

describe('models: zoo gpt on ort-node:cpu, prefill and 8 cached decode steps vs an uncached float64 pass', () => {
  it('matches the float64 reference after prefill and after every cached decode step', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'gpt', params: PARAMS, seed: 7 });
    const resolved = model.transformer as ResolvedTransformer;
    const { session } = await (await RUNTIMES['ort-node:cpu']!.create()).load(model, defaultSettings());
    try {
      const prompt = tokenIds(6, PARAMS.vocab);
      const decoded = tokenIds(8, PARAMS.vocab, 9);
      const all = [...prompt, ...decoded];
      const reference = float64TransformerForward(resolved, gptFeeds(resolved.config, all, 0));
      const prefill = await session.run(gptFeeds(resolved.config, prompt, 0));
      // Prefill: every logits row and the cache equal the reference over the prompt alone.
      const prefillRef = float64TransformerForward(resolved, gptFeeds(resolved.config, prompt, 0));
      const parity = compareOutputs(prefillRef, prefill);
      expect(parity.pass, JSON.stringify(parity)).toBe(true);
      expect(prefill['present.1.key']!.dims).toEqual([1, 4, 6, 8]);
      let cache: Feeds = prefill;
      const worst: number[] = [];
      for (let step = 0; step < decoded.length; step++) {
        const past = prompt.length + step;
        const out = await session.run(gptFeeds(resolved.config, [decoded[step]!], past, cache));
        expect(out['present.0.value']!.dims).toEqual([1, 4, past + 1, 8]);
        const row = logitsRow(out.logits!, 0);
        const expected = Array.from(reference.logits!.data as Float64Array).slice(
          past * PARAMS.vocab,
          (past + 1) * PARAMS.vocab,
        );
        worst.push(Math.max(...row.map((v, k) => Math.abs(v - expected[k]!) / (1 + Math.abs(expected[k]!)))));
        cache = out;
      }
      expect(Math.max(...worst)).toBeLessThan(1e-3);
      // The logits spread (a test that can fail): rows are not flat.
      const last = Array.from(reference.logits!.data as Float64Array).slice(-PARAMS.vocab);
      expect(Math.max(...last) - Math.min(...last)).toBeGreaterThan(1);
    } finally {
      await session.dispose();
    }
  });

  it('a decode step fed a wrong cache differs from the reference (the check can fail)', async () => {
    const model = await buildModel({ kind: 'zoo', arch: 'gpt', params: PARAMS, seed: 7 });
    const resolved = model.transformer as ResolvedTransformer;
    const { session } = await (await RUNTIMES['ort-node:cpu']!.create()).load(model, defaultSettings());
    try {
      const prompt = tokenIds(6, PARAMS.vocab);
      const reference = float64TransformerForward(resolved, gptFeeds(resolved.config, [...prompt, 3], 0));
      const stale = await session.run(gptFeeds(resolved.config, prompt.slice(0, 5).reverse(), 0));
      const out = await session.run(gptFeeds(resolved.config, [3], 5, stale));
      const expected = Array.from(reference.logits!.data as Float64Array).slice(-PARAMS.vocab);
      const row = logitsRow(out.logits!, 0);
      expect(Math.max(...row.map((v, k) => Math.abs(v - expected[k]!)))).toBeGreaterThan(1e-2);
    } finally {
      await session.dispose();
    }
  });
});
