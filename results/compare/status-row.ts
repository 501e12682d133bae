/**
 * The status row of a matched job: a job that ran (`ok`/`invalid`) on the baseline and now breaks
 * (`failed`, `crashed`, `timeout`, `oom`) is a regression; with repeats, a larger share of broken
 * repeats than the baseline's is one too. The row is shown only when a status is not `ok`.
 */
import { BROKEN_STATUSES, MEASURED_STATUSES, type SideObservations } from './observations.js';
import type { MetricComparison } from './types.js';

/** `ok`, or `ok x2, crashed x1` for mixed repeats. */
export function statusText(statuses: string[]): string {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  if (counts.size === 1) return statuses[0]!;
  return [...counts].map(([s, c]) => `${s} x${c}`).join(', ');
}

/** The status row, or null when every repeat on both sides is `ok`. */
export function statusRow(base: SideObservations, cand: SideObservations): MetricComparison | null {
  if (base.statuses.every((s) => s === 'ok') && cand.statuses.every((s) => s === 'ok')) return null;
  const brokenShare = (o: SideObservations) => o.statuses.filter((s) => BROKEN_STATUSES.includes(s)).length / o.statuses.length;
  const ran = (o: SideObservations) => o.statuses.some((s) => MEASURED_STATUSES.includes(s));
  const b = brokenShare(base);
  const c = brokenShare(cand);
  const verdict = c > b && ran(base) ? 'regression' : c < b && ran(cand) ? 'improvement' : 'unchanged';
  return {
    metric: 'status', unit: 'status', better: 'higher', baseline: statusText(base.statuses), candidate: statusText(cand.statuses),
    nBaseline: base.statuses.length, nCandidate: cand.statuses.length, ratio: null, ciLow: null, ciHigh: null,
    testedOn: 'none', pValue: null, pAdjusted: null, effect: null, thresholdPct: null, verdict,
  };
}
