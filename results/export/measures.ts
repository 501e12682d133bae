/**
 * The measures every JSON export carries for one benchmark (a job, pooled over its repeats and
 * over the result files given), each with its direction and, where a CI exists, its bounds:
 * - latency (ns): p50; one run: the median's interval over its queries; several runs: the median
 *   of the runs' p50s with its interval over runs (the run is the unit of variance);
 * - throughput (per s), peak RSS (bytes), train seconds, and the accuracy metric (auc, top1,
 *   logloss...): one value per run, pooled the same way (median of runs, interval over runs).
 */
import type { JobResult } from '../schema.js';
import { latencySampleOf } from '../stats/latency-sample.js';
import { quantileCi, type Bounded } from './bounds.js';

export interface Measure extends Bounded {
  /** kebab-case id: latency, throughput, peak-rss, train-seconds, auc, top1, logloss... */
  id: string;
  unit: string;
  smallerIsBetter: boolean;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Metrics where a lower value is better; every other accuracy metric (auc, top1) is higher-better. */
const LOWER_IS_BETTER_ACCURACY = new Set(['logloss', 'log-loss', 'mse', 'rmse', 'mae']);

function pooled(jobs: JobResult[], pick: (j: JobResult) => unknown): Bounded | null {
  const values = jobs.map(pick).filter(finite);
  return values.length ? quantileCi(values, 0.5) : null;
}

function latency(jobs: JobResult[]): Bounded | null {
  if (jobs.length === 1) {
    const sample = latencySampleOf(jobs[0]!);
    if (sample) return quantileCi(sample.sample, 0.5);
  }
  return pooled(jobs, (j) => j.latencyNs?.p50);
}

/** The measures of one benchmark's jobs (repeats and runs of the same job id). */
export function measuresOf(jobs: JobResult[]): Measure[] {
  const out: Measure[] = [];
  const add = (id: string, unit: string, smallerIsBetter: boolean, b: Bounded | null) => { if (b && finite(b.value)) out.push({ id, unit, smallerIsBetter, ...b }); };
  add('latency', 'ns', true, latency(jobs));
  add('throughput', 'per s', false, pooled(jobs, (j) => j.throughputPerS));
  add('peak-rss', 'bytes', true, pooled(jobs, (j) => j.memory?.peakRssBytes));
  add('train-seconds', 's', true, pooled(jobs, (j) => j.train?.seconds));
  const metric = jobs.find((j) => j.accuracy)?.accuracy?.metric;
  if (metric) {
    const id = metric.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    add(id, metric, LOWER_IS_BETTER_ACCURACY.has(id), pooled(jobs, (j) => (j.accuracy?.metric === metric ? j.accuracy.value : undefined)));
  }
  return out;
}
