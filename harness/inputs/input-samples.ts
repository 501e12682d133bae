/**
 * A sample source for a model file's resolved inputs: every sample is one complete query (the
 * shapes the user resolved, batch dim included), random with a seed, except the inputs with
 * fixed values, which are the same in every sample. Generated values: floats uniform in [-1, 1),
 * integers 0 or 1, unless `--input-range lo..hi` sets the range (integers inclusive, so
 * `input_ids=0..30521` covers a BERT vocabulary); float16/bfloat16 are rounded from those numbers;
 * strings are short seeded words (`w123`). Scalars (rank 0) are fine here, unlike in
 * scenarios/samples.ts randomSamples, which stacks samples along dim 0.
 *
 * Because each sample is already a whole query, samples are not stacked: a query of more than
 * one sample (multi-stream, offline with batchSize > 1) is refused with advice to set the batch
 * with --shape instead.
 */
import { UsageError } from '../errors.js';
import { createRng } from '../measure/random.js';
import type { Feeds, TypedArray } from '../types.js';
import type { SampleSource } from '../scenarios/samples.js';
import { bfloat16Bits, float16Bits } from './half-float.js';
import type { ResolvedInput } from './input-spec.js';

/** Cap on the bytes all samples may hold: fewer distinct samples for big inputs. */
const MAX_SAMPLE_BYTES = 64 * 1024 * 1024;

/** Bytes per element (strings: a rough 8 for the cap). */
const BYTES: Record<ResolvedInput['dtype'], number> = {
  float32: 4,
  float64: 8,
  int32: 4,
  int64: 8,
  uint8: 1,
  int8: 1,
  bool: 1,
  float16: 2,
  bfloat16: 2,
  string: 8,
};

function fill(input: ResolvedInput, length: number, rng: () => number): TypedArray | string[] {
  const size = input.dims.reduce((a, b) => a * b, 1);
  const fixed = input.fixed;
  if (input.dtype === 'string') {
    return Array.from({ length }, (_, i) => (fixed ? String(fixed[i % size]) : `w${Math.floor(rng() * 1000)}`));
  }
  const isFloat = input.dtype.startsWith('float') || input.dtype === 'bfloat16';
  const [lo, hi] = input.range ?? (isFloat ? [-1, 1] : [0, 1]);
  const value = (i: number): number =>
    fixed
      ? Number(fixed[i % size])
      : isFloat
        ? lo + rng() * (hi - lo)
        : Math.floor(lo + rng() * (Math.floor(hi) - Math.ceil(lo) + 1));
  switch (input.dtype) {
    case 'float32':
      return Float32Array.from({ length }, (_, i) => value(i));
    case 'float64':
      return Float64Array.from({ length }, (_, i) => value(i));
    case 'float16':
      return Uint16Array.from({ length }, (_, i) => float16Bits(value(i)));
    case 'bfloat16':
      return Uint16Array.from({ length }, (_, i) => bfloat16Bits(value(i)));
    case 'int32':
      return Int32Array.from({ length }, (_, i) => value(i));
    case 'int64':
      return BigInt64Array.from({ length }, (_, i) => BigInt(Math.trunc(value(i))));
    case 'uint8':
    case 'bool':
      return Uint8Array.from({ length }, (_, i) => value(i));
    case 'int8':
      return Int8Array.from({ length }, (_, i) => value(i));
  }
}

/** Up to `count` seeded samples (fewer when they would exceed 64 MiB), each one whole query. */
export function inputSamples(inputs: ResolvedInput[], count: number, seed: number): SampleSource {
  const sizes = inputs.map((i) => i.dims.reduce((a, b) => a * b, 1));
  const sampleBytes = inputs.reduce((sum, input, k) => sum + sizes[k]! * BYTES[input.dtype], 0);
  const n = Math.max(1, Math.min(count, Math.floor(MAX_SAMPLE_BYTES / Math.max(1, sampleBytes))));
  const rng = createRng(seed);
  const stored = inputs.map((input, k) => fill(input, sizes[k]! * n, rng));
  return {
    count: n,
    feeds(indices: number[]): Feeds {
      if (indices.length !== 1) {
        throw new UsageError(
          'E_BAD_INPUT',
          `a model file's samples are whole queries of the shapes given with --shape; a query of ${indices.length} samples (multi-stream, or offline with batchSize > 1) cannot be formed. Set the batch with --shape and use --batch-size 1.`,
        );
      }
      const i = indices[0]!;
      if (!(Number.isInteger(i) && i >= 0 && i < n))
        throw new RangeError(`feeds(): sample index ${i} outside [0, ${n})`);
      const out: Feeds = {};
      inputs.forEach((input, k) => {
        const size = sizes[k]!;
        const all = stored[k]!;
        const data = Array.isArray(all)
          ? all.slice(i * size, (i + 1) * size)
          : (all.subarray(i * size, (i + 1) * size) as TypedArray);
        out[input.name] = { dtype: input.dtype, dims: input.dims.slice(), data };
      });
      return out;
    },
  };
}
