/**
 * `--resume <file>`: carry over the jobs an interrupted run already finished (from its
 * `<run-id>.json.partial` or a complete result file) and plan only the rest. A resumed run must
 * be the same run: same machine fingerprint and same resolved settings, or it is refused.
 */
import { UsageError } from '../errors.js';
import type { JobResult, ResultFile } from '../../results/schema.js';
import type { Job } from '../types.js';

export interface ResumePlan {
  carried: JobResult[];
  remaining: Job[];
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
}

export function planResume(previous: ResultFile, source: string, jobs: Job[], machineId: string, settings: Record<string, unknown>): ResumePlan {
  if (previous.machine.id !== machineId) {
    throw new UsageError('E_BAD_FLAG', `--resume ${source}: it was run on machine ${previous.machine.id}, this is ${machineId}; resume on the same machine.`);
  }
  const changed = Object.keys({ ...previous.settings, ...settings }).filter((k) => stable(previous.settings[k]) !== stable(settings[k]));
  if (changed.length) {
    throw new UsageError('E_BAD_FLAG', `--resume ${source}: settings differ from the interrupted run (${changed.join(', ')}); use the same flags.`);
  }
  // A job that never ran (skipped) is run again; every other status is a finished measurement.
  const done = new Map(previous.jobs.filter((j) => j.status !== 'skipped').map((j) => [j.id, j]));
  const carried = jobs.flatMap((j) => (done.has(j.id) ? [done.get(j.id)!] : []));
  return { carried, remaining: jobs.filter((j) => !done.has(j.id)) };
}
