/**
 * Transformer zoo architectures (`bert`, `gpt`): their size parameters, defaults (the published
 * sizes), validation, parameter count and FLOPs. A transformer is described by this small config
 * plus a seed, not by the layer list of models/arch.ts (attention is not a sequential layer stack).
 *
 * - `gpt`: GPT-2's pre-LayerNorm causal decoder with learned positions and a tied LM head
 *   (Radford et al. 2019, "Language Models are Unsupervised Multitask Learners"); defaults are
 *   GPT-2 small (124,439,808 parameters).
 * - `bert`: BERT's post-LayerNorm encoder with token, position and token-type embeddings and a
 *   tanh pooler over the first token (Devlin et al. 2019); defaults are BERT-base (109,482,240).
 * Params: `layers`, `hidden` (model width C), `heads` (H, must divide C), `intermediate` (MLP
 * width), `vocab`, `context` (learned positions, the longest sequence), `typeVocab` (bert only).
 */
import { UsageError } from '../../errors.js';

import type { TransformerConfig, TransformerKind } from '../../arch.js';

export type { TransformerConfig, TransformerKind } from '../../arch.js';

/** Defaults per arch: the published sizes. */
export const TRANSFORMER_DEFAULTS: Record<TransformerKind, Record<string, number>> = {
  gpt: { layers: 12, hidden: 768, heads: 12, intermediate: 3072, vocab: 50257, context: 1024 },
  bert: { layers: 12, hidden: 768, heads: 12, intermediate: 3072, vocab: 30522, context: 512, typeVocab: 2 },
};

export const TRANSFORMER_ARCHS: readonly TransformerKind[] = ['gpt', 'bert'];

export function isTransformerArch(arch: string): arch is TransformerKind {
  return (TRANSFORMER_ARCHS as readonly string[]).includes(arch);
}

/**
 * Resolves a zoo transformer's params over its defaults. Unknown params, non-positive-integer
 * values and heads that do not divide hidden are refused with UsageError E_BAD_MODEL naming them.
 */
export function transformerConfig(
  arch: TransformerKind,
  params: Record<string, number | string | boolean>,
): TransformerConfig {
  const defaults = TRANSFORMER_DEFAULTS[arch];
  const p: Record<string, number> = { ...defaults };
  for (const [key, value] of Object.entries(params)) {
    if (!(key in defaults))
      throw new UsageError(
        'E_BAD_MODEL',
        `zoo model ${arch}: unknown param "${key}". Valid params: ${Object.keys(defaults).join(', ')}.`,
      );
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(
        'E_BAD_MODEL',
        `zoo model ${arch}: param ${key} must be a positive integer, got ${JSON.stringify(value)}.`,
      );
    p[key] = n;
  }
  if (p.hidden! % p.heads! !== 0)
    throw new UsageError('E_BAD_MODEL', `zoo model ${arch}: heads (${p.heads}) must divide hidden (${p.hidden}).`);
  return {
    arch,
    layers: p.layers!,
    hidden: p.hidden!,
    heads: p.heads!,
    intermediate: p.intermediate!,
    vocab: p.vocab!,
    context: p.context!,
    typeVocab: arch === 'bert' ? p.typeVocab! : 0,
    layerNormEpsilon: arch === 'gpt' ? 1e-5 : 1e-12,
  };
}

/** Stable model name, e.g. `gpt-layers2-hidden64-heads2-intermediate256-vocab512-context128`. */
export function transformerName(c: TransformerConfig): string {
  const keys = Object.keys(TRANSFORMER_DEFAULTS[c.arch]) as Array<keyof TransformerConfig>;
  return `${c.arch}-${keys.map((k) => `${k}${c[k]}`).join('-')}`;
}

/** Parameter count (the tied LM head counted once), as the papers and HF count them. */
export function transformerParameters(c: TransformerConfig): number {
  const C = c.hidden,
    I = c.intermediate;
  const perLayer = 4 * (C * C + C) + (C * I + I) + (I * C + C) + 2 * 2 * C;
  const embeddings = c.vocab * C + c.context * C + c.typeVocab * C;
  const tail = c.arch === 'gpt' ? 2 * C : 2 * C + C * C + C; // gpt: ln_f; bert: embedding LayerNorm + pooler
  return embeddings + c.layers * perLayer + tail;
}

/**
 * FLOPs (2 x MACs) of one forward pass at batch 1 over `sequence` new tokens attending to
 * `past + sequence` positions: the Q/K/V/output projections and the MLP (2 x params per token),
 * attention scores and the weighted sum (2 x 2 x C per query-key pair), and gpt's LM head
 * (2 x C x vocab per token) or bert's pooler (2 x C x C once). LayerNorm, softmax, GELU, bias
 * adds and embedding lookups are not counted (the usual convention, as in models/shapes.ts).
 */
export function transformerFlops(c: TransformerConfig, sequence: number, past = 0): number {
  const C = c.hidden,
    I = c.intermediate;
  const projections = 2 * sequence * (4 * C * C + 2 * C * I);
  const pairs = sequence * past + (c.arch === 'gpt' ? (sequence * (sequence + 1)) / 2 : sequence * sequence);
  const attention = 2 * 2 * C * pairs;
  const head = c.arch === 'gpt' ? 2 * sequence * C * c.vocab : 2 * C * C;
  return c.layers * (projections + attention) + head;
}
