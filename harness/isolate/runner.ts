/**
 * Runs one job in its own child process and always returns a JobResult: a crash (signal, abort,
 * uncaught error), a timeout (SIGTERM, then SIGKILL after a grace period) or an out-of-memory
 * death becomes a result with status `crashed` / `timeout` / `oom` and a message. The parent
 * never loads a runtime. Peak RSS is the job's own figure (taken when its measurement ends); without
 * one, the larger of the child's maxRSS at exit and the VmHWM polled from /proc, so a dead job has one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { JobResult } from '../../results/schema.js';
import { RUN_SETTINGS, readSettings } from '../config/settings.js';
import { DIST_ROOT } from '../paths.js';
import { describeRuntime, parseRuntimeId } from '../runtimes/index.js';
import type { Job, ProbeContext, ProbeResult } from '../types.js';
import type { ChildReply, ChildRequest, JobOutcome } from './protocol.js';
import { vmHwmBytes } from '../system/metadata.js';

const CHILD_SCRIPT = path.join(DIST_ROOT, 'harness', 'isolate', 'child.js');
const KILL_GRACE_MS = 2000;
const RSS_POLL_MS = 100;
const STDERR_KEEP_BYTES = 16_384;
const PROBE_TIMEOUT_MS = 60_000;

/** Job and probe processes forked and not yet closed (for killLiveChildren). */
const liveChildren = new Set<ChildProcess>();

/**
 * SIGKILLs every job or probe process still running and returns how many. For a parent about to
 * exit without waiting for them (a second SIGINT/SIGTERM abandons the run): a child that ignores
 * SIGTERM, as a hung runtime can, would otherwise outlive mlbench.
 */
export function killLiveChildren(): number {
  for (const child of liveChildren) child.kill('SIGKILL');
  return liveChildren.size;
}

interface ChildExit {
  reply: ChildReply | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The parent's run was interrupted (SIGINT/SIGTERM) while the child ran. */
  interrupted?: boolean;
  timedOut: boolean;
  stderr: string;
  peakRssBytes: number | null;
  wallMs: number;
}

/** Forks the child, sends one request and waits for its reply and exit (or kills it at the deadline). */
export function runChild(
  request: ChildRequest,
  opts: { timeoutMs: number; memoryLimitMb: number; onProgress?: (m: string) => void; abort?: AbortSignal },
): Promise<ChildExit> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = fork(CHILD_SCRIPT, [], {
      execArgv: [`--max-old-space-size=${opts.memoryLimitMb}`],
      // stdout is piped too: native libraries print there (Dawn writes one "validation:" block per
      // WebGPU validation error, hundreds per tfjs:webgpu job), which would flood the run's terminal.
      // Both streams go to the kept tail, which crash and OOM messages quote.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    liveChildren.add(child);
    let reply: ChildReply | null = null;
    let stderr = '';
    let timedOut = false;
    let peakRssBytes: number | null = null;
    const keep = (chunk: Buffer): void => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP_BYTES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (msg: ChildReply) => {
      if (msg.type === 'progress') opts.onProgress?.(msg.message);
      else reply = msg;
    });
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      const hwm = vmHwmBytes(child.pid);
      if (hwm !== null) peakRssBytes = Math.max(peakRssBytes ?? 0, hwm);
    }, RSS_POLL_MS);
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      child.kill('SIGTERM');
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    // The run was interrupted (SIGINT/SIGTERM in the parent): stop the job the same way as at its deadline.
    if (opts.abort?.aborted) stop();
    opts.abort?.addEventListener('abort', stop, { once: true });
    // 'close', not 'exit': it comes after the stdio pipes and the IPC channel are drained, so the
    // reply and the last stderr lines are never lost to a race with the process's exit.
    child.on('close', (code, signal) => {
      liveChildren.delete(child);
      clearInterval(poll);
      clearTimeout(deadline);
      if (killTimer) clearTimeout(killTimer);
      opts.abort?.removeEventListener('abort', stop);
      resolve({
        reply,
        code,
        signal,
        timedOut,
        interrupted: opts.abort?.aborted ?? false,
        stderr,
        peakRssBytes,
        wallMs: performance.now() - started,
      });
    });
    child.on('error', (err) => {
      stderr += `\n${err.message}`;
    });
    child.send(request);
  });
}

function lastLines(text: string, n = 6): string {
  return text.trim().split('\n').filter(Boolean).slice(-n).join('\n');
}

/** Reads a child's death as a status and message when it did not reply. */
export function classifyDeath(
  exit: ChildExit,
  timeoutMs: number,
): { status: JobResult['status']; code: string; message: string } {
  if (exit.timedOut) {
    return {
      status: 'timeout',
      code: 'E_TIMEOUT',
      message: `job exceeded the timeout of ${timeoutMs} ms (set with --timeout or --set timeoutMs=...); sent SIGTERM${exit.signal === 'SIGKILL' ? ', then SIGKILL' : ''}`,
    };
  }
  if (/heap out of memory|Allocation failed|OutOfMemory|std::bad_alloc/i.test(exit.stderr)) {
    return {
      status: 'oom',
      code: 'E_OOM',
      message: `job ran out of memory (V8 heap limit --max-old-space-size; raise it with --set memoryLimitMb=...): ${lastLines(exit.stderr, 3)}`,
    };
  }
  if (exit.signal === 'SIGKILL') {
    return {
      status: 'oom',
      code: 'E_OOM',
      message: 'job was killed by SIGKILL it did not get from mlbench (most likely the kernel OOM killer)',
    };
  }
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
  return {
    status: 'crashed',
    code: 'E_CRASH',
    message: `job process died (${how}) without a result${exit.stderr.trim() ? `: ${lastLines(exit.stderr)}` : ''}`,
  };
}

/** Runs one job in a fresh process; never throws for a job's failure. */
export async function runJob(job: Job, onProgress?: (m: string) => void, abort?: AbortSignal): Promise<JobResult> {
  const startedAt = new Date().toISOString();
  const { timeoutMs, memoryLimitMb } = readSettings(RUN_SETTINGS, job.settings);
  const exit = await runChild({ type: 'job', job }, { timeoutMs, memoryLimitMb, onProgress, abort });
  let outcome: JobOutcome;
  let childRss: number | null = null;
  if (exit.reply?.type === 'result') {
    outcome = exit.reply.outcome;
    childRss = exit.reply.maxRssBytes;
  } else if (exit.interrupted) {
    // Stopped by the run's interruption, not by its own fault: skipped, so --resume runs it again.
    outcome = {
      status: 'skipped',
      error: { code: 'E_SKIPPED', message: 'not run: the run was interrupted while this job ran' },
    };
  } else {
    const death = classifyDeath(exit, timeoutMs);
    outcome = { status: death.status, error: { code: death.code, message: death.message } };
  }
  const peak = Math.max(childRss ?? 0, exit.peakRssBytes ?? 0) || null;
  return assembleResult(job, outcome, { startedAt, wallMs: exit.wallMs, peakRssBytes: peak });
}

/** Builds the full JobResult from the job's identity and what the child measured. */
export function assembleResult(
  job: Job,
  outcome: JobOutcome,
  run: { startedAt: string; wallMs: number; peakRssBytes: number | null },
): JobResult {
  const { runtimeInfo, memory, ...rest } = outcome;
  const { runtime, backend } = parseRuntimeId(job.runtime);
  // The job's own figure when it gave one (measured before any check it ran afterwards), else the parent's.
  const peakRssBytes = memory?.peakRssBytes ?? run.peakRssBytes;
  return {
    id: job.id,
    suite: job.suite,
    workload: job.workload.id,
    kind: job.workload.kind,
    model: { ...job.workload.model } as Record<string, unknown>,
    runtime: {
      id: runtime,
      backend,
      version: runtimeInfo?.version ?? null,
      threads: runtimeInfo?.threads ?? null,
      options: runtimeInfo?.options ?? {},
    },
    scenario: job.scenario,
    repeat: job.repeat,
    settings: job.settings,
    startedAt: run.startedAt,
    wallMs: run.wallMs,
    ...(runtimeInfo?.adapter ? { adapter: runtimeInfo.adapter } : {}),
    ...sweepOf(job),
    ...rest,
    memory: { ...memory, peakRssBytes },
  };
}

/** A swept job's point (`--sweep`, `mlbench model --seq`) with its runtime's device kind (the descriptor's), for the crossover view. */
function sweepOf(job: Job): Pick<JobResult, 'sweep'> {
  const sweep = job.workload.extra?.sweep as { axis: 'batch' | 'seq'; value: number; base: string } | undefined;
  return sweep ? { sweep: { ...sweep, device: describeRuntime(job.runtime)?.device ?? 'cpu' } } : {};
}

/** Probes runtimes in a child process, so a native crash while probing cannot take the run down. */
export async function probeRuntimes(ids: string[], context: ProbeContext = {}): Promise<Record<string, ProbeResult>> {
  if (ids.length === 0) return {};
  let exit: ChildExit | undefined;
  // One retry: a probe that dies once (a loaded machine, a native hiccup) should not mark every runtime unavailable.
  for (let attempt = 0; attempt < 2; attempt++) {
    exit = await runChild(
      { type: 'probe', runtimes: ids, context },
      { timeoutMs: PROBE_TIMEOUT_MS, memoryLimitMb: 2048 },
    );
    if (exit.reply?.type === 'probe') return exit.reply.probes;
  }
  const death = classifyDeath(exit!, PROBE_TIMEOUT_MS);
  const reason = `probing runtimes failed: ${death.message}`;
  return Object.fromEntries(ids.map((id) => [id, { available: false, reason, version: null, backends: [] }]));
}
