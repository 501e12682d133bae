/**
 * What a job was fed, for its result (`inputs`): per model input its dims, dtype, a digest of
 * given values and the range of generated ones. compare, ab and history read it to refuse
 * judging jobs fed differently (results/compare/match.ts inputDifferences): batch 1 against
 * batch 8 of the same file is `not comparable (x: 1x3x48x192 → 8x3x48x192)`, not a regression.
 */
import { createHash } from 'node:crypto';
import type { TensorSpec } from '../types.js';
import type { ResolvedInput } from './input-spec.js';

export interface FedInput {
  name: string;
  dtype: string;
  /** Dims of one query's tensor (a zoo model: one sample, the batch is settings.batchSize). */
  dims: number[];
  /** `sha256:<12 hex>` of the given values (--input), so two runs fed different values differ. */
  given?: string;
  /** --input-range: generated values uniform in [lo, hi]. */
  range?: [number, number];
}

const digest = (values: unknown): string =>
  `sha256:${createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 12)}`;

/** The record of a model file's resolved inputs (`mlbench model --shape/--input/--input-range`). */
export function fedFromResolved(inputs: ResolvedInput[]): FedInput[] {
  return inputs.map((i) => ({
    name: i.name,
    dtype: i.dtype,
    dims: [...i.dims],
    ...(i.fixed ? { given: digest(i.fixed) } : {}),
    ...(i.range ? { range: [i.range[0], i.range[1]] as [number, number] } : {}),
  }));
}

/** The record of generated samples of declared specs: symbolic and non-positive dims are 1 (one sample), as randomSamples makes them. */
export function fedFromSpecs(specs: TensorSpec[]): FedInput[] {
  return specs.map((s) => ({
    name: s.name,
    dtype: s.dtype,
    dims: s.dims.map((d) => (typeof d === 'number' && d > 0 ? d : 1)),
  }));
}
