/**
 * The one rule for which latencies of a job result to use, shared by compare and the reports:
 * the HDR histogram (histogramNs) when the raw samples were capped (samplesNs then holds only the
 * first queries), else the raw samples, else the histogram; null when neither was stored (callers
 * fall back to the latencyNs summary). Both become a WeightedSample.
 */
import { fromHdrBase64, fromValues, type WeightedSample } from './weighted-sample.js';

/** The latency fields of a job result (structural, so this module needs no schema). */
export interface LatencyFields {
  samplesNs?: number[] | null;
  samplesCapped?: boolean;
  histogramNs?: { data: string } | null;
}

export interface LatencySample {
  sample: WeightedSample;
  source: 'samples' | 'histogram';
}

/** A job's latencies as one weighted sample. Throws RangeError when its histogram cannot be decoded. */
export function latencySampleOf(job: LatencyFields): LatencySample | null {
  if (job.samplesCapped && job.histogramNs) return { sample: fromHdrBase64(job.histogramNs.data), source: 'histogram' };
  if (job.samplesNs && job.samplesNs.length > 0) return { sample: fromValues(job.samplesNs), source: 'samples' };
  if (job.histogramNs) return { sample: fromHdrBase64(job.histogramNs.data), source: 'histogram' };
  return null;
}
