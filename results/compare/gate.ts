/**
 * The CI gate: compare a fresh run against a baseline, then re-measure every job flagged as a
 * regression before failing, so one noisy run cannot fail a build.
 *
 * Re-measurement (each in a fresh process, through the `runJobs` callback):
 * - interleaved A/B, when the baseline differs from the candidate only in runtime knobs this code
 *   can reproduce (e.g. `null.latencyUs`, `ort.intraOpThreads`): the candidate configuration (A)
 *   and the baseline configuration (B) are re-run `confirm` times each, in ABBA order so that a
 *   slow drift of the machine hits both alike; the re-measured A is compared with the re-measured B;
 * - candidate only, otherwise (the usual CI case: same settings, different code, and the baseline's
 *   code is not at hand): the candidate is re-run `confirm` times and compared with the stored
 *   baseline again.
 * A regression fails the gate only when the comparison of the re-measurements (with its own Holm
 * family: the flagged jobs) is a regression again. Pure apart from the callback: no I/O.
 */
import { formatRuntimeId, parseRuntimeId } from '../../harness/common/format.js';
import type { Job } from '../../harness/types.js';
import type { JobResult, ResultFile } from '../schema.js';
import { compareSides } from './compare.js';
import { countVerdicts } from './decide.js';
import { definitionDiff, groupJobs, jobKey } from './match.js';
import type { CompareOptions, Comparison } from './types.js';

/** Runs jobs, each in a fresh process, and returns their results in the same order. */
export type RunJobsFn = (jobs: Job[]) => Promise<JobResult[]>;

export interface GateInput {
  candidate: ResultFile;
  baseline: ResultFile;
  /** The planned jobs of the candidate run (templates for re-measurement). */
  jobs: Job[];
  runJobs: RunJobsFn;
  /** Re-measurements per configuration; 0 takes the first comparison as final. */
  confirm: number;
  options: CompareOptions;
  /** Setting keys this code knows; a baseline setting outside it cannot be reproduced. */
  knownSettings: ReadonlySet<string>;
}

export interface GateResult {
  initial: Comparison;
  /** Comparison of the re-measurements (null when nothing was flagged or confirm = 0). */
  confirmation: Comparison | null;
  /** How each flagged job was re-measured. */
  modes: Record<string, 'interleaved' | 'candidate-only' | 'not-rerunnable'>;
  confirmed: string[];
  cleared: string[];
  /** The initial comparison with flagged-but-not-confirmed jobs turned `inconclusive`. */
  final: Comparison;
  regression: boolean;
}

/** The match key of a planned job (the same as jobKey of its result). */
export function plannedJobKey(job: Job): string {
  const { runtime, backend } = parseRuntimeId(job.runtime);
  return `${job.suite}/${job.workload.id}/${formatRuntimeId({ id: runtime, backend })}/${job.scenario}`;
}

/**
 * The comparison with the cleared jobs turned `inconclusive`: the job and each of its `regression`
 * metric rows (with a note saying why), so no row reads "regression" under a "no regression"
 * headline. Confirmed jobs keep their verdicts and get a note.
 */
function withCleared(c: Comparison, cleared: readonly string[], confirmed: readonly string[], how: (key: string) => string): Comparison {
  const jobs = c.jobs.map((j) => {
    if (cleared.includes(j.key)) {
      const note = `regression not confirmed by ${how(j.key)}`;
      const metrics = j.metrics.map((m) => (m.verdict === 'regression' ? { ...m, verdict: 'inconclusive' as const, note } : m));
      return { ...j, verdict: 'inconclusive' as const, metrics, differences: [...j.differences, note] };
    }
    if (confirmed.includes(j.key)) return { ...j, differences: [...j.differences, `regression confirmed by ${how(j.key)}`] };
    return j;
  });
  const counts = countVerdicts(jobs);
  return { ...c, jobs, counts, regression: counts.regression > 0 };
}

/** Compares, re-measures flagged jobs, and returns the confirmed verdicts. */
export async function runGate(input: GateInput): Promise<GateResult> {
  const { candidate, baseline, options } = input;
  const side = (r: ResultFile, jobs = r.jobs) => ({ sources: [r.runId], machines: [r.machine], jobs });
  const initial = compareSides(side(baseline), side(candidate), options);
  const flagged = initial.jobs.filter((j) => j.verdict === 'regression').map((j) => j.key);
  const modes: GateResult['modes'] = {};
  if (!flagged.length || input.confirm <= 0) {
    return { initial, confirmation: null, modes, confirmed: flagged, cleared: [], final: initial, regression: flagged.length > 0 };
  }

  const baseGroups = groupJobs(baseline.jobs);
  const candGroups = groupJobs(candidate.jobs);
  const rounds: Array<{ job: Job; key: string; role: 'A' | 'B' }> = [];
  for (const key of flagged) {
    const template = input.jobs.find((j) => plannedJobKey(j) === key);
    const baseJob = baseGroups.get(key)?.[0];
    const candJob = candGroups.get(key)?.[0];
    if (!template || !baseJob || !candJob) {
      modes[key] = 'not-rerunnable';
      continue;
    }
    const knobs = definitionDiff(baseJob, candJob, options.ignoreSettings).knobs;
    const reproducible = Object.keys(baseJob.settings).every((k) => input.knownSettings.has(k));
    modes[key] = knobs.length > 0 && reproducible ? 'interleaved' : 'candidate-only';
    for (let i = 0; i < input.confirm; i++) {
      const a = { job: { ...template, id: `${template.id}~confirm-a${i + 1}`, repeat: i }, key, role: 'A' as const };
      if (modes[key] === 'candidate-only') {
        rounds.push(a);
        continue;
      }
      const b = { job: { ...template, id: `${template.id}~confirm-b${i + 1}`, repeat: i, settings: { ...template.settings, ...baseJob.settings } }, key, role: 'B' as const };
      rounds.push(...(i % 2 === 0 ? [a, b] : [b, a]));
    }
  }

  const results = rounds.length ? await input.runJobs(rounds.map((r) => r.job)) : [];
  const remeasuredA = results.filter((_, i) => rounds[i]!.role === 'A');
  const remeasuredB = results.filter((_, i) => rounds[i]!.role === 'B');
  const storedBaseline = baseline.jobs.filter((j) => modes[jobKey(j)] === 'candidate-only');
  const confirmation = compareSides(
    { sources: ['re-measured baseline'], machines: [candidate.machine, ...(storedBaseline.length ? [baseline.machine] : [])], jobs: [...remeasuredB, ...storedBaseline] },
    { sources: ['re-measured candidate'], machines: [candidate.machine], jobs: remeasuredA },
    { ...options, allowDifferentMachine: true },
  );
  const again = new Set(confirmation.jobs.filter((j) => j.verdict === 'regression').map((j) => j.key));
  // A job that cannot be re-run keeps its first verdict: the gate does not clear what it cannot check.
  const confirmed = flagged.filter((k) => again.has(k) || modes[k] === 'not-rerunnable');
  const cleared = flagged.filter((k) => !confirmed.includes(k));
  const final = withCleared(initial, cleared, confirmed, (key) => `${input.confirm} re-measurement(s) (${modes[key]})`);
  return { initial, confirmation, modes, confirmed, cleared, final, regression: confirmed.length > 0 };
}
