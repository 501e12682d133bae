/**
 * Sample sources: what a scenario runner feeds a session. A source holds `count` samples; a
 * query asks for some of them by index and gets them concatenated along dim 0 (the symbolic
 * `batch` dim), like LoadGen's QuerySampleLibrary with every sample loaded up front.
 * Samples are stored in one contiguous typed array per input, so a query of consecutive
 * indices is a zero-copy view (`subarray`); other queries copy.
 */
import { UsageError } from '../errors.js';
import { createRng } from '../measure/random.js';
import type { DType, Feeds, Tensor, TensorSpec, TypedArray } from '../types.js';

/** Metrics the accuracy scenario can score (harness/measure/metrics.ts). */
export type AccuracyMetricName = 'auc' | 'top1' | 'logloss';

/** Ground truth for the accuracy scenario. */
export interface AccuracyTarget {
  /** One label per sample (0/1 for auc and logloss, the class index for top1). */
  labels: ArrayLike<number>;
  metric: AccuracyMetricName;
  /** The reference value (e.g. the same model's score on a reference runtime); null when unknown. */
  reference: number | null;
  /** Output to score; default: the session's first output. */
  outputName?: string;
}

/** What scenarios read samples from. */
export interface SampleSource {
  /** Number of distinct samples. */
  count: number;
  /** The samples at `indices`, concatenated along dim 0. */
  feeds(indices: number[]): Feeds;
  /** Present when the source can be scored (accuracy scenario). */
  accuracy?: AccuracyTarget;
}

interface StoredInput {
  name: string;
  dtype: DType;
  /** Dims of one sample, dim 0 included (rows per sample). */
  sampleDims: number[];
  sampleSize: number;
  data: TypedArray;
}

function allocate(dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'int64':
      return new BigInt64Array(length);
    case 'uint8':
    case 'bool':
      return new Uint8Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'float16':
    case 'bfloat16':
      return new Uint16Array(length);
    case 'string':
      throw new UsageError(
        'E_BAD_INPUT',
        'string inputs have no random generator here; give their values (mlbench model --input name=...)',
      );
  }
}

function sourceFrom(inputs: StoredInput[], count: number, accuracy?: AccuracyTarget): SampleSource {
  return {
    count,
    accuracy,
    feeds(indices: number[]): Feeds {
      const k = indices.length;
      if (k === 0) throw new RangeError('feeds(): at least one sample index is needed');
      let consecutive = true;
      for (let j = 0; j < k; j++) {
        const i = indices[j]!;
        if (!(i >= 0 && i < count && Number.isInteger(i)))
          throw new RangeError(`feeds(): sample index ${i} outside [0, ${count})`);
        if (j > 0 && i !== indices[j - 1]! + 1) consecutive = false;
      }
      const out: Feeds = {};
      for (const input of inputs) {
        const dims = [input.sampleDims[0]! * k, ...input.sampleDims.slice(1)];
        let data: TypedArray;
        if (consecutive) {
          data = input.data.subarray(
            indices[0]! * input.sampleSize,
            (indices[0]! + k) * input.sampleSize,
          ) as TypedArray;
        } else {
          data = allocate(input.dtype, k * input.sampleSize);
          for (let j = 0; j < k; j++) {
            const from = indices[j]! * input.sampleSize;
            (data as Float32Array).set(
              (input.data as Float32Array).subarray(from, from + input.sampleSize),
              j * input.sampleSize,
            );
          }
        }
        const tensor: Tensor = { dtype: input.dtype, dims, data };
        out[input.name] = tensor;
      }
      return out;
    },
  };
}

/** Resolves a spec's dims for one sample: `batch` -> dims.batch ?? 1, other names from `dims`. */
function sampleDimsOf(spec: TensorSpec, dims: Record<string, number>): number[] {
  return spec.dims.map((d, axis) => {
    if (typeof d === 'number') return axis === 0 && d <= 0 ? 1 : d;
    const v = dims[d] ?? (d === 'batch' || axis === 0 ? 1 : undefined);
    if (v === undefined || !(Number.isInteger(v) && v > 0)) {
      throw new UsageError(
        'E_BAD_INPUT',
        `input "${spec.name}": symbolic dim "${d}" has no size; its size must be given (known: ${Object.keys(dims).join(', ') || 'none'}).`,
      );
    }
    return v;
  });
}

/**
 * `count` seeded random samples for the given input specs. Floats are uniform in [-1, 1);
 * integers (int32, int64, uint8, int8) are uniform in [0, intHigh); bool is 0/1.
 * Symbolic dims other than `batch` come from `dims`; `batch` is `dims.batch ?? 1` rows per sample.
 */
export function randomSamples(
  specs: TensorSpec[],
  count: number,
  seed: number,
  dims: Record<string, number> = {},
  intHigh = 2,
): SampleSource {
  if (!(Number.isInteger(count) && count > 0))
    throw new RangeError(`randomSamples: count must be a positive integer, got ${count}`);
  const rng = createRng(seed);
  const inputs = specs.map((spec): StoredInput => {
    const sampleDims = sampleDimsOf(spec, dims);
    const sampleSize = sampleDims.reduce((a, b) => a * b, 1);
    const data = allocate(spec.dtype, sampleSize * count);
    if (data instanceof BigInt64Array) {
      for (let i = 0; i < data.length; i++) data[i] = BigInt(Math.floor(rng() * intHigh));
    } else if (spec.dtype === 'float32' || spec.dtype === 'float64') {
      for (let i = 0; i < data.length; i++) data[i] = rng() * 2 - 1;
    } else {
      const high = spec.dtype === 'bool' ? 2 : intHigh;
      for (let i = 0; i < data.length; i++) data[i] = Math.floor(rng() * high);
    }
    return { name: spec.name, dtype: spec.dtype, sampleDims, sampleSize, data };
  });
  return sourceFrom(inputs, count);
}

/** A dataset as a sample source: `features` row-major, one row of `sampleDims` per sample. */
export interface ArraySamplesOptions {
  inputName: string;
  features: Float32Array;
  /** Dims of one sample without the batch dim, e.g. [8] for tabular rows, [1, 28, 28] for MNIST. */
  sampleDims: number[];
  /** Ground truth and metric, for the accuracy scenario. */
  accuracy?: AccuracyTarget;
}

/** Wraps dataset arrays (features + labels + metric) as a sample source (no copy). */
export function arraySamples(options: ArraySamplesOptions): SampleSource {
  const sampleSize = options.sampleDims.reduce((a, b) => a * b, 1);
  if (!(sampleSize > 0) || options.features.length % sampleSize !== 0) {
    throw new UsageError(
      'E_BAD_DATA',
      `arraySamples(${options.inputName}): features length ${options.features.length} is not a multiple of the sample size ${sampleSize} (dims ${options.sampleDims.join('x')}).`,
    );
  }
  const count = options.features.length / sampleSize;
  if (options.accuracy && options.accuracy.labels.length !== count) {
    throw new UsageError(
      'E_BAD_DATA',
      `arraySamples(${options.inputName}): ${options.accuracy.labels.length} labels for ${count} samples.`,
    );
  }
  const input: StoredInput = {
    name: options.inputName,
    dtype: 'float32',
    sampleDims: [1, ...options.sampleDims],
    sampleSize,
    data: options.features,
  };
  return sourceFrom([input], count, options.accuracy);
}
