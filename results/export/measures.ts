/**
 * The measures every JSON export carries for one benchmark (a job with one definition, over its
 * repeats and the result files given: exporter.ts groups them), each with its direction and,
 * where one exists, its 95% interval over runs (bounds.ts medianOverRuns):
 * - latency (ns): each run's p50 (from its samples or histogram, else its summary), then the
 *   median over runs; an interval only from 6 runs on, never from one run's queries;
 * - throughput (samples per s), queries-per-s (a batched query counts once), peak RSS (bytes), train seconds, and the accuracy metric (auc, top1,
 *   logloss...): one value per run, pooled the same way.
 */
import type { JobResult } from '../schema.js';
import { latencySampleOf } from '../stats/latency-sample.js';
import { quantile } from '../stats/weighted-sample.js';
import { medianOverRuns, type Bounded } from './bounds.js';
import { accuracyBetter, METRICS, type Better, type MetricDef } from '../metrics.js';

export interface Measure extends Bounded {
  /** kebab-case id: latency, throughput, peak-rss, train-seconds, auc, top1, logloss... */
  id: string;
  unit: string;
  better: Better;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function pooled(jobs: JobResult[], pick: (j: JobResult) => unknown): Bounded | null {
  const values = jobs.map(pick).filter(finite);
  return values.length ? medianOverRuns(values) : null;
}

/** One run's p50: of its stored samples (the percentile rule), else its summary. */
function runP50(job: JobResult): number | undefined {
  const stored = latencySampleOf(job);
  return stored ? quantile(stored.sample, 0.5) : job.latencyNs?.p50;
}

function latency(jobs: JobResult[]): Bounded | null {
  return pooled(jobs, runP50);
}

/** The catalogue metrics every export carries, in this order (latency has its own per-run p50). */
const EXPORTED: readonly MetricDef[] = [
  METRICS['latency.p50'],
  METRICS.throughput,
  METRICS['throughput.queries'],
  METRICS['memory.peakRss'],
  METRICS['train.seconds'],
];

/** The measures of one benchmark's jobs (repeats and runs of the same job id). */
export function measuresOf(jobs: JobResult[]): Measure[] {
  const out: Measure[] = [];
  const add = (id: string, unit: string, better: Better, b: Bounded | null) => {
    if (b && finite(b.value)) out.push({ id, unit, better, ...b });
  };
  for (const m of EXPORTED)
    add(m.exportName!, m.unit, m.better, m === METRICS['latency.p50'] ? latency(jobs) : pooled(jobs, m.read));
  const metric = jobs.find((j) => j.accuracy)?.accuracy?.metric;
  if (metric) {
    const id = metric.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    add(
      id,
      metric,
      accuracyBetter(metric),
      pooled(jobs, (j) => (j.accuracy?.metric === metric ? j.accuracy.value : undefined)),
    );
  }
  return out;
}
