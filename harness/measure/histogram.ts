/**
 * Latency recorder: every latency goes into an HDR histogram (hdr-histogram-js, 3 significant
 * digits, so memory stays a few hundred KB at any query count) and the first
 * `maxSamplesRetained` go into a raw Float64Array as well, in issue order.
 *
 * Percentiles follow measure/percentiles.ts (LoadGen: `sorted[floor(n * p)]`). While every
 * sample is retained they are exact; once the raw samples are capped they are read from the
 * histogram at the same rank, so they are exact to the histogram's resolution (0.1 %).
 * min, max and mean are always exact (tracked online).
 *
 * Cost: a histogram insert costs ~85 ns, 0.4 % of a 20 us query. While the raw samples are
 * under the cap they already hold everything, so they are copied into the histogram only when
 * it is first needed (the cap is reached, or the histogram is read); the measuring loop then
 * pays only for an array store.
 */
import hdr from 'hdr-histogram-js';
import type { LatencySummaryNs } from '../types.js';
import { latencySummary, percentileRank, percentileSorted, summarize } from './percentiles.js';

/** The result-file encoding of a histogram (results/schema.ts HistogramSchema). */
export interface HistogramEncoding {
  encoding: 'hdr-histogram-js/base64';
  data: string;
  count: number;
}

export class LatencyRecorder {
  private readonly histogram = hdr.build({ bitBucketSize: 32, numberOfSignificantValueDigits: 3, autoResize: true });
  private raw: Float64Array;
  private retained = 0;
  private readonly cap: number;
  private n = 0;
  private minNs = Number.POSITIVE_INFINITY;
  private maxNs = 0;
  private sumNs = 0;
  private sortedCache: Float64Array | null = null;
  /** How many values the histogram holds (raw samples are copied in lazily). */
  private inHistogram = 0;

  private over = 0;
  private readonly boundNs: number;

  /** `boundNs`: latencies above it are counted exactly (Server's over-latency count for early stopping). */
  constructor(maxSamplesRetained: number, boundNs: number = Number.POSITIVE_INFINITY) {
    this.boundNs = boundNs;
    this.cap = Math.max(0, Math.floor(maxSamplesRetained));
    this.raw = new Float64Array(Math.min(this.cap, 1024));
  }

  /** Records one latency in ns (negative values are clamped to 0). */
  record(latencyNs: number): void {
    const v = latencyNs > 0 ? latencyNs : 0;
    if (this.retained < this.cap) {
      if (this.retained === this.raw.length) {
        const grown = new Float64Array(Math.min(this.cap, this.raw.length * 2));
        grown.set(this.raw);
        this.raw = grown;
      }
      this.raw[this.retained++] = v;
    } else {
      this.syncHistogram();
      this.histogram.recordValue(Math.round(v));
      this.inHistogram++;
    }
    this.n++;
    if (v < this.minNs) this.minNs = v;
    if (v > this.maxNs) this.maxNs = v;
    this.sumNs += v;
    if (v > this.boundNs) this.over++;
    this.sortedCache = null;
  }

  /** Copies the retained samples not yet in the histogram into it. */
  private syncHistogram(): void {
    if (this.inHistogram >= this.retained) return;
    for (let i = this.inHistogram; i < this.retained; i++) this.histogram.recordValue(Math.round(this.raw[i]!));
    this.inHistogram = this.retained;
  }

  get count(): number {
    return this.n;
  }

  /** True when some samples were recorded only in the histogram. */
  get capped(): boolean {
    return this.n > this.retained;
  }

  /** The retained raw samples, in issue order (a copy as a plain array, for the result file). */
  samplesNs(): number[] {
    return Array.from(this.raw.subarray(0, this.retained));
  }

  private sorted(): Float64Array {
    if (!this.sortedCache) this.sortedCache = Float64Array.from(this.raw.subarray(0, this.retained)).sort();
    return this.sortedCache;
  }

  /** The value at 0-based rank `rank` of the ascending order (exact while uncapped). */
  valueAtRank(rank: number): number {
    if (this.n === 0) return Number.NaN;
    const r = Math.min(this.n - 1, Math.max(0, Math.floor(rank)));
    if (!this.capped) return this.sorted()[r]!;
    if (r === this.n - 1) return this.maxNs;
    if (r === 0) return this.minNs;
    this.syncHistogram();
    // The (r+1)-th smallest value: hdr returns the first bucket whose cumulative count reaches it.
    return Math.min(this.maxNs, this.histogram.getValueAtPercentile((100 * (r + 1)) / this.n));
  }

  /** The LoadGen percentile (`sorted[floor(n * p)]`), p in [0, 1]. */
  percentile(p: number): number {
    if (!this.capped) return percentileSorted(this.sorted(), p);
    return this.valueAtRank(percentileRank(this.n, p));
  }

  /** How many recorded latencies were strictly above the bound given to the constructor (exact). */
  get overBoundCount(): number {
    return this.over;
  }

  /** min/p50/p90/p95/p97/p99/p99.9/max/mean in ns. */
  summary(): LatencySummaryNs {
    if (!this.capped) return summarize(this.raw.subarray(0, this.retained));
    return latencySummary((p) => this.percentile(p), this.minNs, this.maxNs, this.sumNs / this.n);
  }

  /** The histogram in the result-file encoding (compressed base64). */
  encode(): HistogramEncoding {
    this.syncHistogram();
    return { encoding: 'hdr-histogram-js/base64', data: hdr.encodeIntoCompressedBase64(this.histogram), count: this.n };
  }
}

/** Decodes a result file's histogram (e.g. for reports). */
export function decodeHistogram(encoded: HistogramEncoding): ReturnType<typeof hdr.build> {
  return hdr.decodeFromCompressedBase64(encoded.data);
}
