/**
 * The report model: one plain, render-ready view of any number of result files. Every format
 * (HTML, Markdown, charts) renders from this model and nothing else.
 */
import { buildCrossMachine, type CrossMachineView, type MachineRun } from './cross-machine.js';
import { buildNodeVsBrowser, type NodeVsBrowserView } from './node-vs-browser.js';
import { buildPrecisionTables, type PrecisionTableModel } from './precision-table.js';
import { formatRuntimeId } from '../harness/common/format.js';
import { errorMessage } from '../harness/errors.js';
import {
  adapterName,
  isBroken,
  jobSoftwareWarning,
  rankedRuntimeLabel,
  jobKey,
  latencySampleOf,
  machineFacts,
  machineLabel,
  type FindPeakStep,
  type JobResult,
  type LatencySample,
  type LatencySummary,
  type ResultFile,
  measurementSettings,
  runChoices,
} from '../results/index.js';

/** One job of one run, flattened with its run and machine. */
export interface ReportJob {
  /** Identity across runs and machines: suite/workload/runtime/scenario. */
  key: string;
  file: string;
  runId: string;
  runStartedAt: string;
  machineId: string;
  machineLabel: string;
  suite: string;
  workload: string;
  /** Model label (zoo arch or model name), used to join workloads of one model at several sizes. */
  model: string;
  kind: 'training' | 'inference' | 'generation';
  runtime: string;
  /** Threads the runtime reported (`runtime.threads`); null or absent when not reported. */
  threads?: number | null;
  scenario: string;
  repeat: number;
  status: JobResult['status'];
  /** LoadGen's verdict; UNSCORED is an accuracy run without labels (neither valid nor invalid). */
  verdict: 'VALID' | 'INVALID' | 'UNSCORED' | null;
  /** Set when a VALID was judged below LoadGen's minimums: `relaxed: 2 s, 200 queries; LoadGen requires 600 s, 1024`. */
  relaxed?: string | null;
  reasons: string[];
  error: { code: string; message: string } | null;
  metric: { name: string; value: number; unit: string } | null;
  latencyNs: LatencySummary | null;
  /**
   * The job's latencies as compare reads them (results/stats/latency-sample.ts): the HDR histogram
   * when the raw samples were capped, else the raw samples; null when neither is usable.
   */
  latencySample: LatencySample | null;
  throughputPerS: number | null;
  /** Queries per second, only where a query carries more than one sample (batches, multi-stream). */
  queriesPerS: number | null;
  coldStart: { loadMs: number; sessionCreateMs: number; firstRunMs: number } | null;
  train: { seconds: number; epochs: number; rowsPerS: number | null } | null;
  datasetRows: number | null;
  accuracy: { metric: string; value: number } | null;
  achievedGflops: number | null;
  /** Outputs against the independent reference, or `not checked (reference)` for the reference itself. */
  parity: JobResult['parity'] | null;
  /** Achieved FLOP/s as a percentage of the machine's theoretical FP32 peak. */
  peakPercent: number | null;
  findPeakSteps: FindPeakStep[];
  latencyBoundNs: number | null;
  /** `--profile-ops`: the top ops by time of a short profiled pass. */
  opProfile: JobResult['opProfile'] | null;
  /**
   * Generation jobs: LoadGen's token latencies (ns) per request and their p50/p99, output tokens/s,
   * and TPOT p50 as a percentage of the decode bandwidth floor.
   */
  generation?: {
    ttftNs: number[];
    tpotNs: number[];
    ttftP50Ns: number;
    ttftP99Ns: number;
    tpotP50Ns: number | null;
    tpotP99Ns: number | null;
    outputTokensPerS: number;
    percentOfFloor: number | null;
  } | null;
  /** GPU jobs: the adapter's one-line description (`llvmpipe: Mesa 25.0.7 ...`), null otherwise. */
  adapter?: string | null;
  /** The software-adapter warning (results/adapter-label.ts), null on a hardware adapter or none. */
  softwareAdapter?: string | null;
  /** Where it is ranked: the runtime, with `(software: llvmpipe)` on a software adapter (absent: the runtime). */
  rankedAs?: string;
  /** A parity failure matching a known runtime fault, with its repro. */
  knownFault?: JobResult['knownFault'] | null;
  /** GPU jobs: upload/dispatch/readback medians, or why they cannot be told apart. */
  gpuPhases?: JobResult['gpuPhases'] | null;
  /** Energy and device memory over the measurement, or `not exposed` with the reason. */
  energy?: JobResult['energy'] | null;
  /** `--sweep` / `mlbench model --seq`: the job's point on the sweep axis (results/crossover.ts). */
  sweep?: JobResult['sweep'] | null;
  /**
   * A zoo model exported at a chosen precision (`params.precision`): the precision, the model
   * family it belongs to (arch + other params), a label, and its measured error block.
   */
  precisionOf?: { precision: string; family: string; label: string; error: JobResult['precision'] | null } | null;
  /** Training jobs scored at other precisions (accuracy.precisions, harness/train/serve-check.ts scorePrecisions). */
  trainedPrecisions?: Array<{
    precision: string;
    runtime: string;
    status: string;
    changeVsFp32?: number;
    reason?: string;
  }> | null;
  /** True when this job belongs to the newest run of its machine that has this key. */
  latest: boolean;
}

/** `12.3k samples/s`, with `· 1.54k queries/s` beside it when a query carries several samples. */
export function throughputText(
  j: Pick<ReportJob, 'throughputPerS' | 'queriesPerS'>,
  sig: (x: number) => string,
): string {
  if (j.throughputPerS === null) return '—';
  return `${sig(j.throughputPerS)} samples/s${j.queriesPerS !== null ? ` · ${sig(j.queriesPerS)} queries/s` : ''}`;
}

export interface ReportMachine {
  id: string;
  label: string;
  /** Ordered `[name, value]` rows for the machine table. */
  facts: Array<[string, string]>;
  /** A warning when the 1-minute load average at a run's start was at least half the logical cores. */
  busy: string | null;
}

export interface ReportRun {
  file: string;
  runId: string;
  machineId: string;
  startedAt: string;
  finishedAt: string;
  command: string;
  toolVersion: string;
  jobCount: number;
  okCount: number;
}

export interface ReportSuite {
  id: string;
  jobs: ReportJob[];
}

export interface ReportModel {
  generatedAt: string;
  runs: ReportRun[];
  machines: ReportMachine[];
  suites: ReportSuite[];
  jobs: ReportJob[];
  /** Jobs whose status is not ok/invalid/skipped/unavailable, with their messages. */
  failures: ReportJob[];
  statusCounts: Record<string, number>;
  /** Results from two or more machines: the same jobs side by side (cross-machine.ts); else null. */
  crossMachine: CrossMachineView | null;
  /** Browser jobs beside their Node twins (node-vs-browser.ts); null when there is no such pair. */
  nodeVsBrowser: NodeVsBrowserView | null;
  /** Per model, precision x runtime speed and error (precision-table.ts); [] when no model ran at two precisions. */
  precisionTables?: PrecisionTableModel[];
}

/**
 * Suite order in every report: the model-level suites first (they answer "which runtime should I
 * ship"), then the user's own suites, and the single-op micro suite last.
 */
const SUITES_FIRST = ['zoo', 'transformers', 'vision', 'tabular'];
const SUITES_LAST = ['smoke', 'selftest', 'micro'];

/** Sort rank of a suite id (lower comes first); ties are broken by id. */
export function suiteRank(suite: string): number {
  const first = SUITES_FIRST.indexOf(suite);
  if (first >= 0) return first;
  const last = SUITES_LAST.indexOf(suite);
  return last >= 0 ? 100 + last : 50;
}

/**
 * Builds the report model from validated result files (the order of inputs does not matter). A job
 * whose latencies cannot be decoded falls back to its latencyNs summary, with a line in `warnings`.
 */
export function buildReportModel(
  results: Array<{ file: string; result: ResultFile }>,
  now = new Date(),
  warnings: string[] = [],
): ReportModel {
  const sorted = [...results].sort(
    (a, b) => a.result.startedAt.localeCompare(b.result.startedAt) || a.file.localeCompare(b.file),
  );
  const machines = new Map<string, ReportMachine>();
  const newestRun = new Map<string, MachineRun>();
  const runs: ReportRun[] = [];
  const jobs: ReportJob[] = [];
  for (const { file, result } of sorted) {
    const m = result.machine;
    if (!machines.has(m.id))
      machines.set(m.id, { id: m.id, label: machineLabel(m, machines.size), facts: machineFacts(m), busy: null });
    const load = m.loadAverage[0];
    if (load !== undefined && load >= m.cpu.cores / 2 && !machines.get(m.id)!.busy) {
      machines.get(m.id)!.busy =
        `Noisy machine: ${machines.get(m.id)!.label} had a load average of ${load.toFixed(1)} on ${m.cpu.cores} logical cores when run ${result.runId} started; other work competed, so compare ratios measured side by side, not absolute times.`;
    }
    const label = machines.get(m.id)!.label;
    // What a job was measured with: the settings, and the profile (it sizes the jobs); never
    // which jobs ran or where output went (the run's other choices).
    const profile = runChoices(result).profile;
    newestRun.set(m.id, {
      id: m.id,
      label,
      machine: m,
      settings: { ...measurementSettings(result), ...(profile !== undefined ? { profile } : {}) },
    });
    runs.push({
      file,
      runId: result.runId,
      machineId: m.id,
      startedAt: result.startedAt,
      finishedAt: result.finishedAt,
      command: result.command,
      toolVersion: result.tool.version,
      jobCount: result.jobs.length,
      okCount: result.jobs.filter((j) => j.status === 'ok').length,
    });
    for (const job of result.jobs) jobs.push(toReportJob(job, file, result, label, warnings));
  }
  markLatest(jobs);
  const suiteIds = [...new Set(jobs.map((j) => j.suite))].sort(
    (a, b) => suiteRank(a) - suiteRank(b) || a.localeCompare(b),
  );
  const statusCounts: Record<string, number> = {};
  for (const j of jobs) statusCounts[j.status] = (statusCounts[j.status] ?? 0) + 1;
  return {
    generatedAt: now.toISOString(),
    runs,
    machines: [...machines.values()],
    suites: suiteIds.map((id) => ({ id, jobs: jobs.filter((j) => j.suite === id) })),
    jobs,
    failures: jobs.filter((j) => isBroken(j.status)),
    statusCounts,
    crossMachine: buildCrossMachine(jobs, [...newestRun.values()], suiteRank),
    nodeVsBrowser: buildNodeVsBrowser(jobs, suiteRank),
    precisionTables: buildPrecisionTables(jobs),
  };
}

/** Table order: jobs of one workload, scenario and runtime together, then machine, run, repeat. */
export function compareJobs(a: ReportJob, b: ReportJob): number {
  return (
    a.workload.localeCompare(b.workload, undefined, { numeric: true }) ||
    a.scenario.localeCompare(b.scenario) ||
    a.runtime.localeCompare(b.runtime) ||
    a.machineLabel.localeCompare(b.machineLabel) ||
    a.runStartedAt.localeCompare(b.runStartedAt) ||
    a.repeat - b.repeat
  );
}

function latencySample(job: JobResult, file: string, warnings: string[]): LatencySample | null {
  try {
    return latencySampleOf(job);
  } catch (err) {
    warnings.push(
      `${file}: job ${job.id}: histogramNs is corrupt (${errorMessage(err)}); its charts use the latencyNs summary`,
    );
    return null;
  }
}

function toReportJob(
  job: JobResult,
  file: string,
  result: ResultFile,
  machineLabelText: string,
  warnings: string[],
): ReportJob {
  const runtime = formatRuntimeId(job.runtime);
  return {
    key: jobKey(job),
    file,
    runId: result.runId,
    runStartedAt: result.startedAt,
    machineId: result.machine.id,
    machineLabel: machineLabelText,
    suite: job.suite,
    workload: job.workload,
    model: modelLabel(job),
    precisionOf: precisionOf(job),
    trainedPrecisions: Array.isArray(job.accuracy?.precisions)
      ? (job.accuracy.precisions as NonNullable<ReportJob['trainedPrecisions']>)
      : null,
    kind: job.kind,
    runtime,
    threads: job.runtime.threads ?? null,
    scenario: job.scenario,
    repeat: job.repeat,
    status: job.status,
    verdict: job.validity
      ? job.validity.valid
        ? 'VALID'
        : job.validity.result === 'UNSCORED'
          ? 'UNSCORED'
          : 'INVALID'
      : null,
    relaxed: job.validity?.valid ? (job.validity.relaxed ?? null) : null,
    reasons: job.validity?.reasons ?? [],
    error: job.error ?? null,
    metric: job.metric ?? null,
    latencyNs: job.latencyNs ?? null,
    latencySample: latencySample(job, file, warnings),
    throughputPerS: job.throughputPerS ?? null,
    queriesPerS:
      job.queriesPerS !== undefined &&
      job.throughputPerS !== undefined &&
      Math.abs(job.queriesPerS - job.throughputPerS) > 1e-9 * job.throughputPerS
        ? job.queriesPerS
        : null,
    coldStart: job.coldStart ?? null,
    train: job.train
      ? { seconds: job.train.seconds, epochs: job.train.epochs, rowsPerS: job.train.rowsPerS ?? null }
      : null,
    datasetRows: job.dataset?.rows ?? null,
    accuracy: job.accuracy ? { metric: job.accuracy.metric, value: job.accuracy.value } : null,
    achievedGflops: finite(job.achievedGflops),
    parity: job.parity ?? null,
    peakPercent: finite(job.peakPercent),
    findPeakSteps: job.findPeak?.steps ?? [],
    latencyBoundNs: job.scenario === 'server' ? finite(job.settings.latencyBoundNs) : null,
    opProfile: job.opProfile ?? null,
    generation: job.generation
      ? {
          ttftNs: job.generation.perRequest.ttftNs,
          tpotNs: job.generation.perRequest.tpotNs.filter((v): v is number => v !== null),
          ttftP50Ns: job.generation.ttftNs.p50,
          ttftP99Ns: job.generation.ttftNs.p99,
          tpotP50Ns: job.generation.tpotNs?.p50 ?? null,
          tpotP99Ns: job.generation.tpotNs?.p99 ?? null,
          outputTokensPerS: job.generation.outputTokensPerS,
          percentOfFloor: job.generation.bandwidthFloor?.percentOfFloor ?? null,
        }
      : null,
    adapter: job.adapter ? job.adapter.description || adapterName(job.adapter) : null,
    softwareAdapter: jobSoftwareWarning(job),
    rankedAs: rankedRuntimeLabel(runtime, job),
    knownFault: job.knownFault ?? null,
    sweep: job.sweep ?? null,
    gpuPhases: job.gpuPhases ?? null,
    energy: job.energy ?? null,
    latest: false,
  };
}

/** The precision facts of a job whose zoo model names one (`params.precision`), else null. */
function precisionOf(job: JobResult): ReportJob['precisionOf'] {
  const params = (job.model?.params ?? null) as Record<string, unknown> | null;
  const precision = typeof params?.precision === 'string' ? params.precision : null;
  if (!precision) return null;
  const { precision: _p, ...rest } = params!;
  const family = `${String(job.model?.arch ?? '')}:${JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)))}`;
  const label = job.precision?.model ?? job.workload.replace(new RegExp(`-${precision}$`), '');
  return { precision, family, label, error: job.precision ?? null };
}

function modelLabel(job: JobResult): string {
  const m = job.model ?? {};
  for (const k of ['name', 'arch']) if (typeof m[k] === 'string' && m[k]) return m[k] as string;
  return job.workload;
}

function finite(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Marks the jobs of the newest run, per machine and key (repeats of that run all count). */
function markLatest(jobs: ReportJob[]): void {
  const newest = new Map<string, string>();
  for (const j of jobs) {
    const k = `${j.machineId}\u0000${j.key}`;
    const seen = newest.get(k);
    if (seen === undefined || j.runStartedAt > seen) newest.set(k, j.runStartedAt);
  }
  for (const j of jobs) j.latest = newest.get(`${j.machineId}\u0000${j.key}`) === j.runStartedAt;
}
