/**
 * The exporter contract (one format per file, as hyperfine's exporters): result files in, named
 * text files out. Pure: the CLI reads the result files and writes what `render` returns.
 */
import type { JobResult, ResultFile } from '../schema.js';

export interface ExportInput {
  file: string;
  result: ResultFile;
}

/** One output file: `name` is a relative path (`customSmallerIsBetter.json`, `<job>/mlperf_log_summary.txt`). */
export interface ExportedFile {
  name: string;
  content: string;
}

export interface Exporter {
  render(inputs: ExportInput[]): ExportedFile[];
}

/** Jobs that measured something (not skipped, unavailable or crashed before measuring). */
export function measuredJobs(inputs: ExportInput[]): JobResult[] {
  return inputs.flatMap((i) => i.result.jobs).filter((j) => j.status === 'ok' || j.status === 'invalid');
}

/** A job's benchmark name across runs and repeats: `suite/workload/runtime:backend/scenario`. */
export function benchmarkName(job: JobResult): string {
  return job.id.replace(/#\d+$/, '');
}

/** Jobs grouped by benchmark name (repeats and the same job in several files together), in first-seen order. */
export function byBenchmark(jobs: JobResult[]): Map<string, JobResult[]> {
  const groups = new Map<string, JobResult[]>();
  for (const job of jobs) groups.set(benchmarkName(job), [...(groups.get(benchmarkName(job)) ?? []), job]);
  return groups;
}

/** A file-name-safe slug of a benchmark name (`zoo/mobilenet-q64-b1/ort-node:cpu/single-stream` -> `zoo_mobilenet-q64-b1_ort-node-cpu_single-stream`). */
export function fileSlug(name: string): string {
  return name.replace(/[/\\]/g, '_').replace(/[^A-Za-z0-9._-]+/g, '-');
}
