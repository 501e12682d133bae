/**
 * The body of `mlbench run` (imported only when the command runs). The partial result is
 * rewritten atomically after every job, so an interrupted run keeps what it measured.
 */
import { pinnedKeys, resolveChoices, resolveSettings, splitList, type RequestedOptions } from '../config/resolve.js';
import { errorMessage, ExitError, UsageError, unknownChoice } from '../errors.js';
import { planJobs } from '../plan/plan.js';
import { parseShard } from '../plan/shard.js';
import { applySweep, parseSweep } from '../plan/sweep.js';
import { planResume, quoteCommand, recordedRunArgs } from '../plan/resume.js';
import { RUNTIMES, runtimeIds } from '../runtimes/index.js';
import { TOOL_VERSION } from '../paths.js';
import { defaultSuites, isSuiteFile, loadSuite, loadUserSuite, suiteIds } from '../../suites/index.js';
import type { JobResult, ResultFile } from '../../results/schema.js';
import type { Job, ProbeResult, ResolvedSettings, SuiteOptions } from '../types.js';
import { readResult } from '../../results/store.js';
import { microTable, rooflineTable } from '../micro/roofline-table.js';
import { createProgress } from './progress.js';
import type { RunFlags } from './run.js';
import { crossoverText, failOnErrorCode, opProfileText, summaryTable } from './run-output.js';
import { executePlan, type RunPlan } from './execute-plan.js';
import { settingFlags } from './shared-flags.js';

export function requestedFrom(flags: RunFlags): RequestedOptions {
  return {
    suites: flags.suite,
    runtimes: flags.runtime,
    scenarios: flags.scenario,
    profile: flags.profile,
    resultsDir: flags.resultsDir,
    timeout: flags.timeout,
    set: flags.set,
    ...settingFlags('run', flags),
  };
}

/**
 * `--dataset` / `--target`: checked here, before any job starts, so bad data exits 2 with the
 * file and line named (and is cached once) instead of failing every job the same way. Every
 * dataset but flights (binary by construction) is loaded to check it is a binary target.
 */
async function resolveSuiteOptions(flags: RunFlags, settings: ResolvedSettings): Promise<SuiteOptions | undefined> {
  const cacheDir = String(settings.cacheDir);
  if (flags.dataset === undefined) {
    if (flags.target !== undefined)
      throw new UsageError(
        'E_BAD_FLAG',
        `--target ${flags.target}: only meaningful with --dataset csv:<file> or parquet:<file>.`,
      );
    return undefined;
  }
  const id = flags.dataset;
  const { TABULAR_DATASETS } = await import('../../datasets/tabular/sources.js');
  const user = id.startsWith('csv:') || id.startsWith('parquet:');
  if (!user && !(TABULAR_DATASETS as readonly string[]).includes(id)) {
    throw unknownChoice('E_BAD_FLAG', '--dataset', id, [...TABULAR_DATASETS, 'csv:<file>', 'parquet:<file>']);
  }
  if (user && !flags.target)
    throw new UsageError('E_BAD_FLAG', `--dataset ${id}: name the label column with --target <column>.`);
  if (id !== 'flights') {
    const { loadTabularSplit } = await import('../../datasets/tabular/load-split.js');
    const { csvOptionsFrom } = await import('../../datasets/user/csv-table.js');
    const split = await loadTabularSplit(id, id === 'synthetic-tabular' ? 'train_10k' : 'train', {
      cacheDir,
      target: flags.target,
      csv: csvOptionsFrom(settings),
    });
    const classes = split.encoding.target.classes;
    if (classes.length !== 2) {
      throw new UsageError(
        'E_BAD_DATA',
        `${id.replace(/^(csv|parquet):/, '')}: target${flags.target ? ` column "${flags.target}"` : ''} has ${classes.length} classes (${classes.slice(0, 8).join(', ')}${classes.length > 8 ? ', ...' : ''}); the tabular workloads are binary classifiers (AUC): use a column with two values.`,
      );
    }
  }
  return { dataset: { id, ...(flags.target ? { target: flags.target } : {}) } };
}

/** Flags `--resume` accepts beside the file: how this invocation prints and reports, not what it measures. */
const RESUME_OWN_FLAGS = new Set(['resume', 'verbose', 'report', 'reportDir', 'bail', 'failOnError']);

/**
 * `--resume <file>`: the run's flags come from the command line the file records; only the flags
 * of RESUME_OWN_FLAGS may be added. Files that predate recorded command lines keep the old rule:
 * repeat the run's flags.
 */
async function resumeFlags(
  flags: RunFlags,
  given: ReadonlySet<string>,
  argv: string[],
): Promise<{ flags: RunFlags; args: string[]; previous: ResultFile }> {
  const source = flags.resume!;
  const previous = await readResult(source);
  const recorded = recordedRunArgs(previous, source);
  if (!recorded) return { flags, args: argv, previous };
  const extra = [...given].filter((k) => !RESUME_OWN_FLAGS.has(k));
  if (extra.length) {
    const names = extra.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
    throw new UsageError(
      'E_BAD_FLAG',
      `--resume ${source}: the suites, runtimes and settings come from the file (${previous.command}); drop ${names}.`,
    );
  }
  let replayed: RunFlags;
  try {
    replayed = (await import('./run.js')).parseRunArgs(recorded);
  } catch (err) {
    throw new UsageError(
      'E_RESULT_FILE',
      `${source}: its recorded command "${previous.command}" is not one this mlbench runs (${errorMessage(err).trim()}).`,
    );
  }
  const own = Object.fromEntries(
    [...RESUME_OWN_FLAGS].filter((k) => given.has(k)).map((k) => [k, flags[k as keyof RunFlags]]),
  );
  return { flags: { ...replayed, ...own, resume: source }, args: ['run', ...recorded], previous };
}

/** One line per runtime that is unavailable here, with how many jobs it had and why. */
function unavailableLines(jobs: Job[], probes: Record<string, ProbeResult>): string[] {
  const counts = new Map<string, number>();
  for (const j of jobs)
    if (probes[j.runtime]?.available === false) counts.set(j.runtime, (counts.get(j.runtime) ?? 0) + 1);
  return [...counts].map(
    ([rt, n]) => `  ${rt} (${n} job${n > 1 ? 's' : ''}): ${(probes[rt]!.reason ?? 'not available').split('\n')[0]!}`,
  );
}

/**
 * Runs `mlbench run`. `argv`: the arguments after `mlbench` as typed (recorded in the result so
 * --resume can replay them); `given`: the flags typed, as opposed to defaults.
 */
export async function executeRun(
  typed: RunFlags,
  argv: string[],
  given: ReadonlySet<string> = new Set(),
): Promise<number> {
  const resume = typed.resume ? await resumeFlags(typed, given, argv) : null;
  const flags = resume?.flags ?? typed;
  const commandLine = quoteCommand(['mlbench', ...(resume?.args ?? argv)]);
  const requested = requestedFrom(flags);
  // `--suite ./file.js` or `./mlbench.config.yaml`: user suites, loaded and validated here.
  const suiteFiles = (splitList(flags.suite) ?? []).filter(isSuiteFile);
  const builtIn = (splitList(flags.suite) ?? []).filter((s) => !isSuiteFile(s));
  const choices = resolveChoices(
    { ...requested, suites: builtIn.length ? builtIn : undefined },
    { suites: suiteIds(), runtimes: runtimeIds() },
  );
  const settings = resolveSettings(requested);
  const gate = flags.baseline ? await (await import('./run-baseline.js')).prepareBaseline(flags) : null;
  const suiteOptions = await resolveSuiteOptions(flags, settings);
  const suites = [
    ...(await Promise.all(
      (choices.suites ?? (suiteFiles.length ? [] : defaultSuites(choices.profile))).map(loadSuite),
    )),
    ...(await Promise.all(
      suiteFiles.map((f) =>
        loadUserSuite(f, {
          profile: choices.profile,
          suiteOptions,
          timeoutMs: settings['suite.loadTimeoutMs'],
          allRuntimes: Object.keys(RUNTIMES),
        }),
      ),
    )),
  ];
  const shard = parseShard(flags.shard);
  // --sweep batch=...: offline jobs once per batch size (the scenario it varies, unless asked otherwise).
  const sweep = flags.sweep !== undefined ? parseSweep(flags.sweep) : null;
  if (sweep && !choices.scenarios) choices.scenarios = ['offline'];
  const planned = planJobs({
    suites,
    profile: choices.profile,
    runtimes: choices.runtimes,
    allRuntimes: Object.keys(RUNTIMES),
    scenarios: choices.scenarios,
    settings,
    pinned: pinnedKeys(requested),
    shard,
    suiteOptions,
  });
  const jobs = sweep ? applySweep(planned, sweep) : planned;

  const progress = createProgress(process.stderr, { verbose: flags.verbose });
  const runtimesUsed = [...new Set(jobs.map((j) => j.runtime))];
  const shardNote = shard
    ? `, shard ${shard.index}/${shard.count}${shard.source === '--shard' ? '' : ` from ${shard.source}`}`
    : '';
  const runChoices = {
    profile: choices.profile,
    suites: suites.map((s) => s.id),
    runtimes: runtimesUsed,
    scenarios: choices.scenarios,
    resultsDir: choices.resultsDir,
    ...(shard ? { shard: { index: shard.index, count: shard.count } } : {}),
    ...(sweep ? { sweep } : {}),
  };
  const plan: RunPlan = {
    jobs,
    commandLine,
    args: resume?.args ?? argv,
    resultsDir: choices.resultsDir,
    reportDir: flags.report !== false ? (flags.reportDir ?? 'out/report') : null,
    settings,
    choices: runChoices,
    bail: flags.bail,
    ...(flags.peaksFrom ? { peaksFrom: flags.peaksFrom } : {}),
  };
  let resumed: { carried: JobResult[]; remaining: Job[] } | null = null;
  const {
    file,
    result: final,
    results,
    probes,
    interrupted,
  } = await executePlan(plan, {
    progress,
    verbose: flags.verbose,
    select: (machine) => {
      resumed = resume
        ? planResume(resume.previous, flags.resume!, jobs, machine.id, { settings, choices: runChoices })
        : null;
      return { carried: resumed?.carried ?? [], toRun: resumed?.remaining ?? jobs };
    },
    ready: ({ probes: probed }, toRun) => {
      const runnable = toRun.filter((j) => probed[j.runtime]?.available !== false);
      const available = runtimesUsed.filter((rt) => probed[rt]?.available !== false);
      const unavailable = unavailableLines(toRun, probed);
      const doctorHint = unavailable.length
        ? `; ${unavailable.length} runtime(s) unavailable here: run mlbench doctor to see how to enable them`
        : '';
      progress.note(
        `mlbench ${TOOL_VERSION}: ${runnable.length} jobs on ${available.join(', ')} (profile ${choices.profile}${shardNote})${doctorHint}`,
      );
      if (unavailable.length)
        progress.note(`not available on this machine (recorded as unavailable, not run):\n${unavailable.join('\n')}`);
      if (resumed)
        progress.note(
          `resuming ${flags.resume}: ${resumed.carried.length} jobs carried over, ${resumed.remaining.length} to run`,
        );
    },
    onJobDone: (result) => {
      if (flags.verbose && result.summary) progress.note(result.summary);
      if (flags.verbose && result.opProfile) progress.note(opProfileText(result));
    },
  });
  process.stdout.write(`\n${summaryTable(results, { unavailableNotes: false })}\n`);
  if (flags.verbose)
    for (const table of [microTable(results), rooflineTable(results)]) if (table) process.stdout.write(`\n${table}\n`);
  if (results.some((r) => r.kind === 'training' && r.status !== 'unavailable'))
    process.stdout.write(`\n${(await import('../train/summary.js')).trainingSummary(results) ?? ''}\n`);
  process.stdout.write(crossoverText(results));
  process.stdout.write(`\nresult file: ${file}\n`);

  if (flags.report !== false) {
    try {
      const { writeReport } = await import('../../reports/index.js');
      const report = await writeReport([{ file, result: final }], flags.reportDir ?? 'out/report');
      const index = report.files.find((f) => f.endsWith('index.html'));
      if (index) process.stdout.write(`report: ${index}\n`);
    } catch (err) {
      process.stderr.write(
        `warning: the report could not be written (${(err as Error).message}); the result file is complete.\n`,
      );
    }
  }

  const gateCode =
    gate && !interrupted
      ? await (await import('./run-baseline.js')).finishBaseline(gate, { file, result: final, jobs, probes })
      : 0;
  const left = results.filter((r) => r.status === 'skipped').length;
  if (interrupted && left > 0) {
    throw new ExitError(
      `run interrupted; ${results.length - left} of ${jobs.length} jobs recorded in ${file}. Finish it with:\n  mlbench run --resume ${quoteCommand([file])}`,
    );
  }
  return failOnErrorCode(results, flags.failOnError) || gateCode;
}
