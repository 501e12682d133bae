/**
 * What each side observed for one matched job, with repeats pooled:
 * - latency: the raw samples of every repeat (samplesNs), or the HDR histogram where the raw
 *   samples were capped (histogramNs), as one weighted sample; without either, the repeats'
 *   summary percentiles (one observation per repeat);
 * - one value per repeat for throughput, train time, peak RSS and accuracy;
 * - statuses and parity verdicts per repeat.
 */
import { errorMessage, UsageError } from '../../harness/errors.js';
import { fromValues, latencySampleOf, pool, type LatencySample } from '../stats/index.js';
import type { JobResult } from '../schema.js';

/** Statuses whose measurements count (LoadGen-invalid runs still measured latencies). */
export const MEASURED_STATUSES: readonly string[] = ['ok', 'invalid'];
/** Statuses that mean the job broke: ok -> one of these is a regression. */
export const BROKEN_STATUSES: readonly string[] = ['failed', 'crashed', 'timeout', 'oom'];
/** Statuses that mean the job did not run at all: not judged. */
export const NOT_RUN_STATUSES: readonly string[] = ['skipped', 'unavailable'];

export interface SideObservations {
  repeats: number;
  statuses: string[];
  /** Pooled latency sample and what it came from; null when no repeat had latencies. */
  latency: LatencySample | null;
  /** Summary percentiles per repeat, used when neither samples nor histogram were stored. */
  latencySummaries: Array<Record<string, number>>;
  throughputPerS: number[];
  trainSeconds: number[];
  peakRssBytes: number[];
  accuracy: { metric: string; values: number[] } | null;
  parityPass: boolean[];
}

/** Where a job came from, for error messages (a result file, or a label such as `re-measured`). */
export type SourceOf = (job: JobResult) => string | undefined;

/** A job's latencies (results/stats/latency-sample.ts); a corrupt histogram is a bad result file (E_RESULT_FILE). */
function latencyOf(job: JobResult, sourceOf: SourceOf): LatencySample | null {
  try {
    return latencySampleOf(job);
  } catch (err) {
    throw new UsageError('E_RESULT_FILE',
      `${sourceOf(job) ?? 'result file'}: job ${job.id}: histogramNs is corrupt (${errorMessage(err)}); re-run the job or leave this file out of the comparison.`);
  }
}

/**
 * Collects one side's observations of a matched job from its repeats. Only measured repeats (ok,
 * invalid) count for every metric, peak memory included: a crashed or oom repeat's memory is not
 * a measurement of the job.
 */
export function observe(jobs: JobResult[], sourceOf: SourceOf = () => undefined): SideObservations {
  const measured = jobs.filter((j) => MEASURED_STATUSES.includes(j.status));
  const latencies = measured.map((j) => latencyOf(j, sourceOf)).filter((l): l is NonNullable<typeof l> => l !== null);
  const accuracyJobs = measured.filter((j) => j.accuracy && Number.isFinite(j.accuracy.value));
  return {
    repeats: jobs.length,
    statuses: jobs.map((j) => j.status),
    latency: latencies.length
      ? { sample: pool(latencies.map((l) => l.sample)), source: latencies.some((l) => l.source === 'histogram') ? 'histogram' : 'samples' }
      : null,
    latencySummaries: measured.filter((j) => j.latencyNs).map((j) => j.latencyNs as unknown as Record<string, number>),
    throughputPerS: measured.map((j) => j.throughputPerS).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)),
    trainSeconds: measured.map((j) => j.train?.seconds).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)),
    peakRssBytes: measured.map((j) => j.memory?.peakRssBytes).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)),
    accuracy: accuracyJobs.length ? { metric: accuracyJobs[0]!.accuracy!.metric, values: accuracyJobs.map((j) => j.accuracy!.value) } : null,
    // The job that is the parity reference itself has no verdict to compare.
    parityPass: measured.flatMap((j) => (j.parity && 'pass' in j.parity ? [j.parity.pass] : [])),
  };
}
