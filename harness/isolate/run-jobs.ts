/**
 * Runs a list of jobs one after another, each in a fresh process (never two at once: jobs would
 * compete for the same cores). Jobs whose runtime is unavailable become `unavailable` results
 * without a process. `--bail` stops at the first failure; the rest become `skipped`.
 */
import type { JobResult } from '../../results/schema.js';
import { isBroken } from '../../results/status.js';
import type { Job, ProbeResult } from '../types.js';
import { assembleResult, runJob } from './runner.js';

export interface RunJobsOptions {
  probes: Record<string, ProbeResult>;
  bail?: boolean;
  onStart?: (index: number, job: Job) => void;
  onDone?: (index: number, result: JobResult) => void | Promise<void>;
  onProgress?: (message: string) => void;
  /** Checked before each job; true stops the run (e.g. after Ctrl-C). */
  aborted?: () => boolean;
  /** Aborted on SIGINT/SIGTERM: the job in flight is stopped too (SIGTERM, then SIGKILL). */
  abort?: AbortSignal;
}

function placeholder(job: Job, status: JobResult['status'], code: string, message: string): JobResult {
  return assembleResult(
    job,
    { status, error: { code, message } },
    { startedAt: new Date().toISOString(), wallMs: 0, peakRssBytes: null },
  );
}

export async function runJobs(jobs: Job[], opts: RunJobsOptions): Promise<JobResult[]> {
  const results: JobResult[] = [];
  let stopReason: string | null = null;
  for (const [index, job] of jobs.entries()) {
    if (!stopReason && opts.aborted?.()) stopReason = 'the run was interrupted';
    const probe = opts.probes[job.runtime];
    let result: JobResult;
    if (stopReason) {
      result = placeholder(job, 'skipped', 'E_SKIPPED', `not run: ${stopReason}`);
    } else if (probe && !probe.available) {
      result = placeholder(
        job,
        'unavailable',
        'E_RUNTIME',
        probe.reason ?? `${job.runtime} is not available on this machine`,
      );
      result.runtime.version = probe.version;
    } else {
      opts.onStart?.(index, job);
      result = await runJob(job, opts.onProgress, opts.abort);
      if (result.runtime.version === null && probe) result.runtime.version = probe.version;
      if (opts.bail && isBroken(result.status)) stopReason = `--bail after ${job.id} ended ${result.status}`;
    }
    results.push(result);
    await opts.onDone?.(index, result);
  }
  return results;
}
