/**
 * Seeded weights of a transformer config, keyed by name (GPT-2/BERT-like names). Each tensor's
 * values depend only on (seed, name), so changing one size never changes unrelated tensors.
 *
 * Names (C = hidden, I = intermediate, P = context, V = vocab; linear kernels `[in, out]`):
 * - `wte` [V, C] token embeddings (gpt: also the tied LM head), `wpe` [P, C] positions;
 *   bert adds `tte` [typeVocab, C] and `emb_ln.{weight,bias}` [C];
 * - per layer i: `h.{i}.attn.{q,k,v,o}.{weight [C, C], bias [C]}`, `h.{i}.mlp.fc.{weight [C, I],
 *   bias [I]}`, `h.{i}.mlp.proj.{weight [I, C], bias [C]}`, `h.{i}.ln_1` and `h.{i}.ln_2`
 *   (gpt: before attention and before the MLP; bert: after each residual add);
 * - gpt: `ln_f` (final LayerNorm); bert: `pooler.{weight [C, C], bias [C]}`.
 * Init: kernels uniform +-sqrt(6 / (in + out)) (Glorot), biases +-0.05, LayerNorm gains 1 +- 0.1
 * and biases +-0.05, embeddings +-0.5 (so logits spread and greedy tokens differ), all seeded.
 */
import { createRng, deriveSeed } from '../../measure/random.js';
import { uniformArray } from '../weights.js';
import type { NamedWeight, ResolvedTransformer, TransformerConfig } from '../../arch.js';

export type { NamedWeight, ResolvedTransformer } from '../../arch.js';

export function resolveTransformer(config: TransformerConfig, seed: number): ResolvedTransformer {
  const weights = new Map<string, NamedWeight>();
  const add = (name: string, dims: number[], limit: number, center = 0) => {
    const data = uniformArray(
      dims.reduce((a, b) => a * b, 1),
      limit,
      createRng(deriveSeed(seed, name)),
    );
    if (center !== 0) for (let i = 0; i < data.length; i++) data[i]! += center;
    weights.set(name, { dims, data });
  };
  const linear = (name: string, inSize: number, outSize: number) => {
    add(`${name}.weight`, [inSize, outSize], Math.sqrt(6 / (inSize + outSize)));
    add(`${name}.bias`, [outSize], 0.05);
  };
  const norm = (name: string) => {
    add(`${name}.weight`, [config.hidden], 0.1, 1);
    add(`${name}.bias`, [config.hidden], 0.05);
  };
  const { hidden: C, intermediate: I } = config;
  add('wte', [config.vocab, C], 0.5);
  add('wpe', [config.context, C], 0.5);
  if (config.arch === 'bert') {
    add('tte', [config.typeVocab, C], 0.5);
    norm('emb_ln');
  }
  for (let i = 0; i < config.layers; i++) {
    for (const p of ['q', 'k', 'v', 'o']) linear(`h.${i}.attn.${p}`, C, C);
    linear(`h.${i}.mlp.fc`, C, I);
    linear(`h.${i}.mlp.proj`, I, C);
    norm(`h.${i}.ln_1`);
    norm(`h.${i}.ln_2`);
  }
  if (config.arch === 'gpt') norm('ln_f');
  else linear('pooler', C, C);
  return { config, seed, weights };
}
