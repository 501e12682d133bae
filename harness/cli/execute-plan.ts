/**
 * The one orchestrator of a run, shared by `mlbench run` and `mlbench model`: a CLI action is
 * flags -> plan -> executePlan -> print. It owns what every run must do the same way:
 * - machine facts, runtime probes and git state, collected once, before the first job;
 * - output folders proved writable before the first job (`--results-dir`, `--report-dir`);
 * - SIGINT and SIGTERM alike: the job in flight is stopped (its child gets SIGTERM, then SIGKILL),
 *   the remaining jobs become `skipped`, and the result is written with what was measured
 *   (the caller prints the resume hint); a second signal abandons the run;
 * - the partial file (`<result>.partial`), rewritten atomically after every job;
 * - write-or-rescue: a result file that cannot be written is saved beside it or in the temp folder.
 * The result records the plan (`plan` block: command line, jobs planned) so resume reads data.
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import { UsageError } from '../errors.js';
import { runJobs } from '../isolate/run-jobs.js';
import { killLiveChildren, probeRuntimes } from '../isolate/runner.js';
import { applyRoofline } from '../micro/roofline.js';
import { gitState } from '../system/git-state.js';
import { collectMachine } from '../system/metadata.js';
import type { Job, ProbeResult } from '../types.js';
import type { JobResult, Machine, ResultFile } from '../../results/schema.js';
import { resultPath, writeResult } from '../../results/store.js';
import { assertWritableDir, fsReason, rescueResult } from './output-dirs.js';
import type { Progress } from './progress.js';
import { jobDetail, newRunId, resultFile } from './run-output.js';

/** What to run and where to write it: plain data, built by an action from its flags. */
export interface RunPlan {
  /** Every planned job, in order. */
  jobs: Job[];
  commandLine: string;
  /** The arguments after `mlbench` (`['run', '--suite', 'smoke']`): recorded in the plan block. */
  args: string[];
  resultsDir: string;
  /** The report folder to prove writable up front; null when no report is written. */
  reportDir: string | null;
  /** The resolved measurement settings the result records in `settings`. */
  settings: Record<string, unknown>;
  /**
   * The run's choices (profile, suites, runtimes, scenarios, results folder, shard, sweep):
   * recorded in the result's `plan.choices`, not in `settings` (results/run-choices.ts).
   */
  choices: Record<string, unknown>;
  bail?: boolean;
  /**
   * A results folder whose earlier runs of this machine supply the matmul peaks this run lacks
   * (the roofline); absent, the roofline reads this run's micro jobs only.
   */
  peaksFrom?: string;
}

/** What the orchestrator needs from its caller: where progress goes, and a resume selection. */
export interface PlanHooks {
  progress: Progress;
  verbose?: boolean;
  /**
   * Called once the machine is known, before probing: which jobs run and which results are
   * carried into the result without running (resume; `mlbench model`'s skipped rows). Default: all run.
   */
  select?(machine: Machine): { carried: JobResult[]; toRun: Job[] };
  /** Called after probing, before the first job (the start line, unavailable runtimes). */
  ready?(ctx: RunContext, toRun: Job[]): void;
  /** Extra terminal lines per finished job (verbose summaries). */
  onJobDone?(result: JobResult): void;
}

/** Process-level inputs, injectable in tests. */
export interface PlanIo {
  signals: Pick<NodeJS.Process, 'on' | 'removeListener'>;
  now(): Date;
}

export interface RunContext {
  runId: string;
  file: string;
  machine: Machine;
  probes: Record<string, ProbeResult>;
}

export interface PlanOutcome extends RunContext {
  result: ResultFile;
  results: JobResult[];
  /** Stopped by SIGINT or SIGTERM before every job ran. */
  interrupted: boolean;
}

const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function executePlan(
  plan: RunPlan,
  hooks: PlanHooks,
  io: PlanIo = { signals: process, now: () => new Date() },
): Promise<PlanOutcome> {
  const { progress } = hooks;
  const startedAt = io.now();
  const [machine, git] = await Promise.all([collectMachine(), gitState()]);
  const { carried, toRun } = hooks.select?.(machine) ?? { carried: [], toRun: plan.jobs };
  const peersPython = plan.settings['peers.python'];
  const probes = await probeRuntimes(
    [...new Set(toRun.map((j) => j.runtime))],
    typeof peersPython === 'string' && peersPython ? { peersPython } : {},
  );
  const runId = newRunId(startedAt);
  const file = resultPath(plan.resultsDir, machine.id, runId);
  const partialFile = `${file}.partial`;
  // Every output folder is proved writable before the first job: a bad one costs seconds, not the run.
  await assertWritableDir(path.dirname(file), '--results-dir');
  if (plan.reportDir !== null) await assertWritableDir(plan.reportDir, '--report-dir');
  const ctx: RunContext = { runId, file, machine, probes };
  hooks.ready?.(ctx, toRun);
  const planBlock = {
    command: plan.args[0] ?? '',
    args: plan.args,
    jobs: plan.jobs.map((j) => j.id),
    choices: plan.choices,
  };
  const resultOf = (jobResults: JobResult[]) => ({
    ...resultFile(
      { runId, startedAt, commandLine: plan.commandLine, settings: plan.settings, machine, git },
      jobResults,
    ),
    plan: planBlock,
  });

  // SIGINT (Ctrl-C) and SIGTERM (CI cancel, kubectl delete) alike: stop the job in flight, skip the
  // rest, write what was measured. A second signal of either kind abandons the run (its job process
  // is SIGKILLed first, so a job that ignores SIGTERM does not outlive mlbench).
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) {
      killLiveChildren();
      process.exit(130);
    }
    abort.abort(signal);
    progress.note(
      `interrupted (${signal}): stopping the job in flight and finishing the result file (again to abandon)`,
    );
  };
  for (const s of INTERRUPT_SIGNALS) io.signals.on(s, onSignal);
  const done: JobResult[] = [...carried];
  let partialWarned = false;
  progress.start(toRun.filter((j) => probes[j.runtime]?.available !== false).length);
  let fresh: JobResult[];
  try {
    fresh = await runJobs(toRun, {
      probes,
      bail: plan.bail,
      abort: abort.signal,
      aborted: () => abort.signal.aborted,
      onStart: (i, job) => progress.jobStarted(i, job.id),
      onProgress: (m) => (hooks.verbose ? progress.note(`  ${m}`) : progress.jobStarted(-1, m)),
      onDone: async (i, result) => {
        done.push(result);
        progress.jobDone(i, result.id, result.status, jobDetail(result, hooks.verbose));
        hooks.onJobDone?.(result);
        // A failed partial write loses nothing yet (the results are in memory): warn once, go on.
        await writeFileAtomic(partialFile, JSON.stringify(resultOf(done))).catch((err: unknown) => {
          if (!partialWarned)
            progress.note(`warning: could not write ${partialFile} (${fsReason(err)}); the run goes on`);
          partialWarned = true;
        });
      },
    });
  } finally {
    progress.stop();
    for (const s of INTERRUPT_SIGNALS) io.signals.removeListener(s, onSignal);
  }
  // Roofline: inference jobs get their runtime's measured matmul peak (harness/micro/roofline.ts).
  // In plan order, whichever jobs were carried (resume, skipped rows) and which ran now.
  const order = new Map(plan.jobs.map((j, i) => [j.id, i]));
  const ordered = [...carried, ...fresh].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
  const results = await applyRoofline(ordered, {
    runId,
    resultsDir: plan.peaksFrom,
    machineId: machine.id,
    fp32Peak: machine.fp32Peak,
  });
  const result = resultOf(results);
  try {
    await writeResult(file, result);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const saved = await rescueResult(JSON.stringify(result), partialFile, runId);
    throw new UsageError(
      'E_RESULT_FILE',
      `could not write ${file} (${fsReason(err)}); ` +
        (saved
          ? `the measurements are in ${saved} (mlbench report, compare and --resume read it).`
          : 'nor a partial file beside it or in the temp folder.'),
    );
  }
  await unlink(partialFile).catch(() => undefined);
  return { ...ctx, result, results, interrupted: abort.signal.aborted };
}
