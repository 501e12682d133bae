/**
 * The metric catalogue: what a job measures, in which unit, and which direction is better, in
 * one place. The run table, the report's leaderboard, compare, the exports (Bencher, github-action-
 * benchmark), history and the LoadGen export read it; a source scan
 * (tests/unit/results/results-metric-catalogue.test.ts) fails on a second direction table.
 *
 * Adding a metric (e.g. `tokens.ttft`) is one entry here plus the consumers that show it.
 */
import type { JobResult } from './schema.js';

export type Better = 'lower' | 'higher';

/** Units as compare writes them; exports print the same strings. */
export type MetricUnit = 'ns' | 'per-s' | 's' | 'bytes' | 'ratio' | 'status' | 'pass' | 'J' | 'ms';

export interface MetricDef {
  /** Dotted id, the name compare prints (`latency.p50`, `memory.peakRss`). */
  id: string;
  unit: MetricUnit;
  better: Better;
  /**
   * The kebab-case name exports and history file the series under (`latency`, `peak-rss`): kept
   * apart from `id` because Bencher and github-action-benchmark key a user's history by it.
   */
  exportName: string | null;
  /** One job's value, or undefined when the job has none. */
  read(job: JobResult): number | undefined;
  /** Judged by compare's decision rule unless asked otherwise (tails are reported only). */
  judgedByDefault: boolean;
}

const finite = (v: number | null | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

function def(d: MetricDef): MetricDef {
  return d;
}

/** Every scalar metric of a job result. */
export const METRICS = {
  'latency.p50': def({
    id: 'latency.p50',
    unit: 'ns',
    better: 'lower',
    exportName: 'latency',
    judgedByDefault: true,
    read: (j) => finite(j.latencyNs?.p50),
  }),
  'latency.p90': def({
    id: 'latency.p90',
    unit: 'ns',
    better: 'lower',
    exportName: null,
    judgedByDefault: false,
    read: (j) => finite(j.latencyNs?.p90),
  }),
  'latency.p99': def({
    id: 'latency.p99',
    unit: 'ns',
    better: 'lower',
    exportName: null,
    judgedByDefault: false,
    read: (j) => finite(j.latencyNs?.p99),
  }),
  // throughput counts samples (samples/s); throughput.queries counts session runs (queries/s), which differ for batched queries.
  throughput: def({
    id: 'throughput',
    unit: 'per-s',
    better: 'higher',
    exportName: 'throughput',
    judgedByDefault: true,
    read: (j) => finite(j.throughputPerS),
  }),
  'throughput.queries': def({
    id: 'throughput.queries',
    unit: 'per-s',
    better: 'higher',
    exportName: 'queries-per-s',
    judgedByDefault: false,
    read: (j) => finite(j.queriesPerS),
  }),
  'train.seconds': def({
    id: 'train.seconds',
    unit: 's',
    better: 'lower',
    exportName: 'train-seconds',
    judgedByDefault: true,
    read: (j) => finite(j.train?.seconds),
  }),
  // Generation jobs (harness/generation): LoadGen's token latencies and output tokens/s.
  'tokens.ttft.p50': def({
    id: 'tokens.ttft.p50',
    unit: 'ns',
    better: 'lower',
    exportName: 'ttft',
    judgedByDefault: true,
    read: (j) => finite(j.generation?.ttftNs.p50),
  }),
  'tokens.tpot.p50': def({
    id: 'tokens.tpot.p50',
    unit: 'ns',
    better: 'lower',
    exportName: 'tpot',
    judgedByDefault: true,
    read: (j) => finite(j.generation?.tpotNs?.p50),
  }),
  'tokens.perS': def({
    id: 'tokens.perS',
    unit: 'per-s',
    better: 'higher',
    exportName: 'tokens-per-s',
    judgedByDefault: true,
    read: (j) => finite(j.generation?.outputTokensPerS),
  }),
  'memory.peakRss': def({
    id: 'memory.peakRss',
    unit: 'bytes',
    better: 'lower',
    exportName: 'peak-rss',
    judgedByDefault: true,
    read: (j) => finite(j.memory?.peakRssBytes),
  }),
  // Energy and device memory over the measurement (harness/system/energy-tracker.ts): reported, not judged
  // (nvidia-smi's power is a board average over its own window; device memory is device-wide).
  'energy.gpuPerQuery': def({
    id: 'energy.gpuPerQuery',
    unit: 'J',
    better: 'lower',
    exportName: 'gpu-joules-per-query',
    judgedByDefault: false,
    read: (j) => (j.energy?.gpu?.source === 'nvidia-smi' ? finite(j.energy.gpu.joulesPerQuery) : undefined),
  }),
  'energy.cpuPerQuery': def({
    id: 'energy.cpuPerQuery',
    unit: 'J',
    better: 'lower',
    exportName: 'cpu-joules-per-query',
    judgedByDefault: false,
    read: (j) => (j.energy?.cpu.source === 'rapl' ? finite(j.energy.cpu.joulesPerQuery) : undefined),
  }),
  'memory.peakDevice': def({
    id: 'memory.peakDevice',
    unit: 'bytes',
    better: 'lower',
    exportName: 'peak-device-memory',
    judgedByDefault: false,
    read: (j) => (j.energy?.gpu?.source === 'nvidia-smi' ? finite(j.energy.gpu.peakDeviceMemoryBytes) : undefined),
  }),
  // GPU jobs: one query's phases over the pass after measuring (harness/runtimes/gpu-phases.ts).
  'gpu.uploadMs': def({
    id: 'gpu.uploadMs',
    unit: 'ms',
    better: 'lower',
    exportName: 'gpu-upload',
    judgedByDefault: false,
    read: (j) => (j.gpuPhases && 'uploadMs' in j.gpuPhases ? finite(j.gpuPhases.uploadMs) : undefined),
  }),
  'gpu.dispatchMs': def({
    id: 'gpu.dispatchMs',
    unit: 'ms',
    better: 'lower',
    exportName: 'gpu-dispatch',
    judgedByDefault: false,
    read: (j) => (j.gpuPhases && 'dispatchMs' in j.gpuPhases ? finite(j.gpuPhases.dispatchMs) : undefined),
  }),
  'gpu.readbackMs': def({
    id: 'gpu.readbackMs',
    unit: 'ms',
    better: 'lower',
    exportName: 'gpu-readback',
    judgedByDefault: false,
    read: (j) => (j.gpuPhases && 'readbackMs' in j.gpuPhases ? finite(j.gpuPhases.readbackMs) : undefined),
  }),
  // Zoo models at a chosen precision (harness/models/precision): error against the float64 reference; reported, not judged.
  'precision.error': def({
    id: 'precision.error',
    unit: 'ratio',
    better: 'lower',
    exportName: 'precision-error',
    judgedByDefault: false,
    read: (j) => finite(j.precision?.normalizedMaxError),
  }),
  'precision.meanRelError': def({
    id: 'precision.meanRelError',
    unit: 'ratio',
    better: 'lower',
    exportName: 'precision-mean-rel-error',
    judgedByDefault: false,
    read: (j) => finite(j.precision?.meanRelError),
  }),
  'precision.top1Agreement': def({
    id: 'precision.top1Agreement',
    unit: 'ratio',
    better: 'higher',
    exportName: 'precision-top1-agreement',
    judgedByDefault: false,
    read: (j) => finite(j.precision?.top1Agreement),
  }),
} as const satisfies Record<string, MetricDef>;

export type MetricId = keyof typeof METRICS;

/**
 * LoadGen's headline metric of a job (`job.metric`) judged as its own compare row: a latency
 * estimate (early_stopping_latency_ss/ms, a percentile; unit ns, with a key) is lower-is-better,
 * find-peak QPS (unit queries/s) higher-is-better; any other headline is not judged (null).
 */
export function headlineBetter(metric: { key?: string; unit: string }): Better | null {
  if (metric.unit === 'ns' && metric.key) return 'lower';
  if (metric.unit === 'queries/s') return 'higher';
  return null;
}

/** Status, validity and parity rows of compare (counts of bad runs): categorical, better = `ok` / `VALID` / `pass`. */
export const STATUS_METRIC = { id: 'status', unit: 'status', better: 'higher' } as const;
export const PARITY_METRIC = { id: 'parity', unit: 'pass', better: 'higher' } as const;

/**
 * Accuracy metrics (the job's `accuracy.metric`, any case) where lower is better: losses and
 * errors. Every other accuracy metric (auc, top1, accuracy, f1) is higher-is-better.
 */
const LOWER_IS_BETTER_ACCURACY: readonly string[] = [
  'rmse',
  'mse',
  'mae',
  'logloss',
  'log-loss',
  'loss',
  'error',
  'error-rate',
];

/** The direction of an accuracy metric by its name (`auc` higher, `logloss` and `error` lower). */
export function accuracyBetter(metricName: string): Better {
  const id = metricName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return LOWER_IS_BETTER_ACCURACY.includes(id) ? 'lower' : 'higher';
}

/**
 * The speed a job is ranked by against other runtimes (`vs fastest`, the leaderboard): the median
 * query latency for inference, the full training time for training, the median TPOT for generation. Not the headline metric: an
 * early-stopping p90 estimate from a quick run's few queries sits near the slowest query.
 */
export function speedMetricOf(job: Pick<JobResult, 'kind'>): MetricDef {
  if (job.kind === 'generation') return METRICS['tokens.tpot.p50'];
  return job.kind === 'training' ? METRICS['train.seconds'] : METRICS['latency.p50'];
}

/**
 * Whether a runtime, as a result file names it (formatRuntimeId), is ranked against others. The
 * null runtime computes nothing: it calibrates the harness and is never a contender. Results are
 * read as data, so this is the one place that knows the null runtime's recorded id.
 */
export function isContender(runtimeId: string): boolean {
  return runtimeId !== 'null';
}

/**
 * Each value relative to the best of them (>= 1: how many times worse), by the metric's direction.
 * `[2, 4, 3]` lower-is-better -> `[1, 2, 1.5]`; higher-is-better -> `[2, 1, 1.33]`.
 */
export function relativeToBest(values: readonly number[], better: Better): number[] {
  const best = better === 'lower' ? Math.min(...values) : Math.max(...values);
  return values.map((v) => (better === 'lower' ? v / best : best / v));
}
