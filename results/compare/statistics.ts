/**
 * The metric rows of one matched job, computed across runs: each run gives one value per metric
 * (its p50, its throughput, ...; per-query samples only feed those), and the two sides' run
 * values are compared with the run-level statistics of results/stats/run-level.ts:
 * - the point values are the medians over runs and the ratio is candidate / baseline of those;
 * - the CI of the ratio is Welch's t on log run values (it widens with run-to-run noise);
 * - the p-value is the exact permutation test on log run values (raw; Holm comes later, decide.ts);
 * - the CV is the run-to-run coefficient of variation pooled over both sides.
 * With one run on a side nothing is tested: the row carries its ratio and "not testable".
 */
import { fromValues, logRatioInterval, permutationTest, pooledCv, quantile } from '../stats/index.js';
import { LATENCY_PERCENTILES, type SideObservations } from './match.js';
import type { MetricComparison } from './types.js';

/** A row before the Holm correction, with the id of its test (null: not tested or not judged). */
export interface DraftRow {
  row: MetricComparison;
  testId: string | null;
}

/** Tail percentiles: reported, judged only with judgeTails (see decide.ts). */
export const TAIL_METRICS: readonly string[] = ['latency.p90', 'latency.p99'];

/** Scenarios whose throughput is a function of their latencies (one query at a time): reported, not judged. */
const LATENCY_BOUND_SCENARIOS: readonly string[] = ['single-stream', 'multi-stream'];

/** Accuracy metrics where lower is better; any other accuracy metric is higher-is-better. */
export const LOWER_IS_BETTER_ACCURACY: readonly string[] = ['rmse', 'mse', 'mae', 'logloss', 'log-loss', 'loss', 'error', 'error-rate'];

export interface RowContext {
  key: string;
  scenario: string;
  seed: number;
  judgeTails: boolean;
  thresholdPct(metric: string): number;
}

export function emptyRow(metric: string, unit: MetricComparison['unit'], better: MetricComparison['better']): MetricComparison {
  return {
    metric, unit, better, baseline: null, candidate: null, nBaseline: 0, nCandidate: 0, ratio: null, ciLow: null, ciHigh: null,
    testedOn: 'none', pValue: null, pAdjusted: null, cv: null, mdePct: null, runsNeeded: null, thresholdPct: null, judged: false, verdict: 'unchanged',
  };
}

const medianOf = (values: number[]): number => quantile(fromValues(values), 0.5);

/** The row of one measured metric from one value per run on each side. */
export function runRow(ctx: RowContext, metric: string, unit: MetricComparison['unit'], better: MetricComparison['better'], a: number[], b: number[], judged: boolean): DraftRow {
  const positive = a.every((v) => v > 0) && b.every((v) => v > 0);
  const testable = positive && a.length >= 2 && b.length >= 2;
  const ci = testable ? logRatioInterval(a, b) : null;
  const cv = testable ? pooledCv(a, b) : Number.NaN;
  const test = testable ? permutationTest(a, b, ctx.seed) : null;
  const baseline = medianOf(a);
  const candidate = medianOf(b);
  const row: MetricComparison = {
    ...emptyRow(metric, unit, better), baseline, candidate, nBaseline: a.length, nCandidate: b.length,
    ratio: baseline > 0 ? candidate / baseline : null, ciLow: ci?.low ?? null, ciHigh: ci?.high ?? null,
    testedOn: test ? 'runs' : 'none', pValue: test?.pValue ?? null, cv: Number.isFinite(cv) ? cv : null,
    thresholdPct: ctx.thresholdPct(metric), judged,
  };
  if (!testable) row.note = a.length < 2 || b.length < 2 ? 'one run per side: not testable (use mlbench ab or --repeat)' : 'not testable: a value is not positive';
  return { row, testId: test && judged ? `${ctx.key}#${metric}` : null };
}

function scalarRows(ctx: RowContext, metric: string, unit: MetricComparison['unit'], better: MetricComparison['better'], a: number[], b: number[], judged = true): DraftRow[] {
  return a.length && b.length ? [runRow(ctx, metric, unit, better, a, b, judged)] : [];
}

function latencyRows(ctx: RowContext, base: SideObservations, cand: SideObservations): DraftRow[] {
  if (!base.latency.length || !cand.latency.length) return [];
  return LATENCY_PERCENTILES.map(([name]) => {
    const metric = `latency.${name}`;
    const judged = !TAIL_METRICS.includes(metric) || ctx.judgeTails;
    return runRow(ctx, metric, 'ns', 'lower', base.latency.map((l) => l[name]!), cand.latency.map((l) => l[name]!), judged);
  });
}

function accuracyRow(base: SideObservations, cand: SideObservations, tolerance: number): DraftRow[] {
  if (!base.accuracy || !cand.accuracy) return [];
  const better = LOWER_IS_BETTER_ACCURACY.includes(base.accuracy.metric.toLowerCase()) ? 'lower' : 'higher';
  const b = medianOf(base.accuracy.values);
  const c = medianOf(cand.accuracy.values);
  const drop = better === 'higher' ? b - c : c - b;
  const row: MetricComparison = {
    ...emptyRow('accuracy', 'ratio', better), baseline: b, candidate: c, judged: true,
    nBaseline: base.accuracy.values.length, nCandidate: cand.accuracy.values.length, ratio: b !== 0 ? c / b : null,
    verdict: drop > tolerance ? 'regression' : -drop > tolerance ? 'improvement' : 'unchanged',
    note: `${base.accuracy.metric}; tolerance ${tolerance} absolute`,
  };
  return [{ row, testId: null }];
}

function parityRow(base: SideObservations, cand: SideObservations): DraftRow[] {
  if (!base.parityPass.length || !cand.parityPass.length) return [];
  const basePass = base.parityPass.every(Boolean);
  const candPass = cand.parityPass.every(Boolean);
  const row: MetricComparison = {
    ...emptyRow('parity', 'pass', 'higher'), baseline: basePass ? 'pass' : 'fail', candidate: candPass ? 'pass' : 'fail', judged: true,
    nBaseline: base.parityPass.length, nCandidate: cand.parityPass.length,
    verdict: basePass && !candPass ? 'regression' : !basePass && candPass ? 'improvement' : 'unchanged',
  };
  return [{ row, testId: null }];
}

/** All rows of one matched job except status (match.ts). */
export function metricRows(ctx: RowContext, base: SideObservations, cand: SideObservations, accuracyTolerance: number): DraftRow[] {
  return [
    ...latencyRows(ctx, base, cand),
    ...scalarRows(ctx, 'throughput', 'per-s', 'higher', base.throughputPerS, cand.throughputPerS, !LATENCY_BOUND_SCENARIOS.includes(ctx.scenario)),
    ...scalarRows(ctx, 'train.seconds', 's', 'lower', base.trainSeconds, cand.trainSeconds),
    ...scalarRows(ctx, 'memory.peakRss', 'bytes', 'lower', base.peakRssBytes, cand.peakRssBytes),
    ...accuracyRow(base, cand, accuracyTolerance),
    ...parityRow(base, cand),
  ];
}
