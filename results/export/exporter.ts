/**
 * The exporter contract (one format per file, as hyperfine's exporters): result files in, named
 * text files out. Pure: the CLI reads the result files and writes what `render` returns.
 */
import { createHash } from 'node:crypto';
import { groupByKey, seriesName } from '../job-key.js';
import { isMeasured } from '../status.js';
import { UsageError } from '../../harness/errors.js';
import { definitionDiff } from '../compare/match.js';
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
  return inputs.flatMap((i) => i.result.jobs).filter((j) => isMeasured(j.status));
}

/** A job's benchmark name across runs and repeats (job-key.ts seriesName). */
export const benchmarkName = seriesName;

/** Jobs grouped by benchmark name (repeats and the same job in several files together), in first-seen order; no definition check (history splits by definition itself). */
export function byName(jobs: JobResult[]): Map<string, JobResult[]> {
  return groupByKey(jobs, seriesName);
}

/**
 * Jobs grouped by benchmark name, one value per group: every run of a group must have the same
 * settings, model and inputs (results/compare/match.ts definitionDiff, runtime knobs included).
 * Throws E_RESULT_FILE naming the benchmark and what differs (`null.latencyUs: 1000 → 1100`)
 * rather than pool runs of two settings into one median.
 */
export function byBenchmark(jobs: JobResult[]): Map<string, JobResult[]> {
  const groups = byName(jobs);
  for (const [name, group] of groups) {
    for (const other of group.slice(1)) {
      const diff = definitionDiff(group[0]!, other, []);
      const what = [...diff.inputs, ...diff.changed, ...diff.knobs];
      if (what.length) {
        throw new UsageError(
          'E_RESULT_FILE',
          `${name}: the runs given differ in ${what.join('; ')}; one exported value cannot stand for both. Export each setting's result files separately.`,
        );
      }
    }
  }
  return groups;
}

/**
 * A file-name-safe slug of a benchmark name (`zoo/mobilenet-q64-b1/ort-node:cpu/single-stream` ->
 * `zoo_mobilenet-q64-b1_ort-node-cpu_single-stream`). Letters and digits of any script are kept
 * (`модель`, `模型`), so Unicode names stay apart. With `used` (slug -> name, one per export), a
 * slug already taken by another name gets `-<8 hex of the name's SHA-1>`, so two names never
 * share a folder.
 */
export function fileSlug(name: string, used?: Map<string, string>): string {
  const slug = name
    .normalize('NFC')
    .replace(/[/\\]/g, '_')
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-');
  if (!used) return slug;
  const owner = used.get(slug);
  if (owner === undefined || owner === name) {
    used.set(slug, name);
    return slug;
  }
  const unique = `${slug}-${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
  used.set(unique, name);
  return unique;
}
