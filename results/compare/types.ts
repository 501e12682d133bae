/**
 * Types of a comparison between a baseline (A) and a candidate (B): the report model every
 * formatter renders from (plain, JSON-serialisable data), the options with their defaults, and
 * the zod schema that turns command-line flags into options (errors name the flag).
 */
import { z } from 'zod';
import { UsageError } from '../../harness/errors.js';
import type { JobResult, Machine } from '../schema.js';

/**
 * Verdict of one metric or one job.
 * - `regression` / `improvement`: significant across runs at the Holm-corrected level AND beyond
 *   both the threshold and the minimum detectable effect (or an accuracy drop, a parity pass
 *   turned fail, an ok job that now fails).
 * - `unchanged`: the whole CI of the ratio lies within the threshold.
 * - `inconclusive`: neither (too noisy, too few runs, one run per side; asv's `~`); its note says why.
 * - `changed`: settings or model differ, so the job is not judged (asv's `x`).
 * - `missing`: the job is on one side only, or did not run (skipped, unavailable) on one side.
 */
export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'inconclusive' | 'changed' | 'missing';
export const VERDICTS: readonly Verdict[] = ['regression', 'improvement', 'unchanged', 'inconclusive', 'changed', 'missing'];

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
  /** Judge settings and model differences instead of refusing them (`mlbench ab`: the difference is the point). */
  judgeDefinitionChanges: boolean;
  /** Let tail percentiles (latency p90, p99) be judged; off by default (see decide.ts). */
  judgeTails: boolean;
  /** Power at which the minimum detectable effect is stated. */
  power: number;
  /** Seed of the Monte Carlo permutation test (used above EXACT_MAX_SPLITS splits). */
  seed: number;
}

/**
 * Defaults of every compare option (documented in the README and `--help`). Why these: with 8
 * runs per side (`mlbench ab`'s default) the exact permutation test reaches p = 1.6e-4, so a
 * Holm family of a dozen tests at alpha 0.05 can still be significant; a 2% threshold keeps a
 * 3% change from ever reading `unchanged`.
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
const num = (min: number, max: number, exclusive = false) => z.string().trim().regex(/^[^%]+%?$/).transform((s) => Number(s.replace(/%$/, '')))
  .refine((v) => Number.isFinite(v) && (exclusive ? v > min && v < max : v >= min && v <= max),
    { message: `expected a number in ${exclusive ? '(' : '['}${min}, ${max}${exclusive ? ')' : ']'}` });

const thresholdPair = z.string().regex(/^[^=]+=.*$/, { message: 'expected metric=percent, e.g. memory=15 or latency.p99=10' })
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
  seed: num(0, 2 ** 32 - 1).pipe(z.number().int({ message: 'expected an integer' })).optional(),
});

/** The flag each schema key comes from, for error messages. */
const FLAG_NAMES: Record<string, string> = {
  alpha: '--alpha', threshold: '--threshold', thresholdFor: '--threshold-for', accuracyTolerance: '--accuracy-tolerance', seed: '--seed',
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
    thresholdPctByMetric: { ...DEFAULT_COMPARE_OPTIONS.thresholdPctByMetric, ...Object.fromEntries(f.thresholdFor ?? []) },
    accuracyTolerance: f.accuracyTolerance ?? DEFAULT_COMPARE_OPTIONS.accuracyTolerance,
    allowDifferentMachine: f.allowDifferentMachine ?? false,
    ignoreSettings: (f.ignoreSetting ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
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
  /** `latency.p50`, `latency.p90`, `latency.p99`, `throughput`, `train.seconds`, `memory.peakRss`, `accuracy`, `parity`, `status`. */
  metric: string;
  unit: 'ns' | 'per-s' | 's' | 'bytes' | 'ratio' | 'status' | 'pass';
  better: 'lower' | 'higher';
  /** Median over runs of each run's value (e.g. the median of run p50s); text for status/parity. */
  baseline: number | string | null;
  candidate: number | string | null;
  /** Runs behind each value. */
  nBaseline: number;
  nCandidate: number;
  /** candidate / baseline (medians over runs), and the 95% CI of the ratio from Welch's t on log run values. */
  ratio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** `runs`: the permutation test ran on the runs' values; `none`: not tested. */
  testedOn: 'runs' | 'none';
  pValue: number | null;
  /** Holm-adjusted p-value across every judged test in the comparison. */
  pAdjusted: number | null;
  /** Run-to-run coefficient of variation pooled over both sides (0.03 = 3%); null below 2 runs. */
  cv: number | null;
  /** Minimum detectable effect in percent at this CV, n and the Holm family's first-step level. */
  mdePct: number | null;
  /** Runs per side at which the MDE would reach the threshold (null when already there or not measured). */
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
  /** Settings or model that differ (for `changed`), or differences that are judged (runtime knobs; all of them in `mlbench ab`). */
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
}
