/**
 * The identity of a job across runs, repeats and files, in one place. A planned job's id is
 * `suite/workload/runtime/scenario` plus `#r` for the r-th repeat (harness/plan/plan.ts); the key
 * drops the repeat and writes the runtime as formatRuntimeId does (`null`, `ort-node:cpu`), so a
 * planned job (plan, resume, ab) and its result (compare, exports, history) share one key.
 */
import { formatRuntimeId, parseRuntimeId } from '../harness/common/format.js';
import type { Job } from '../harness/types.js';
import type { JobResult } from './schema.js';

/** `suite/workload/runtime/scenario` of a result row. */
export function jobKey(job: Pick<JobResult, 'suite' | 'workload' | 'runtime' | 'scenario'>): string {
  return `${job.suite}/${job.workload}/${formatRuntimeId(job.runtime)}/${job.scenario}`;
}

/** The jobKey of a planned job (the same string as the jobKey of its result). */
export function plannedJobKey(job: Pick<Job, 'suite' | 'workload' | 'runtime' | 'scenario'>): string {
  const { runtime, backend } = parseRuntimeId(job.runtime);
  return `${job.suite}/${job.workload.id}/${formatRuntimeId({ id: runtime, backend })}/${job.scenario}`;
}

/**
 * The name an export files a job's series under: its planned id without the repeat suffix
 * (`zoo/mlp/ort-node:cpu/offline#2` -> `zoo/mlp/ort-node:cpu/offline`). Read from the id as
 * recorded, not rebuilt, so series keep their names across mlbench versions that wrote ids differently.
 */
export function seriesName(job: Pick<JobResult, 'id'>): string {
  return job.id.replace(/#\d+$/, '');
}

/**
 * `suite/workload/scenario` (plus the machine when given): the row in which runtimes are ranked
 * against each other (`vs fastest`, the report's leaderboard).
 */
export function contestKey(job: Pick<JobResult, 'suite' | 'workload' | 'scenario'>, machineId?: string): string {
  return `${machineId ? `${machineId}/` : ''}${job.suite}/${job.workload}/${job.scenario}`;
}

/** Groups jobs by `key` (jobKey by default), keeping first-seen order. */
export function groupByKey<T>(jobs: readonly T[], key: (job: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const job of jobs) {
    const k = key(job);
    const list = groups.get(k);
    if (list) list.push(job);
    else groups.set(k, [job]);
  }
  return groups;
}
