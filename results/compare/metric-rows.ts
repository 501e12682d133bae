/**
 * Builds the metric rows of one matched job from both sides' observations: point values, ratio
 * with a seeded bootstrap 95% CI, and the raw Mann-Whitney p-value. The Holm correction and the
 * verdicts are applied afterwards across the whole comparison (compare.ts, decide.ts).
 *
 * Testability: latency percentiles are tested on the raw samples (one U test per job, shared by
 * its p50/p90/p99 rows: the U test compares whole distributions, so it is one hypothesis, not
 * three). Metrics with one value per run (throughput, train time, peak RSS) are tested on the
 * repeats. A test is run only when it could be significant at all: with n1 and n2 observations
 * the smallest exact two-sided p-value is 2 / C(n1 + n2, n1) (0.33 at 2 per side, 0.1 at 3, 0.029
 * at 4), and when that is not below alpha the metric is not testable (noted with the number of
 * repeats it needs) and stays out of the Holm family, where it could only weaken the other tests.
 * A change beyond the threshold of an untestable metric is `inconclusive`, never a regression.
 */
import { fnv1a } from '../../harness/measure/random.js';
import { bootstrapRatioCi, fromValues, mannWhitneyU, minimumPerSide, minimumPValue, quantile, type WeightedSample } from '../stats/index.js';
import type { MetricComparison } from './types.js';
import type { SideObservations } from './observations.js';

/** A row before correction, with the id of the test it shares (null: not tested). */
export interface DraftRow {
  row: MetricComparison;
  testId: string | null;
}

/** Latency percentiles compared for every job that has latencies. */
export const LATENCY_PERCENTILES: ReadonlyArray<[string, number]> = [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]];

/** Tail percentiles: reported, judged only with judgeTails (see decide.ts). */
export const TAIL_METRICS: readonly string[] = ['latency.p90', 'latency.p99'];

/** Accuracy metrics where lower is better; any other accuracy metric is higher-is-better. */
export const LOWER_IS_BETTER_ACCURACY: readonly string[] = ['rmse', 'mse', 'mae', 'logloss', 'log-loss', 'loss', 'error', 'error-rate'];

/** A reproducible bootstrap seed per row from the comparison's seed. */
const hashSeed = (text: string, seed: number): number => fnv1a(text, seed);

interface RowContext {
  key: string;
  seed: number;
  resamples: number;
  /** Family-wise level: a test whose smallest possible p-value is not below it is not run. */
  alpha: number;
  thresholdPct(metric: string): number;
}

function emptyRow(metric: string, unit: MetricComparison['unit'], better: MetricComparison['better']): MetricComparison {
  return {
    metric, unit, better, baseline: null, candidate: null, nBaseline: 0, nCandidate: 0, ratio: null, ciLow: null, ciHigh: null,
    testedOn: 'none', pValue: null, pAdjusted: null, effect: null, thresholdPct: null, verdict: 'unchanged',
  };
}

/** Rows of a measured metric from two weighted samples (latencies, or one value per repeat). */
function measuredRows(
  ctx: RowContext, base: WeightedSample, cand: WeightedSample, testedOn: 'samples' | 'histogram' | 'repeats',
  rows: Array<{ metric: string; p: number; unit: MetricComparison['unit']; better: MetricComparison['better'] }>,
): DraftRow[] {
  const testable = minimumPValue(base.n, cand.n) < ctx.alpha;
  const test = testable ? mannWhitneyU(cand, base) : null;
  const what = testedOn === 'repeats' ? 'repeats' : 'samples';
  const note = testable ? undefined : base.n < 2 || cand.n < 2 ? `one ${testedOn === 'repeats' ? 'run' : 'sample'} per side: not testable`
    : `not testable: needs >= ${minimumPerSide(ctx.alpha)} ${what} per side at alpha ${ctx.alpha}`;
  const testId = test ? `${ctx.key}#${rows.map((r) => r.metric).join(',')}` : null;
  return rows.map(({ metric, p, unit, better }) => {
    const ci = bootstrapRatioCi(base, cand, { p, seed: hashSeed(`${ctx.key}/${metric}`, ctx.seed), resamples: ctx.resamples });
    const row: MetricComparison = {
      ...emptyRow(metric, unit, better),
      baseline: quantile(base, p), candidate: quantile(cand, p), nBaseline: base.n, nCandidate: cand.n,
      ratio: ci.ratio, ciLow: ci.low, ciHigh: ci.high, testedOn: test ? testedOn : 'none',
      pValue: test ? test.pValue : null, effect: test ? test.effect : null, thresholdPct: ctx.thresholdPct(metric),
      ...(note ? { note } : {}),
    };
    return { row, testId };
  });
}

function scalarRows(ctx: RowContext, metric: string, unit: MetricComparison['unit'], better: MetricComparison['better'], a: number[], b: number[]): DraftRow[] {
  if (!a.length || !b.length) return [];
  return measuredRows(ctx, fromValues(a), fromValues(b), 'repeats', [{ metric, p: 0.5, unit, better }]);
}

function latencyRows(ctx: RowContext, base: SideObservations, cand: SideObservations): DraftRow[] {
  const specs = LATENCY_PERCENTILES.map(([name, p]) => ({ metric: `latency.${name}`, p, unit: 'ns' as const, better: 'lower' as const }));
  if (base.latency && cand.latency) {
    const source = base.latency.source === 'histogram' || cand.latency.source === 'histogram' ? 'histogram' : 'samples';
    return measuredRows(ctx, base.latency.sample, cand.latency.sample, source, specs);
  }
  // No samples stored: each repeat's summary percentile is one observation.
  if (!base.latencySummaries.length || !cand.latencySummaries.length) return [];
  return LATENCY_PERCENTILES.flatMap(([name]) => scalarRows(ctx, `latency.${name}`, 'ns', 'lower',
    base.latencySummaries.map((s) => s[name]!), cand.latencySummaries.map((s) => s[name]!)));
}

function accuracyRow(ctx: RowContext, base: SideObservations, cand: SideObservations, tolerance: number): DraftRow[] {
  if (!base.accuracy || !cand.accuracy) return [];
  const better = LOWER_IS_BETTER_ACCURACY.includes(base.accuracy.metric.toLowerCase()) ? 'lower' : 'higher';
  const b = quantile(fromValues(base.accuracy.values), 0.5);
  const c = quantile(fromValues(cand.accuracy.values), 0.5);
  const drop = better === 'higher' ? b - c : c - b;
  const row: MetricComparison = {
    ...emptyRow('accuracy', 'ratio', better), baseline: b, candidate: c,
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
    ...emptyRow('parity', 'pass', 'higher'), baseline: basePass ? 'pass' : 'fail', candidate: candPass ? 'pass' : 'fail',
    nBaseline: base.parityPass.length, nCandidate: cand.parityPass.length,
    verdict: basePass && !candPass ? 'regression' : !basePass && candPass ? 'improvement' : 'unchanged',
  };
  return [{ row, testId: null }];
}

/** All rows of one matched job except status (see status-row.ts). */
export function metricRows(ctx: RowContext, base: SideObservations, cand: SideObservations, accuracyTolerance: number): DraftRow[] {
  return [
    ...latencyRows(ctx, base, cand),
    ...scalarRows(ctx, 'throughput', 'per-s', 'higher', base.throughputPerS, cand.throughputPerS),
    ...scalarRows(ctx, 'train.seconds', 's', 'lower', base.trainSeconds, cand.trainSeconds),
    ...scalarRows(ctx, 'memory.peakRss', 'bytes', 'lower', base.peakRssBytes, cand.peakRssBytes),
    ...accuracyRow(ctx, base, cand, accuracyTolerance),
    ...parityRow(base, cand),
  ];
}

export type { RowContext };
