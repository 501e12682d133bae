/**
 * `mlbench export --model gpt|bert -o <folder>` writes a model folder that transformers.js
 * (@huggingface/transformers, a real client of optimum's layout) loads with remote models off;
 * its greedy generate() yields the same token ids as mlbench's own generation loop.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AutoModel, AutoModelForCausalLM, AutoTokenizer, env, Tensor } from '@huggingface/transformers';
import { defaultSettings } from '../../harness/config/settings.js';
import { buildModel } from '../../harness/models/index.js';
import { RUNTIMES } from '../../harness/runtimes/index.js';
import { mlbench, tempDir } from '../helpers/cli.js';
import { tokenIds } from '../helpers/transformer-feeds.js';

const GPT = { layers: 2, hidden: 64, heads: 2, intermediate: 256, vocab: 512, context: 128 };
const params = (p: Record<string, number>) => Object.entries(p).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
const int64 = (ids: number[]) => new Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);

describe('mlbench export: a transformers.js model folder', () => {
  it('gpt: transformers.js greedy generate() = mlbench generate on ort-node:cpu, token for token', async () => {
    const root = tempDir();
    const out = mlbench(['export', '--model', 'gpt', ...params(GPT), '--seed', '3', '-o', path.join(root, 'zoo-gpt')]);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(root, 'zoo-gpt', 'config.json'), 'utf8'))).toMatchObject({
      model_type: 'gpt2',
      n_layer: 2,
      n_head: 2,
      n_embd: 64,
    });
    env.allowRemoteModels = false;
    env.localModelPath = root;
    const tokenizer = await AutoTokenizer.from_pretrained('zoo-gpt');
    const prompt = tokenIds(9, GPT.vocab, 11);
    expect(tokenizer.encode(prompt.map((i) => `t${i}`).join(' '))).toEqual(prompt);

    const hf = await AutoModelForCausalLM.from_pretrained('zoo-gpt');
    const generated = (await hf.generate({
      input_ids: int64(prompt),
      attention_mask: int64(prompt.map(() => 1)),
      max_new_tokens: 12,
      do_sample: false,
    })) as Tensor;
    const hfTokens = (generated.tolist() as bigint[][])[0]!.slice(prompt.length).map(Number);

    const model = await buildModel({ kind: 'zoo', arch: 'gpt', params: GPT, seed: 3 });
    const { session } = await (await RUNTIMES['ort-node:cpu']!.create()).load(model, defaultSettings());
    try {
      const ours = await session.generate!({ inputIds: prompt, outputTokens: 12 }, () => undefined);
      expect(new Set(ours).size).toBeGreaterThan(1);
      expect(hfTokens).toEqual(ours);
    } finally {
      await session.dispose();
    }
  });

  it('bert: transformers.js AutoModel last_hidden_state = mlbench ort-node:cpu on the same ids', async () => {
    const root = tempDir();
    const BERT = { layers: 1, hidden: 32, heads: 2, intermediate: 64, vocab: 40, context: 16 };
    const out = mlbench(['export', '--model', 'bert', ...params(BERT), '-o', path.join(root, 'zoo-bert')]);
    expect(out.code, out.stderr).toBe(0);
    env.allowRemoteModels = false;
    env.localModelPath = root;
    const bert = await AutoModel.from_pretrained('zoo-bert');
    const ids = [1, 7, 3, 5];
    const result = await bert({
      input_ids: int64(ids),
      attention_mask: int64(ids.map(() => 1)),
      token_type_ids: int64(ids.map(() => 0)),
    });
    expect(result.last_hidden_state.dims).toEqual([1, 4, 32]);
    const model = await buildModel({ kind: 'zoo', arch: 'bert', params: BERT, seed: 42 });
    const { session } = await (await RUNTIMES['ort-node:cpu']!.create()).load(model, defaultSettings());
    const i64 = (v: number[]) => ({
      dtype: 'int64' as const,
      dims: [1, v.length],
      data: BigInt64Array.from(v.map(BigInt)),
    });
    const ours = await session.run({
      input_ids: i64(ids),
      attention_mask: i64(ids.map(() => 1)),
      token_type_ids: i64(ids.map(() => 0)),
    });
    await session.dispose();
    const theirs = Array.from(result.last_hidden_state.data as Float32Array);
    Array.from(ours.last_hidden_state!.data as Float32Array).forEach((v, i) => expect(theirs[i]).toBeCloseTo(v, 5));
  });
});
