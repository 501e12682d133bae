/**
 * Types of a comparison between a baseline (A) and a candidate (B): the report model every
 * formatter renders from (plain, JSON-serialisable data), the options with their defaults, and
 * the zod schema that turns command-line flags into options (errors name the flag).
 */
import { z } from 'zod';
import { UsageError } from '../../harness/errors.js';
import type { JobResult, Machine } from '../schema.js';

/**
 * Verdict of one metric or one job (what a user can conclude: docs/gate.md).
 * - `regression` / `improvement`: the run-level test is significant after Holm's correction
 *   across the whole comparison AND the 95% CI of the ratio lies wholly beyond 1 ± threshold; or
 *   a broken candidate (every run broken or INVALID, a deterministic parity flip, an accuracy drop),
 *   or a significant rise in broken runs (Fisher's exact test, in the same Holm family).
 * - `unchanged`: the whole CI lies inside ±threshold (shown as `unchanged (±x%)`, x the CI's farthest end).
 * - `inconclusive`: the CI straddles the threshold (too noisy or too few runs; the note gives the
 *   spread, the MDE and the runs per side that would settle it), or one run per side.
 * - `not comparable`: the two sides were fed different inputs or ran different settings or models
 *   (`not comparable (x: a → b)`); not judged.
 * - `missing`: the job is on one side only. When the baseline ran it and the candidate did not
 *   (unavailable, no result file), the comparison fails (Comparison.missingCandidate).
 */
export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'inconclusive' | 'not comparable' | 'missing';
export const VERDICTS: readonly Verdict[] = [
  'regression',
  'improvement',
  'unchanged',
  'inconclusive',
  'not comparable',
  'missing',
];

/** Resolved options of a comparison (defaults filled). */
export interface CompareOptions {
  /** Family-wise significance level for the whole comparison (Holm). */
  alpha: number;
  /** Default threshold in percent: a smaller change is not a regression. */
  thresholdPct: number;
  /** Per-metric thresholds in percent, keyed by metric name or its group (`latency`, `memory`). */
  thresholdPctByMetric: Record<string, number>;
  /** Largest absolute accuracy drop that is not a regression (e.g. 0.01 = one point). */
  accuracyTolerance: number;
  /** Compare results from different machine fingerprints. */
  allowDifferentMachine: boolean;
  /** Setting keys (or `prefix.*`) left out of the like-with-like check. */
  ignoreSettings: string[];
  /** Judge settings and model differences instead of refusing them (`mlbench ab`: the difference is the point); different inputs are never judged. */
  judgeDefinitionChanges: boolean;
  /** Let tail percentiles (latency p90, p99) be judged; off by default (see decide.ts). */
  judgeTails: boolean;
  /** Power at which the minimum detectable effect is stated. */
  power: number;
  /** Seed of `mlbench ab`'s random run order (recorded in ab.json). */
  seed: number;
}

/**
 * Defaults of every compare option (documented in docs/gate.md and `--help`). Why these: with 8
 * runs per side (`mlbench ab`'s default) the exact Mann–Whitney test reaches p = 1.6e-4, so a
 * Holm family of a few dozen tests at alpha 0.05 can still be significant; a 2% threshold keeps
 * a 3% change from ever reading `unchanged`.
 */
export const DEFAULT_COMPARE_OPTIONS: CompareOptions = {
  alpha: 0.05,
  thresholdPct: 2,
  thresholdPctByMetric: { memory: 10 },
  accuracyTolerance: 0.01,
  allowDifferentMachine: false,
  ignoreSettings: [],
  judgeDefinitionChanges: false,
  judgeTails: false,
  power: 0.8,
  seed: 1,
};

/** The flags `mlbench compare`, `mlbench ab` and `mlbench run --baseline` share (strings as typed). */
export interface CompareFlags {
  alpha?: string;
  threshold?: string;
  thresholdFor?: string[];
  accuracyTolerance?: string;
  allowDifferentMachine?: boolean;
  ignoreSetting?: string[];
  judgeTails?: boolean;
  seed?: string;
}

/** A number flag (a trailing % allowed) in a range. */
const num = (min: number, max: number, exclusive = false) =>
  z
    .string()
    .trim()
    .regex(/^[^%]+%?$/)
    .transform((s) => Number(s.replace(/%$/, '')))
    .refine((v) => Number.isFinite(v) && (exclusive ? v > min && v < max : v >= min && v <= max), {
      message: `expected a number in ${exclusive ? '(' : '['}${min}, ${max}${exclusive ? ')' : ']'}`,
    });

const thresholdPair = z
  .string()
  .regex(/^[^=]+=.*$/, { message: 'expected metric=percent, e.g. memory=15 or latency.p99=10' })
  .transform((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1)] as const)
  .pipe(z.tuple([z.string().min(1), num(0, 1000)]));

const FLAGS_SCHEMA = z.object({
  alpha: num(0, 1, true).optional(),
  threshold: num(0, 1000).optional(),
  thresholdFor: z.array(thresholdPair).optional(),
  accuracyTolerance: num(0, 1).optional(),
  allowDifferentMachine: z.boolean().optional(),
  ignoreSetting: z.array(z.string()).optional(),
  judgeTails: z.boolean().optional(),
  seed: num(0, 2 ** 32 - 1)
    .pipe(z.number().int({ message: 'expected an integer' }))
    .optional(),
});

/** The flag each schema key comes from, for error messages. */
const FLAG_NAMES: Record<string, string> = {
  alpha: '--alpha',
  threshold: '--threshold',
  thresholdFor: '--threshold-for',
  accuracyTolerance: '--accuracy-tolerance',
  seed: '--seed',
};

/** Resolves compare flags against the defaults; a bad value is a UsageError E_BAD_FLAG naming the flag and the value. */
export function resolveCompareOptions(flags: CompareFlags): CompareOptions {
  const parsed = FLAGS_SCHEMA.safeParse(flags);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    const raw = (flags as Record<string, unknown>)[key];
    const value = Array.isArray(raw) && typeof issue.path[1] === 'number' ? raw[issue.path[1]] : raw;
    throw new UsageError('E_BAD_FLAG', `${FLAG_NAMES[key] ?? key} ${String(value)}: ${issue.message}.`);
  }
  const f = parsed.data;
  return {
    ...DEFAULT_COMPARE_OPTIONS,
    alpha: f.alpha ?? DEFAULT_COMPARE_OPTIONS.alpha,
    thresholdPct: f.threshold ?? DEFAULT_COMPARE_OPTIONS.thresholdPct,
    thresholdPctByMetric: {
      ...DEFAULT_COMPARE_OPTIONS.thresholdPctByMetric,
      ...Object.fromEntries(f.thresholdFor ?? []),
    },
    accuracyTolerance: f.accuracyTolerance ?? DEFAULT_COMPARE_OPTIONS.accuracyTolerance,
    allowDifferentMachine: f.allowDifferentMachine ?? false,
    ignoreSettings: (f.ignoreSetting ?? [])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
    judgeTails: f.judgeTails ?? false,
    seed: f.seed ?? DEFAULT_COMPARE_OPTIONS.seed,
  };
}

/** One side of a comparison: the jobs of one or more result files (each repeat or run is one job result). */
export interface CompareSide {
  /** Result files (or a label such as `re-measured`). */
  sources: string[];
  machines: Machine[];
  jobs: JobResult[];
  /** The result file of each job, for error messages (else the one source, when there is one). */
  jobSources?: ReadonlyMap<JobResult, string>;
}

/** One metric of one job, baseline against candidate, across runs. */
export interface MetricComparison {
  /** `latency.p50`, `latency.p90`, `latency.p99`, `throughput`, `train.seconds`, `memory.peakRss`, `loadgen.<key>`, `accuracy`, `parity`, `validity`, `status`. */
  metric: string;
  unit: 'ns' | 'per-s' | 's' | 'bytes' | 'ratio' | 'status' | 'pass' | 'J' | 'ms';
  better: 'lower' | 'higher';
  /** Median over runs of each run's value (e.g. the median of run p50s); text for status/parity/validity. */
  baseline: number | string | null;
  candidate: number | string | null;
  /** Runs behind each value. */
  nBaseline: number;
  nCandidate: number;
  /**
   * candidate / baseline as exp(Hodges–Lehmann shift of log run values), and its exact 95% rank CI
   * (results/stats/rank-shift.ts): the estimate always lies inside its CI.
   */
  ratio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** `runs`: Mann–Whitney on run values; `counts`: Fisher's exact test on broken-run counts; `none`: not tested. */
  testedOn: 'runs' | 'counts' | 'none';
  pValue: number | null;
  /** Holm-adjusted p-value across every judged test in the comparison. */
  pAdjusted: number | null;
  /** Robust run-to-run spread of log run values pooled over both sides (1.4826·MAD; 0.03 ≈ 3%); null below 2 runs. */
  cv: number | null;
  /** Planning figure: the smallest true change, in percent, this rule flags with `power` at this spread and n. */
  mdePct: number | null;
  /** Planning figure: runs per side at which the MDE would be twice the threshold (null when already there or not measured). */
  runsNeeded: number | null;
  thresholdPct: number | null;
  /** Whether the row is judged (in the Holm family); tails and single-stream throughput are reported only. */
  judged: boolean;
  verdict: Verdict;
  note?: string;
}

/** One matched job (suite/workload/runtime/scenario; each side's runs). */
export interface JobComparison {
  key: string;
  suite: string;
  workload: string;
  runtime: string;
  scenario: string;
  verdict: Verdict;
  repeatsBaseline: number;
  repeatsCandidate: number;
  /** What differs, `x: a → b`: inputs, settings or model (for `not comparable`), or differences that are judged (runtime knobs; settings and model in `mlbench ab`). */
  differences: string[];
  metrics: MetricComparison[];
}

/** The whole comparison: the report model. */
export interface Comparison {
  baseline: { sources: string[]; machineIds: string[] };
  candidate: { sources: string[]; machineIds: string[] };
  options: CompareOptions;
  /** Set when the machines differ and --allow-different-machine was given. */
  machineWarning: string | null;
  /** Number of hypotheses in the Holm family. */
  tests: number;
  jobs: JobComparison[];
  counts: Record<Verdict, number>;
  /** True when any job is a regression: `mlbench compare` exits 1. */
  regression: boolean;
  /** Keys of jobs the baseline ran and the candidate did not (absent, unavailable, skipped): the gate fails (exit 1, its own message). */
  missingCandidate: string[];
  /** regression, or a job missing on the candidate side: the gate fails. */
  failed: boolean;
}
