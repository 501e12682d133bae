/**
 * The decision rule. A measured metric is a `regression` only when it is both
 *  1. significant: its Holm-adjusted Mann-Whitney p-value is below alpha (the family-wise level
 *     for the whole comparison), and the rank test agrees on the direction; and
 *  2. large: the ratio of the compared quantiles is beyond the metric's threshold
 *     (worse by more than thresholdPct percent).
 * Large but not significant (or not testable) is `inconclusive`; within the threshold is
 * `unchanged`, even when significant (a real but small change is not worth failing a build).
 * Improvements mirror regressions (better by the same factor).
 */
import { VERDICTS, type MetricComparison, type Verdict } from './types.js';

/** Verdict of a measured (ratio) metric after the Holm correction. */
export function decideMeasured(row: MetricComparison, alpha: number): Verdict {
  if (row.ratio === null || !Number.isFinite(row.ratio) || row.ratio <= 0 || row.thresholdPct === null) return 'inconclusive';
  const worse = row.better === 'lower' ? row.ratio : 1 / row.ratio; // > 1: the candidate is worse
  const limit = 1 + row.thresholdPct / 100;
  const direction = worse > limit ? 'worse' : worse < 1 / limit ? 'better' : null;
  if (direction === null) return 'unchanged';
  if (row.pAdjusted === null || row.effect === null || !(row.pAdjusted < alpha)) return 'inconclusive';
  // effect = P(candidate > baseline): above 1/2, the candidate's values tend to be larger.
  const candidateLarger = row.effect > 0.5;
  const worseByTest = row.better === 'lower' ? candidateLarger : !candidateLarger;
  if ((direction === 'worse') !== worseByTest) return 'inconclusive';
  return direction === 'worse' ? 'regression' : 'improvement';
}

/**
 * Verdict of a tail percentile (latency p90, p99). The U test speaks to a shift of the whole
 * distribution (its location), not to the tail, and a tail on a shared machine moves with
 * interference bursts that raw-sample statistics cannot see as noise (bursts are correlated in
 * time). So by default a tail change beyond the threshold is `inconclusive`, never a regression.
 * With `judgeTails`, a tail is a regression when the location test is significant in the same
 * direction AND the whole bootstrap CI of the tail ratio lies beyond the threshold.
 */
export function decideTail(row: MetricComparison, alpha: number, judgeTails: boolean): Verdict {
  const verdict = decideMeasured(row, alpha);
  if (verdict === 'unchanged' || verdict === 'inconclusive') return verdict;
  if (!judgeTails) return 'inconclusive';
  const limit = 1 + (row.thresholdPct ?? 0) / 100;
  const worse = (r: number | null) => (r === null ? Number.NaN : row.better === 'lower' ? r : 1 / r);
  const bounds = [worse(row.ciLow), worse(row.ciHigh)];
  if (verdict === 'regression') return bounds.every((b) => b > limit) ? verdict : 'inconclusive';
  return bounds.every((b) => b < 1 / limit) ? verdict : 'inconclusive';
}

/** Order of severity for a job's overall verdict: the first present wins. */
const SEVERITY: readonly Verdict[] = ['regression', 'inconclusive', 'improvement', 'unchanged'];

/** A job's verdict from its metrics' verdicts. */
export function jobVerdict(verdicts: Verdict[]): Verdict {
  for (const v of SEVERITY) if (verdicts.includes(v)) return v;
  return 'unchanged';
}

/** How many jobs have each verdict (every verdict present as a key, zero when none). */
export function countVerdicts(jobs: ReadonlyArray<{ verdict: Verdict }>): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const j of jobs) counts[j.verdict] += 1;
  return counts;
}
