/**
 * What is compared with what: jobs matched across the two sides by suite/workload/runtime/scenario,
 * machines checked like with like, each side's runs collected into one value per run and metric,
 * and the status row. Matched jobs whose benchmark definition differs (protocol settings or model)
 * are `changed` and not judged, unless the comparison is an explicit A/B (`mlbench ab`). Runtime
 * knobs (settings under a runtime's namespace, such as `ort.intraOpThreads`) are what a candidate
 * may legitimately change, so they are judged and listed as differences instead.
 */
import { SETTINGS } from '../../harness/config/settings.js';
import { runtimeSettingsGroups } from '../../harness/runtimes/index.js';
import { stableJson as stable } from '../../harness/common/stable-json.js';
import { groupByKey, jobKey } from '../job-key.js';
import { isMeasured } from '../status.js';
import { headlineBetter } from '../metrics.js';
import { errorMessage, UsageError } from '../../harness/errors.js';
import { loadResults } from '../load.js';
import { comparedMachineFacts } from '../machine-facts.js';
import { latencySampleOf, quantile } from '../stats/index.js';
import type { JobResult, Machine, ResultFile } from '../schema.js';
import type { CompareSide } from './types.js';

/** Setting namespaces that configure the runtime under test: differences are judged, not refused. */
export const RUNTIME_KNOB_PREFIXES: readonly string[] = runtimeSettingsGroups().map((group) => `${group}.`);

/**
 * Settings that do not change what is measured (process limits, how many samples are stored,
 * how often a job repeats, the op profile taken after measuring): ignored by the like-with-like check.
 */
export const NEUTRAL_SETTINGS: readonly string[] = [
  'timeoutMs',
  'memoryLimitMb',
  'repeat',
  'maxSamplesRetained',
  'profileOps',
];

export { MEASURED_STATUSES, BROKEN_STATUSES, NOT_RUN_STATUSES } from '../status.js';

/** Latency percentiles compared for every job that has latencies. */
export const LATENCY_PERCENTILES: ReadonlyArray<[string, number]> = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p99', 0.99],
];

export { jobKey } from '../job-key.js';

/** Groups jobs by jobKey, keeping first-seen order. */
export function groupJobs(jobs: JobResult[]): Map<string, JobResult[]> {
  return groupByKey(jobs, jobKey);
}

function matchesAny(key: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p));
}

export interface DefinitionDiff {
  /** What the job was fed that differs (input shapes, given values, ranges, batch size): never judged. */
  inputs: string[];
  /** Protocol settings or model that differ: the job is `not comparable` (judged in `mlbench ab`). */
  changed: string[];
  /** Runtime knobs that differ: judged, reported. */
  knobs: string[];
}

/**
 * Differences between the baseline's and the candidate's definition of a job. A setting absent on
 * one side counts as its default in the settings table (a newer mlbench may add settings).
 */
export function definitionDiff(baseline: JobResult, candidate: JobResult, ignore: readonly string[]): DefinitionDiff {
  const changed: string[] = [];
  const knobs: string[] = [];
  const inputs = inputDifferences(baseline.inputs, candidate.inputs).filter(
    (d) => !matchesAny(`inputs.${d.slice(0, d.indexOf(':'))}`, ignore),
  );
  const keys = [...new Set([...Object.keys(baseline.settings), ...Object.keys(candidate.settings)])].sort();
  for (const key of keys) {
    if (NEUTRAL_SETTINGS.includes(key) || matchesAny(key, ignore)) continue;
    const fallback = SETTINGS[key]?.default;
    const a = key in baseline.settings ? baseline.settings[key] : fallback;
    const b = key in candidate.settings ? candidate.settings[key] : fallback;
    if (stable(a) === stable(b)) continue;
    const text = `${key}: ${stable(a)} → ${stable(b)}`;
    if (INPUT_SETTINGS.includes(key)) inputs.push(text);
    else if (RUNTIME_KNOB_PREFIXES.some((p) => key.startsWith(p))) knobs.push(text);
    else changed.push(text);
  }
  if (stable(baseline.model ?? null) !== stable(candidate.model ?? null)) {
    changed.push(`model: ${stable(baseline.model ?? null)} → ${stable(candidate.model ?? null)}`);
  }
  if (stable(baseline.dataset?.checksum ?? null) !== stable(candidate.dataset?.checksum ?? null)) {
    changed.push(
      `dataset checksum: ${baseline.dataset?.checksum ?? 'none'} → ${candidate.dataset?.checksum ?? 'none'}`,
    );
  }
  return { inputs, changed, knobs };
}

/** Settings that decide what each query is fed (samples per query): a difference is never judged. */
export const INPUT_SETTINGS: readonly string[] = ['batchSize'];

type FedInputs = JobResult['inputs'];

/** `name dims dtype[, values sha256:…][, range lo..hi]` of one fed input. */
function describeInput(input: NonNullable<FedInputs>[number] | undefined): string {
  if (!input) return 'absent';
  return [
    input.dims.join('x'),
    input.dtype,
    input.given ? `given ${input.given}` : null,
    input.range ? `range ${input.range.join('..')}` : null,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * `x: 1x3x48x192 float32 → 8x3x48x192 float32` for each input fed differently; empty when the same
 * or when either side did not record its inputs (result files older than this field).
 */
export function inputDifferences(a: FedInputs, b: FedInputs): string[] {
  if (!a || !b) return [];
  const names = [...new Set([...a.map((i) => i.name), ...b.map((i) => i.name)])];
  return names.flatMap((name) => {
    const x = describeInput(a.find((i) => i.name === name));
    const y = describeInput(b.find((i) => i.name === name));
    return x === y ? [] : [`${name}: ${x} → ${y}`];
  });
}

/** `field: a -> b` for each recorded machine fact that differs (the report's machine table, results/machine-facts.ts). */
export function machineDifferences(a: Machine, b: Machine): string[] {
  const fa = comparedMachineFacts(a);
  const fb = comparedMachineFacts(b);
  const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])];
  return keys
    .filter((k) => JSON.stringify(fa[k]) !== JSON.stringify(fb[k]))
    .map((k) => `${k}: ${JSON.stringify(fa[k] ?? null)} -> ${JSON.stringify(fb[k] ?? null)}`);
}

/**
 * Checks that every machine on both sides has one fingerprint. Throws E_MACHINE_MISMATCH (exit 2)
 * unless `allow`, in which case it returns the warning to print with the comparison.
 */
export function checkMachines(baseline: Machine[], candidate: Machine[], allow: boolean): string | null {
  const all = [...baseline, ...candidate];
  const first = all[0];
  if (!first) return null;
  const other = all.find((m) => m.id !== first.id);
  if (!other) return null;
  const diffs = machineDifferences(first, other);
  const what = diffs.length
    ? `differing fields: ${diffs.join('; ')}`
    : 'no recorded field differs, but the fingerprints do';
  const message = `results come from different machines: ${first.id} (${first.hostname}) and ${other.id} (${other.hostname}); ${what}.`;
  if (!allow) {
    throw new UsageError(
      'E_MACHINE_MISMATCH',
      `${message} Timings from different machines are not comparable; pass --allow-different-machine to compare anyway.`,
    );
  }
  return message;
}

/** What one side observed for one matched job: one value per measured run and metric. */
export interface SideObservations {
  repeats: number;
  statuses: string[];
  /** Per run: its latency percentiles (`p50`, `p90`, `p99`), from its raw samples or histogram, else its latencyNs summary. */
  latency: Array<Record<string, number>>;
  throughputPerS: number[];
  trainSeconds: number[];
  peakRssBytes: number[];
  accuracy: { metric: string; values: number[] } | null;
  /** Parity verdict of every run that checked it (a parity failure makes the run `failed`, so all runs count). */
  parityPass: boolean[];
  /** Per measured run: LoadGen's verdict was INVALID (status `invalid`, or validity.valid false and not UNSCORED). */
  invalid: boolean[];
  /** Per measured run: the scenario's headline (LoadGen's key), when it is a latency or a find-peak QPS. */
  headline: { key: string; unit: string; values: number[] } | null;
}

/** Where a job came from, for error messages (a result file, or a label such as `re-measured`). */
export type SourceOf = (job: JobResult) => string | undefined;

/** One run's latency percentiles; a corrupt histogram is a bad result file (E_RESULT_FILE). */
function runLatency(job: JobResult, sourceOf: SourceOf): Record<string, number> | null {
  let stored;
  try {
    stored = latencySampleOf(job);
  } catch (err) {
    throw new UsageError(
      'E_RESULT_FILE',
      `${sourceOf(job) ?? 'result file'}: job ${job.id}: histogramNs is corrupt (${errorMessage(err)}); re-run the job or leave this file out of the comparison.`,
    );
  }
  if (stored) return Object.fromEntries(LATENCY_PERCENTILES.map(([name, p]) => [name, quantile(stored.sample, p)]));
  const summary = job.latencyNs as Record<string, number> | undefined | null;
  return summary && LATENCY_PERCENTILES.every(([name]) => summary[name]! > 0) ? summary : null;
}

const finite = (values: Array<number | null | undefined>): number[] =>
  values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));

/**
 * Collects one side's observations of a matched job from its runs. Only measured runs (ok,
 * invalid) count for every metric, peak memory included: a crashed or oom run's memory is not
 * a measurement of the job.
 */
export function observe(jobs: JobResult[], sourceOf: SourceOf = () => undefined): SideObservations {
  const measured = jobs.filter((j) => isMeasured(j.status));
  const accuracyJobs = measured.filter((j) => j.accuracy && Number.isFinite(j.accuracy.value));
  return {
    repeats: jobs.length,
    statuses: jobs.map((j) => j.status),
    latency: measured.map((j) => runLatency(j, sourceOf)).filter((l): l is Record<string, number> => l !== null),
    throughputPerS: finite(measured.map((j) => j.throughputPerS)),
    trainSeconds: finite(measured.map((j) => j.train?.seconds)),
    peakRssBytes: finite(measured.map((j) => j.memory?.peakRssBytes)),
    accuracy: accuracyJobs.length
      ? { metric: accuracyJobs[0]!.accuracy!.metric, values: accuracyJobs.map((j) => j.accuracy!.value) }
      : null,
    // The job that is the parity reference itself has no verdict to compare.
    parityPass: jobs.flatMap((j) => (j.parity && 'pass' in j.parity ? [j.parity.pass] : [])),
    invalid: measured.map(
      (j) =>
        j.status === 'invalid' || (j.validity !== undefined && !j.validity.valid && j.validity.result !== 'UNSCORED'),
    ),
    headline: headlineOf(measured),
  };
}

/** LoadGen headline keys judged as their own row, and their direction (the catalogue's headlineBetter). */
export const headlineDirection = headlineBetter;

function headlineOf(measured: JobResult[]): SideObservations['headline'] {
  const first = measured.find((j) => j.metric && headlineDirection(j.metric));
  if (!first?.metric) return null;
  const key = first.metric.key ?? 'find_peak_qps';
  const values = finite(
    measured.map((j) => (j.metric && (j.metric.key ?? 'find_peak_qps') === key ? j.metric.value : undefined)),
  );
  return { key, unit: first.metric.unit, values };
}

/** `ok`, or `ok x2, crashed x1` for mixed runs. */
export function statusText(statuses: string[]): string {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  if (counts.size === 1) return statuses[0]!;
  return [...counts].map(([s, c]) => `${s} x${c}`).join(', ');
}

/** A side from result files already in memory (`sources[i]` names `results[i]` when the lengths match). */
export function sideFromResults(results: ResultFile[], sources: string[]): CompareSide {
  const jobSources = new Map<JobResult, string>();
  if (sources.length === results.length)
    results.forEach((r, i) => r.jobs.forEach((j) => jobSources.set(j, sources[i]!)));
  return { sources, machines: results.map((r) => r.machine), jobs: results.flatMap((r) => r.jobs), jobSources };
}

/**
 * Loads every result file under `inputs` (files or folders, each file once) with the reports'
 * loader; a bad file is an error here, not a warning. `role` names the side in errors.
 */
export async function loadSide(inputs: string[], role: 'baseline' | 'candidate'): Promise<CompareSide> {
  const { results } = await loadResults(inputs, { badFile: 'throw', role });
  return sideFromResults(
    results.map((r) => r.result),
    results.map((r) => r.file),
  );
}
