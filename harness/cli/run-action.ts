/**
 * The body of `mlbench run` (imported only when the command runs). The partial result is
 * rewritten atomically after every job, so an interrupted run keeps what it measured.
 */
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pinnedKeys, resolveChoices, resolveSettings, type RequestedOptions } from '../config/resolve.js';
import { ExitError, UsageError, unknownChoice } from '../errors.js';
import { runJobs } from '../isolate/run-jobs.js';
import { probeRuntimes } from '../isolate/runner.js';
import { parseShard, planJobs } from '../plan/plan.js';
import { planResume } from '../plan/resume.js';
import { RUNTIMES, runtimeIds } from '../runtimes/index.js';
import { collectMachine } from '../system/metadata.js';
import { TOOL_VERSION } from '../paths.js';
import { DEFAULT_SUITES, loadSuite, suiteIds } from '../../suites/index.js';
import type { JobResult, ResultFile } from '../../results/schema.js';
import type { SuiteOptions } from '../types.js';
import { writeFileAtomic } from '../common/atomic-write.js';
import { readResult, resultPath, writeResult } from '../../results/store.js';
import { applyRoofline } from '../micro/roofline.js';
import { microTable, rooflineTable } from '../micro/roofline-table.js';
import { createProgress } from './progress.js';
import type { RunFlags } from './run.js';
import { failOnErrorCode, jobDetail, newRunId, resultFile, summaryTable } from './run-output.js';

/** The flag that sets each setting, for error messages. */
const RUN_FLAG_NAMES: Record<string, string> = {
  repeat: '--repeat', minDurationMs: '--min-duration', minQueryCount: '--min-queries', targetQps: '--target-qps',
  latencyBoundNs: '--latency-bound', findPeak: '--find-peak', batchSize: '--batch-size', targetAuc: '--target-auc',
};

export function requestedFrom(flags: RunFlags): RequestedOptions {
  return {
    suites: flags.suite,
    runtimes: flags.runtime,
    scenarios: flags.scenario,
    profile: flags.profile,
    resultsDir: flags.resultsDir,
    timeout: flags.timeout,
    set: flags.set,
    flagNames: RUN_FLAG_NAMES,
    flags: {
      repeat: flags.repeat,
      minDurationMs: flags.minDuration,
      minQueryCount: flags.minQueries,
      targetQps: flags.targetQps,
      latencyBoundNs: flags.latencyBound,
      findPeak: flags.findPeak,
      batchSize: flags.batchSize,
      targetAuc: flags.targetAuc,
    },
  };
}

/**
 * `--dataset` / `--target`: checked here, before any job starts, so bad data exits 2 with the
 * file and line named (and is cached once) instead of failing every job the same way. Every
 * dataset but flights (binary by construction) is loaded to check it is a binary target.
 */
async function resolveSuiteOptions(flags: RunFlags, cacheDir: string): Promise<SuiteOptions | undefined> {
  if (flags.dataset === undefined) {
    if (flags.target !== undefined) throw new UsageError('E_BAD_FLAG', `--target ${flags.target}: only meaningful with --dataset csv:<file> or parquet:<file>.`);
    return undefined;
  }
  const id = flags.dataset;
  const { TABULAR_DATASETS } = await import('../../datasets/tabular/sources.js');
  const user = id.startsWith('csv:') || id.startsWith('parquet:');
  if (!user && !(TABULAR_DATASETS as readonly string[]).includes(id)) {
    throw unknownChoice('E_BAD_FLAG', '--dataset', id, [...TABULAR_DATASETS, 'csv:<file>', 'parquet:<file>']);
  }
  if (user && !flags.target) throw new UsageError('E_BAD_FLAG', `--dataset ${id}: name the label column with --target <column>.`);
  if (id !== 'flights') {
    const { loadTabularSplit } = await import('../../datasets/tabular/load-split.js');
    const split = await loadTabularSplit(id, id === 'synthetic-tabular' ? 'train_10k' : 'train', { cacheDir, target: flags.target });
    const classes = split.encoding.target.classes;
    if (classes.length !== 2) {
      throw new UsageError('E_BAD_DATA', `${id.replace(/^(csv|parquet):/, '')}: target${flags.target ? ` column "${flags.target}"` : ''} has ${classes.length} classes (${classes.slice(0, 8).join(', ')}${classes.length > 8 ? ', ...' : ''}); the tabular workloads are binary classifiers (AUC): use a column with two values.`);
    }
  }
  return { dataset: { id, ...(flags.target ? { target: flags.target } : {}) } };
}

export async function executeRun(flags: RunFlags, commandLine: string): Promise<number> {
  const requested = requestedFrom(flags);
  const choices = resolveChoices(requested, { suites: suiteIds(), runtimes: runtimeIds() });
  const settings = resolveSettings(requested);
  const gate = flags.baseline ? await (await import('./gate-action.js')).prepareGate(flags) : null;
  const suites = await Promise.all((choices.suites ?? DEFAULT_SUITES).map(loadSuite));
  const jobs = planJobs({
    suites,
    profile: choices.profile,
    runtimes: choices.runtimes,
    allRuntimes: Object.keys(RUNTIMES),
    scenarios: choices.scenarios,
    settings,
    pinned: pinnedKeys(requested),
    shard: parseShard(flags.shard),
    suiteOptions: await resolveSuiteOptions(flags, settings.cacheDir),
  });

  const progress = createProgress();
  const startedAt = new Date();
  const runtimesUsed = [...new Set(jobs.map((j) => j.runtime))];
  progress.note(`mlbench ${TOOL_VERSION}: ${jobs.length} jobs on ${runtimesUsed.join(', ')} (profile ${choices.profile})`);
  const [machine, probes] = await Promise.all([collectMachine(), probeRuntimes(runtimesUsed)]);
  const runId = newRunId(startedAt);
  const file = resultPath(choices.resultsDir, machine.id, runId);
  const partialFile = `${file}.partial`;
  const resolved = { ...settings, profile: choices.profile, suites: suites.map((s) => s.id), runtimes: runtimesUsed, scenarios: choices.scenarios, resultsDir: choices.resultsDir };
  const resultOf = (jobResults: JobResult[]) => resultFile({ runId, startedAt, commandLine, settings: resolved, machine }, jobResults);

  const resumed = flags.resume ? planResume(await readResult(flags.resume), flags.resume, jobs, machine.id, resolved) : null;
  if (resumed) progress.note(`resuming ${flags.resume}: ${resumed.carried.length} jobs carried over, ${resumed.remaining.length} to run`);

  let partialWarned = false;
  let interrupted = false;
  const onSigint = () => { interrupted = true; progress.note('interrupted: finishing the result file (Ctrl-C again to abandon)'); process.removeListener('SIGINT', onSigint); };
  process.on('SIGINT', onSigint);
  const done: JobResult[] = [...(resumed?.carried ?? [])];
  const toRun = resumed?.remaining ?? jobs;
  progress.start(toRun.length);
  const fresh = await runJobs(toRun, {
    probes,
    bail: flags.bail,
    aborted: () => interrupted,
    onStart: (i, job) => progress.jobStarted(i, job.id),
    onProgress: (m) => progress.jobStarted(-1, m),
    onDone: async (i, result) => {
      done.push(result);
      progress.jobDone(i, result.id, result.status, jobDetail(result));
      if (flags.verbose && result.summary) progress.note(result.summary);
      await writeFileAtomic(partialFile, JSON.stringify(resultOf(done))).catch((err: NodeJS.ErrnoException) => {
        // A full or read-only disk must not stop the measuring: warn once, keep the jobs in memory.
        if (!partialWarned) progress.note(`warning: cannot write ${partialFile} (${err.code ?? err.message}); the run goes on and the result is kept in memory`);
        partialWarned = true;
      });
    },
  });
  progress.stop();
  process.removeListener('SIGINT', onSigint);
  // Roofline: inference jobs get their runtime's measured matmul peak (harness/micro/roofline.ts).
  const results = await applyRoofline([...(resumed?.carried ?? []), ...fresh], { runId, resultsDir: choices.resultsDir, machineId: machine.id });

  const final = resultOf(results);
  await writeResult(file, final).catch((err: NodeJS.ErrnoException) => rescueResult(file, final, err));
  await unlink(partialFile).catch(() => undefined);
  process.stdout.write(`\n${summaryTable(results)}\n\nresult file: ${file}\n`);
  for (const table of [microTable(results), rooflineTable(results)]) if (table) process.stdout.write(`\n${table}\n`);
  if (results.some((r) => r.kind === 'training')) process.stdout.write(`\n${(await import('../train/summary.js')).trainingSummary(results) ?? ''}\n`);

  if (flags.report !== false) {
    try {
      const { writeReport } = await import('../../reports/index.js');
      const report = await writeReport([{ file, result: final }], flags.reportDir ?? 'out/report');
      const index = report.files.find((f) => f.endsWith('index.html'));
      if (index) process.stdout.write(`report: ${index}\n`);
    } catch (err) {
      process.stderr.write(`warning: the report could not be written (${(err as Error).message}); the result file is complete.\n`);
    }
  }

  const gateCode = gate && !interrupted ? await (await import('./gate-action.js')).finishGate(gate, { file, result: final, jobs, probes }) : 0;
  if (interrupted) {
    const measured = results.filter((r) => r.status !== 'skipped').length;
    throw new ExitError(`run interrupted; ${measured} of ${jobs.length} jobs recorded in ${file} (finish it with --resume ${file})`);
  }
  return failOnErrorCode(results, flags.failOnError) || gateCode;
}

/**
 * The final result file could not be written (disk full, folder gone): save the measurements to
 * the system's temp folder, which is usually another filesystem, and stop with exit 2 naming both.
 */
async function rescueResult(file: string, result: ResultFile, err: NodeJS.ErrnoException): Promise<never> {
  if (err instanceof UsageError) throw err;
  const rescue = path.join(tmpdir(), `mlbench-rescue-${path.basename(file)}`);
  const reason = err.code ?? err.message;
  try {
    await writeFileAtomic(rescue, JSON.stringify(result, null, 1) + '\n');
  } catch (again) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    throw new UsageError('E_RESULT_FILE', `cannot write the result file in ${path.dirname(file)} (${reason}), nor in ${tmpdir()} (${(again as Error).message}); the result was printed to stdout as JSON.`);
  }
  throw new UsageError('E_RESULT_FILE', `cannot write the result file in ${path.dirname(file)} (${reason}); measurements saved to ${rescue}`);
}
