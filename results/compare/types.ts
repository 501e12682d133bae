/**
 * Types of a comparison between a baseline and a candidate: the report model every formatter
 * (terminal, Markdown, JSON) renders from. Plain data: no functions, JSON-serialisable.
 */
import type { JobResult, Machine } from '../schema.js';

/**
 * Verdict of one metric or one job.
 * - `regression` / `improvement`: significant at the Holm-corrected level AND beyond the threshold
 *   (or an accuracy drop, a parity pass turned fail, an ok job that now fails).
 * - `unchanged`: within the threshold (significant or not).
 * - `inconclusive`: beyond the threshold but not significant, or not testable (asv's `~`).
 * - `changed`: settings or model differ, so the job is not judged (asv's `x`).
 * - `missing`: the job is on one side only, or did not run (skipped, unavailable) on one side.
 */
export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'inconclusive' | 'changed' | 'missing';
export const VERDICTS: readonly Verdict[] = ['regression', 'improvement', 'unchanged', 'inconclusive', 'changed', 'missing'];

/** Resolved options of a comparison (defaults filled). */
export interface CompareOptions {
  /** Family-wise significance level for the whole comparison (Holm). */
  alpha: number;
  /** Default threshold in percent: smaller changes are `unchanged`. */
  thresholdPct: number;
  /** Per-metric thresholds in percent, keyed by metric name or its group (`latency`, `memory`). */
  thresholdPctByMetric: Record<string, number>;
  /** Largest absolute accuracy drop that is not a regression (e.g. 0.01 = one point). */
  accuracyTolerance: number;
  /** Compare results from different machine fingerprints. */
  allowDifferentMachine: boolean;
  /** Setting keys (or `prefix.*`) left out of the like-with-like check. */
  ignoreSettings: string[];
  /** Let tail percentiles (latency p90, p99) be regressions; off by default (see decide.ts). */
  judgeTails: boolean;
  /** Bootstrap seed and resample count. */
  seed: number;
  resamples: number;
}

/** Defaults of every compare option (documented in the README and `--help`). */
export const DEFAULT_COMPARE_OPTIONS: CompareOptions = {
  alpha: 0.01,
  thresholdPct: 5,
  thresholdPctByMetric: { memory: 10 },
  accuracyTolerance: 0.01,
  allowDifferentMachine: false,
  ignoreSettings: [],
  judgeTails: false,
  seed: 1,
  resamples: 2000,
};

/** One side of a comparison: the jobs of one or more result files. */
export interface CompareSide {
  /** Result files (or a label such as `re-measured`). */
  sources: string[];
  machines: Machine[];
  jobs: JobResult[];
  /** The result file of each job, for error messages (else the one source, when there is one). */
  jobSources?: ReadonlyMap<JobResult, string>;
}

/** One metric of one job, baseline against candidate. */
export interface MetricComparison {
  /** `latency.p50`, `latency.p90`, `latency.p99`, `throughput`, `train.seconds`, `memory.peakRss`, `accuracy`, `parity`, `status`. */
  metric: string;
  unit: 'ns' | 'per-s' | 's' | 'bytes' | 'ratio' | 'status' | 'pass';
  better: 'lower' | 'higher';
  /** Point values (quantile of pooled samples, or median over repeats); text for status/parity. */
  baseline: number | string | null;
  candidate: number | string | null;
  /** Observations behind each value (latency samples, or repeats). */
  nBaseline: number;
  nCandidate: number;
  /** candidate / baseline, with a seeded bootstrap 95% CI. */
  ratio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** What the U test ran on; `none` when not testable (one value per side). */
  testedOn: 'samples' | 'histogram' | 'repeats' | 'none';
  pValue: number | null;
  /** Holm-adjusted p-value across every test in the comparison. */
  pAdjusted: number | null;
  /** P(candidate > baseline) + P(tie)/2, from the U statistic (direction of the shift). */
  effect: number | null;
  thresholdPct: number | null;
  verdict: Verdict;
  note?: string;
}

/** One matched job (suite/workload/runtime/scenario, repeats pooled). */
export interface JobComparison {
  key: string;
  suite: string;
  workload: string;
  runtime: string;
  scenario: string;
  verdict: Verdict;
  repeatsBaseline: number;
  repeatsCandidate: number;
  /** Settings or model that differ (for `changed`), or runtime knobs that differ (judged, noted). */
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
