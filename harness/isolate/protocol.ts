/**
 * Messages between the parent and a job process (Node IPC). The child gets one request, sends
 * one reply and exits; anything else (a signal, an abort, a hang) is read by the parent as data.
 */
import type { JobResult, JobResultFields } from '../../results/schema.js';
import type { Job, ProbeContext, ProbeResult } from '../types.js';

export type ChildRequest = { type: 'job'; job: Job } | { type: 'probe'; runtimes: string[]; context?: ProbeContext };

/** What the child measured; the parent adds identity, wall time and peak RSS. */
export type JobOutcome = Partial<
  Omit<
    JobResultFields,
    'id' | 'suite' | 'workload' | 'kind' | 'scenario' | 'repeat' | 'settings' | 'startedAt' | 'wallMs'
  >
> & {
  status: JobResult['status'];
  runtimeInfo?: {
    version: string | null;
    threads: number | null;
    options: Record<string, unknown>;
    adapter?: JobResultFields['adapter'];
  };
};

export type ChildReply =
  | { type: 'result'; outcome: JobOutcome; maxRssBytes: number }
  | { type: 'probe'; probes: Record<string, ProbeResult> }
  | { type: 'progress'; message: string };
