/**
 * The body of `mlbench run` (imported only when the command runs). The partial result is
 * rewritten atomically after every job, so an interrupted run keeps what it measured.
 */
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { pinnedKeys, resolveChoices, resolveSettings, type RequestedOptions } from '../config/resolve.js';
import { ExitError, UsageError, unknownChoice } from '../errors.js';
import { FAILED_STATUSES, runJobs } from '../isolate/run-jobs.js';
import { probeRuntimes } from '../isolate/runner.js';
import { parseShard, planJobs } from '../plan/plan.js';
import { planResume } from '../plan/resume.js';
import { RUNTIMES, runtimeIds } from '../runtimes/index.js';
import { collectMachine } from '../system/metadata.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { DEFAULT_SUITES, loadSuite, suiteIds } from '../../suites/index.js';
import type { JobResult, ResultFile } from '../../results/schema.js';
import type { SuiteOptions } from '../types.js';
import { readResult, resultPath, writeFileAtomic, writeResult } from '../../results/store.js';
import { applyRoofline } from '../micro/roofline.js';
import { microTable, rooflineTable } from '../micro/roofline-table.js';
import { createProgress } from './progress.js';
import type { RunFlags } from './run.js';
import { formatBytes, formatNs, formatTable } from './table.js';

function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
}

export function requestedFrom(flags: RunFlags): RequestedOptions {
  return {
    suites: flags.suite,
    runtimes: flags.runtime,
    scenarios: flags.scenario,
    profile: flags.profile,
    resultsDir: flags.resultsDir,
    timeout: flags.timeout,
    set: flags.set,
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

function detail(r: JobResult): string {
  if (r.error) return r.error.message.split('\n')[0]!.slice(0, 160);
  if (r.latencyNs) return `p50 ${formatNs(r.latencyNs.p50)}  p90 ${formatNs(r.latencyNs.p90)}`;
  if (r.train) return `train ${r.train.seconds.toFixed(2)} s`;
  return '';
}

/** The scenario's headline metric, short: `p90 21.0 us`, `peak 12800 queries/s`, `auc 0.6384`. */
function headline(j: JobResult): string {
  if (!j.metric) return j.accuracy ? `${j.accuracy.metric} ${j.accuracy.value.toFixed(4)}` : '-';
  const { name, value, unit } = j.metric;
  const number = String(Number(value.toPrecision(4)));
  if (unit === 'ns') return `${name.split(' ')[0]} ${formatNs(value)}`;
  if (unit.endsWith('/s')) return `${name.startsWith('peak') ? 'peak ' : ''}${number} ${unit}`;
  return `${name} ${number}${unit === 'ratio' ? '' : ` ${unit}`}`;
}

const runtimeName = (j: JobResult) => (j.runtime.backend === 'default' ? j.runtime.id : `${j.runtime.id}:${j.runtime.backend}`);

/**
 * The end-of-run table: one row per job that ran. Jobs whose runtime is unavailable here are
 * folded into one line per runtime with its reason (the result file keeps every one).
 */
export function summaryTable(jobs: JobResult[]): string {
  const ran = jobs.filter((j) => j.status !== 'unavailable');
  const rows = ran.map((j) => [
    `${j.suite}/${j.workload}`,
    runtimeName(j),
    j.scenario,
    j.status,
    formatNs(j.latencyNs?.p50),
    formatNs(j.latencyNs?.p90),
    j.throughputPerS !== undefined ? j.throughputPerS.toFixed(0) : '-',
    formatBytes(j.memory?.peakRssBytes),
    headline(j),
  ]);
  const table = formatTable(['job', 'runtime', 'scenario', 'status', 'p50', 'p90', 'per s', 'peak RSS', 'result'], rows,
    [false, false, false, false, true, true, true, true, false]);
  const unavailable = new Map<string, { count: number; reason: string }>();
  for (const j of jobs.filter((x) => x.status === 'unavailable')) {
    const entry = unavailable.get(runtimeName(j)) ?? { count: 0, reason: (j.error?.message ?? '').split('\n')[0]! };
    entry.count++;
    unavailable.set(runtimeName(j), entry);
  }
  const notes = [...unavailable].map(([rt, u]) => `  ${rt} (${u.count} job${u.count > 1 ? 's' : ''}): ${u.reason.slice(0, 140)}`);
  return notes.length ? `${table}\n\nunavailable on this machine:\n${notes.join('\n')}` : table;
}

const TABULAR_DATASETS = ['flights', 'synthetic-tabular', 'csv:<file>', 'parquet:<file>'];

/**
 * `--dataset` / `--target`: checked here, before any job starts, so bad user data exits 2 with
 * the file and line named (and is cached once) instead of failing every job the same way.
 */
async function resolveSuiteOptions(flags: RunFlags, cacheDir: string): Promise<SuiteOptions | undefined> {
  if (flags.dataset === undefined) {
    if (flags.target !== undefined) throw new UsageError('E_BAD_FLAG', `--target ${flags.target}: only meaningful with --dataset csv:<file> or parquet:<file>.`);
    return undefined;
  }
  const id = flags.dataset;
  const user = id.startsWith('csv:') || id.startsWith('parquet:');
  if (!user && !['flights', 'synthetic-tabular'].includes(id)) throw unknownChoice('E_BAD_FLAG', '--dataset', id, TABULAR_DATASETS);
  if (user && !flags.target) throw new UsageError('E_BAD_FLAG', `--dataset ${id}: name the label column with --target <column>.`);
  if (user) {
    const { loadTabularSplit } = await import('../../datasets/tabular/load-split.js');
    await loadTabularSplit(id, 'train', { cacheDir, target: flags.target });
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
    suiteOptions: await resolveSuiteOptions(flags, String(settings.cacheDir)),
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
  const resultOf = (jobResults: JobResult[]): ResultFile => ({
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: commandLine,
    settings: resolved,
    machine,
    jobs: jobResults,
  });

  const resumed = flags.resume ? planResume(await readResult(flags.resume), flags.resume, jobs, machine.id, resolved) : null;
  if (resumed) progress.note(`resuming ${flags.resume}: ${resumed.carried.length} jobs carried over, ${resumed.remaining.length} to run`);

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
      progress.jobDone(i, result.id, result.status, detail(result));
      if (flags.verbose && result.summary) progress.note(result.summary);
      await writeFileAtomic(partialFile, JSON.stringify(resultOf(done)));
    },
  });
  progress.stop();
  process.removeListener('SIGINT', onSigint);
  // Roofline: inference jobs get their runtime's measured matmul peak (harness/micro/roofline.ts).
  const results = await applyRoofline([...(resumed?.carried ?? []), ...fresh], { runId, resultsDir: choices.resultsDir, machineId: machine.id });

  const final = resultOf(results);
  await writeResult(file, final);
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
  const failed = results.filter((r) => FAILED_STATUSES.has(r.status));
  if (interrupted) throw new ExitError(`run interrupted; ${done.length} of ${jobs.length} jobs recorded in ${file}`);
  if (failed.length && flags.failOnError) {
    process.stderr.write(`mlbench: ${failed.length} job(s) failed: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}\n`);
    return 1;
  }
  return gateCode;
}
