/**
 * A sample as sorted distinct values with counts. Raw latencies (samplesNs) and HDR histograms
 * (histogramNs, when raw samples were capped) both become this one shape, so the rank test and the
 * bootstrap treat them alike: a histogram bucket is a value observed `count` times. Pure: no I/O.
 */
import * as hdr from 'hdr-histogram-js';
import { percentileRank } from '../../harness/measure/percentiles.js';

/** Sorted distinct values (ascending) with how often each was observed. */
export interface WeightedSample {
  values: Float64Array;
  counts: Float64Array;
  /** Total number of observations (sum of counts). */
  n: number;
}

/** Builds a weighted sample from raw observations (any order). */
export function fromValues(observations: ArrayLike<number>): WeightedSample {
  const sorted = Float64Array.from(observations).sort();
  const values: number[] = [];
  const counts: number[] = [];
  for (const v of sorted) {
    if (Number.isNaN(v)) throw new RangeError('a sample contains NaN');
    if (values.length && values[values.length - 1] === v) counts[counts.length - 1]! += 1;
    else {
      values.push(v);
      counts.push(1);
    }
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), n: sorted.length };
}

/**
 * Decodes an hdr-histogram-js compressed base64 histogram. Each non-empty bucket becomes its
 * highest equivalent value (what HdrHistogram's own percentiles report) with the bucket's count.
 * Throws RangeError (`histogram cannot be decoded: ...`) for data that is not such a histogram;
 * callers that know the file name it (results/compare/observations.ts).
 */
export function fromHdrBase64(data: string): WeightedSample {
  let decoded: unknown;
  try {
    decoded = hdr.decodeFromCompressedBase64(data);
  } catch (err) {
    throw new RangeError(`histogram cannot be decoded: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const histogram = decoded as {
    countsArrayLength: number;
    getCountAtIndex(i: number): number;
    valueFromIndex(i: number): number;
    highestEquivalentValue(v: number): number;
  };
  const values: number[] = [];
  const counts: number[] = [];
  let n = 0;
  for (let i = 0; i < histogram.countsArrayLength; i++) {
    const c = histogram.getCountAtIndex(i);
    if (c > 0) {
      values.push(histogram.highestEquivalentValue(histogram.valueFromIndex(i)));
      counts.push(c);
      n += c;
    }
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), n };
}

/** Joins several samples (e.g. the repeats of one job) into one. */
export function pool(samples: WeightedSample[]): WeightedSample {
  const pairs: Array<[number, number]> = [];
  for (const s of samples) for (let i = 0; i < s.values.length; i++) pairs.push([s.values[i]!, s.counts[i]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const values: number[] = [];
  const counts: number[] = [];
  let n = 0;
  for (const [v, c] of pairs) {
    if (values.length && values[values.length - 1] === v) counts[counts.length - 1]! += c;
    else {
      values.push(v);
      counts.push(c);
    }
    n += c;
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), n };
}

/** Cumulative counts: cum[i] = number of observations with value <= values[i]. */
export function cumulativeCounts(sample: WeightedSample): Float64Array {
  const cum = new Float64Array(sample.counts.length);
  let total = 0;
  for (let i = 0; i < cum.length; i++) {
    total += sample.counts[i]!;
    cum[i] = total;
  }
  return cum;
}

/** The observation at 0-based rank `rank` of the sorted sample (binary search on `cum`). */
export function valueAtRank(sample: WeightedSample, cum: Float64Array, rank: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > rank) hi = mid;
    else lo = mid + 1;
  }
  return sample.values[lo]!;
}

/** Quantile by the project's one rule (harness/measure/percentiles.ts percentileRank). */
export function quantile(sample: WeightedSample, p: number): number {
  if (sample.n === 0) return Number.NaN;
  return valueAtRank(sample, cumulativeCounts(sample), percentileRank(sample.n, p));
}
