/**
 * The requests of a generation run: prompt lengths, output lengths and prompt token ids, fixed
 * or drawn from a seeded uniform distribution (gen.inputTokens..gen.inputTokensMax,
 * gen.outputTokens..gen.outputTokensMax), so one seed gives the same requests on every runtime
 * and machine. Request k is a pure function of (seed, k). Pure: no I/O.
 */
import { createRng, deriveSeed } from '../measure/random.js';
import type { GenerationRequest } from '../types.js';

export interface LengthSettings {
  inputTokens: number;
  /** 0 = fixed at inputTokens. */
  inputTokensMax: number;
  outputTokens: number;
  /** 0 = fixed at outputTokens. */
  outputTokensMax: number;
  /** Prompt ids are drawn in [0, vocabSize). */
  vocabSize: number;
  useCache: boolean;
  seed: number;
}

const between = (rng: () => number, lo: number, hi: number) => (hi > lo ? lo + Math.floor(rng() * (hi - lo + 1)) : lo);

/** Request number `index` of the run. */
export function generationRequest(s: LengthSettings, index: number): GenerationRequest {
  const rng = createRng(deriveSeed(s.seed, `generation-request-${index}`));
  const inputTokens = between(rng, s.inputTokens, s.inputTokensMax);
  const outputTokens = between(rng, s.outputTokens, s.outputTokensMax);
  const inputIds = Array.from({ length: inputTokens }, () => Math.floor(rng() * s.vocabSize));
  return { inputIds, outputTokens, useCache: s.useCache };
}
