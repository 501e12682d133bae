/**
 * The one grouping of job statuses (schema.ts JobStatusSchema) that every consumer reads: the run
 * table, the report, compare, the exports, history and the run's exit code.
 * - measured: the job measured something (a LoadGen-INVALID run still measured its latencies);
 * - broken: the job failed, crashed, timed out or ran out of memory (ok -> broken is a regression);
 * - not run: the job never started (skipped, or its runtime is unavailable here); never judged.
 */
import type { JobResult } from './schema.js';

export type JobStatus = JobResult['status'];

export const MEASURED_STATUSES: readonly JobStatus[] = ['ok', 'invalid'];
export const BROKEN_STATUSES: readonly JobStatus[] = ['failed', 'crashed', 'timeout', 'oom'];
export const NOT_RUN_STATUSES: readonly JobStatus[] = ['skipped', 'unavailable'];

export const isMeasured = (status: string): boolean => (MEASURED_STATUSES as readonly string[]).includes(status);
export const isBroken = (status: string): boolean => (BROKEN_STATUSES as readonly string[]).includes(status);
export const isNotRun = (status: string): boolean => (NOT_RUN_STATUSES as readonly string[]).includes(status);
