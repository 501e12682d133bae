/**
 * The metric rows of one matched job, computed across runs: each run gives one value per metric
 * (its p50, its throughput, LoadGen's headline ...; per-query samples only feed those), and the
 * two sides' run values are compared with one estimand (results/stats/rank-shift.ts):
 * - the ratio is exp(Hodges–Lehmann shift of log run values), candidate / baseline;
 * - its CI is the exact rank (Moses) interval of the same shift, so the ratio lies inside it;
 * - the p-value is the Mann–Whitney test that interval inverts (raw; Holm comes later, decide.ts);
 * - the spread is the robust (MAD) scale of log run values, pooled over both sides.
 * The `baseline` and `candidate` columns are the medians over runs, for reading.
 * With one run on a side nothing is tested: the row carries its ratio and "one run per side".
 */
import { fromValues, mannWhitneyTest, quantile, rankShift, robustLogScale } from '../stats/index.js';
import { headlineDirection, LATENCY_PERCENTILES, type SideObservations } from './match.js';
import type { MetricComparison } from './types.js';
import { accuracyBetter, METRICS, type MetricId } from '../metrics.js';

/** A row before the Holm correction, with the id of its test (null: not tested or not judged). */
export interface DraftRow {
  row: MetricComparison;
  testId: string | null;
}

/** Tail percentiles: reported, judged only with judgeTails (see decide.ts). */
export const TAIL_METRICS: readonly string[] = ['latency.p90', 'latency.p99'];

/** Scenarios whose throughput is a function of their latencies (one query at a time): reported, not judged. */
const LATENCY_BOUND_SCENARIOS: readonly string[] = ['single-stream', 'multi-stream'];

export interface RowContext {
  key: string;
  scenario: string;
  seed: number;
  judgeTails: boolean;
  thresholdPct(metric: string): number;
}

export function emptyRow(
  metric: string,
  unit: MetricComparison['unit'],
  better: MetricComparison['better'],
): MetricComparison {
  return {
    metric,
    unit,
    better,
    baseline: null,
    candidate: null,
    nBaseline: 0,
    nCandidate: 0,
    ratio: null,
    ciLow: null,
    ciHigh: null,
    testedOn: 'none',
    pValue: null,
    pAdjusted: null,
    cv: null,
    mdePct: null,
    runsNeeded: null,
    thresholdPct: null,
    judged: false,
    verdict: 'unchanged',
  };
}

const medianOf = (values: number[]): number => quantile(fromValues(values), 0.5);

/** The row of one measured metric from one value per run on each side. */
export function runRow(
  ctx: RowContext,
  metric: string,
  unit: MetricComparison['unit'],
  better: MetricComparison['better'],
  a: number[],
  b: number[],
  judged: boolean,
): DraftRow {
  const positive = a.every((v) => v > 0) && b.every((v) => v > 0);
  const testable = positive && a.length >= 2 && b.length >= 2;
  const shift = positive ? rankShift(a, b) : null;
  const scale = testable ? robustLogScale(a, b) : Number.NaN;
  const row: MetricComparison = {
    ...emptyRow(metric, unit, better),
    baseline: medianOf(a),
    candidate: medianOf(b),
    nBaseline: a.length,
    nCandidate: b.length,
    ratio: shift?.ratio ?? null,
    ciLow: testable ? shift!.low : null,
    ciHigh: testable ? shift!.high : null,
    testedOn: testable ? 'runs' : 'none',
    pValue: testable ? shift!.pValue : null,
    cv: Number.isFinite(scale) ? scale : null,
    thresholdPct: ctx.thresholdPct(metric),
    judged,
  };
  if (!testable)
    row.note =
      a.length < 2 || b.length < 2
        ? 'one run per side: not testable (use mlbench ab or --repeat)'
        : 'not testable: a value is not positive';
  return { row, testId: testable && judged ? `${ctx.key}#${metric}` : null };
}

function scalarRows(
  ctx: RowContext,
  metric: string,
  unit: MetricComparison['unit'],
  better: MetricComparison['better'],
  a: number[],
  b: number[],
  judged = true,
): DraftRow[] {
  return a.length && b.length ? [runRow(ctx, metric, unit, better, a, b, judged)] : [];
}

/** The row of a catalogue metric (unit, direction and judged-by-default from results/metrics.ts). */
function catalogueRows(
  ctx: RowContext,
  id: MetricId,
  a: number[],
  b: number[],
  judged: boolean = METRICS[id].judgedByDefault,
): DraftRow[] {
  const m = METRICS[id];
  return scalarRows(ctx, m.id, m.unit, m.better, a, b, judged);
}

function latencyRows(ctx: RowContext, base: SideObservations, cand: SideObservations): DraftRow[] {
  if (!base.latency.length || !cand.latency.length) return [];
  return LATENCY_PERCENTILES.map(([name]) => {
    const m = METRICS[`latency.${name}` as MetricId];
    const judged = !TAIL_METRICS.includes(m.id) || ctx.judgeTails;
    return runRow(
      ctx,
      m.id,
      m.unit,
      m.better,
      base.latency.map((l) => l[name]!),
      cand.latency.map((l) => l[name]!),
      judged,
    );
  });
}

/** LoadGen's headline (early_stopping_latency_ss/ms, a percentile latency, or find-peak QPS): judged. */
function headlineRows(ctx: RowContext, base: SideObservations, cand: SideObservations): DraftRow[] {
  if (!base.headline || !cand.headline || base.headline.key !== cand.headline.key) return [];
  const better = headlineDirection(base.headline)!;
  return scalarRows(
    ctx,
    `loadgen.${base.headline.key}`,
    better === 'lower' ? 'ns' : 'per-s',
    better,
    base.headline.values,
    cand.headline.values,
  );
}

/**
 * Accuracy: a drop (of the medians over runs) beyond the absolute tolerance. Deterministic runs
 * (no spread on either side) give the verdict directly; otherwise the Mann–Whitney p-value joins
 * the Holm family and the drop must be significant too (decide.ts).
 */
function accuracyRow(ctx: RowContext, base: SideObservations, cand: SideObservations, tolerance: number): DraftRow[] {
  if (!base.accuracy || !cand.accuracy) return [];
  const better = accuracyBetter(base.accuracy.metric);
  const a = base.accuracy.values;
  const c = cand.accuracy.values;
  const b = medianOf(a);
  const m = medianOf(c);
  const drop = better === 'higher' ? b - m : m - b;
  const deterministic = new Set(a).size === 1 && new Set(c).size === 1;
  const row: MetricComparison = {
    ...emptyRow('accuracy', 'ratio', better),
    baseline: b,
    candidate: m,
    judged: true,
    nBaseline: a.length,
    nCandidate: c.length,
    ratio: b !== 0 ? m / b : null,
    verdict: drop > tolerance ? 'regression' : -drop > tolerance ? 'improvement' : 'unchanged',
    note: `${base.accuracy.metric}; tolerance ${tolerance} absolute${deterministic ? '; deterministic' : ''}`,
  };
  if (deterministic || a.length < 2 || c.length < 2) return [{ row, testId: null }];
  row.testedOn = 'runs';
  row.pValue = mannWhitneyTest(a, c).pValue;
  return [{ row, testId: `${ctx.key}#accuracy` }];
}

/** All rows of one matched job except the count rows (status, validity, parity: count-rows.ts). */
export function metricRows(
  ctx: RowContext,
  base: SideObservations,
  cand: SideObservations,
  accuracyTolerance: number,
): DraftRow[] {
  return [
    ...latencyRows(ctx, base, cand),
    ...headlineRows(ctx, base, cand),
    ...catalogueRows(
      ctx,
      'throughput',
      base.throughputPerS,
      cand.throughputPerS,
      !LATENCY_BOUND_SCENARIOS.includes(ctx.scenario),
    ),
    ...catalogueRows(ctx, 'train.seconds', base.trainSeconds, cand.trainSeconds),
    ...catalogueRows(ctx, 'memory.peakRss', base.peakRssBytes, cand.peakRssBytes),
    ...accuracyRow(ctx, base, cand, accuracyTolerance),
  ];
}
