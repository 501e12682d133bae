/**
 * Matching jobs across the two sides: by suite/workload/runtime/scenario, repeats pooled. Matched
 * jobs whose benchmark definition differs (protocol settings or model) are `changed` and not
 * judged. Runtime knobs (settings under a runtime's namespace, such as `null.latencyUs` or
 * `ort.intraOpThreads`) are what a candidate may legitimately change, so they are judged and
 * listed as differences instead.
 */
import { SETTINGS } from '../../harness/config/settings.js';
import { formatRuntimeId } from '../../harness/common/format.js';
import type { JobResult } from '../schema.js';

/** Setting namespaces that configure the runtime under test: differences are judged, not refused. */
export const RUNTIME_KNOB_PREFIXES: readonly string[] = ['null.', 'ort.', 'ortWeb.', 'tfjs.', 'external.'];

/**
 * Settings that do not change what is measured (process limits, how many samples are stored,
 * how often a job repeats): ignored by the like-with-like check.
 */
export const NEUTRAL_SETTINGS: readonly string[] = ['timeoutMs', 'memoryLimitMb', 'repeat', 'maxSamplesRetained'];

/** The key jobs are matched by: suite/workload/runtime/scenario, the runtime as formatRuntimeId writes it. */
export function jobKey(job: JobResult): string {
  return `${job.suite}/${job.workload}/${formatRuntimeId(job.runtime)}/${job.scenario}`;
}

/** Groups jobs by key, keeping first-seen order. */
export function groupJobs(jobs: JobResult[]): Map<string, JobResult[]> {
  const groups = new Map<string, JobResult[]>();
  for (const job of jobs) {
    const key = jobKey(job);
    const list = groups.get(key);
    if (list) list.push(job);
    else groups.set(key, [job]);
  }
  return groups;
}

function matchesAny(key: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p));
}

/** Stable JSON (sorted keys) so that two equal objects compare equal. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface DefinitionDiff {
  /** Protocol settings or model that differ: the job is `changed`. */
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
  const keys = [...new Set([...Object.keys(baseline.settings), ...Object.keys(candidate.settings)])].sort();
  for (const key of keys) {
    if (NEUTRAL_SETTINGS.includes(key) || matchesAny(key, ignore)) continue;
    const fallback = SETTINGS[key]?.default;
    const a = key in baseline.settings ? baseline.settings[key] : fallback;
    const b = key in candidate.settings ? candidate.settings[key] : fallback;
    if (stable(a) === stable(b)) continue;
    const text = `${key}: ${stable(a)} -> ${stable(b)}`;
    if (RUNTIME_KNOB_PREFIXES.some((p) => key.startsWith(p))) knobs.push(text);
    else changed.push(text);
  }
  if (stable(baseline.model ?? null) !== stable(candidate.model ?? null)) {
    changed.push(`model: ${stable(baseline.model ?? null)} -> ${stable(candidate.model ?? null)}`);
  }
  if (stable(baseline.dataset?.checksum ?? null) !== stable(candidate.dataset?.checksum ?? null)) {
    changed.push(`dataset checksum: ${baseline.dataset?.checksum ?? 'none'} -> ${candidate.dataset?.checksum ?? 'none'}`);
  }
  return { changed, knobs };
}
