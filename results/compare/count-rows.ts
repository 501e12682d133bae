/**
 * The rows of a matched job that count runs rather than time them: status (broken runs:
 * failed, crashed, timeout, oom), LoadGen validity (INVALID runs) and parity (failing runs).
 * Each is judged the same way:
 * - every candidate run broken while the baseline had a good run is a regression without a test
 *   (a broken candidate never passes; with one run per side, ok -> crashed is one), and the mirror
 *   image an improvement;
 * - otherwise the broken counts are compared with Fisher's exact test (results/stats/fisher.ts),
 *   whose p-value joins the comparison's Holm family (decide.ts): one flaky run among 8 is
 *   p = 1, not a regression, while 0 of 8 against 8 of 8 is p = 1.6e-4.
 * Parity is deterministic for the same model and inputs, so a clean flip (every baseline run
 * passes, every candidate run fails) is the first rule's verdict.
 */
import { fisherExact } from '../stats/index.js';
import { statusText, type SideObservations } from './match.js';
import { isBroken, isMeasured } from '../status.js';
import { STATUS_METRIC } from '../metrics.js';
import { emptyRow, type DraftRow } from './statistics.js';
import type { MetricComparison } from './types.js';

interface Counts {
  bad: number;
  n: number;
}

/** A count row: `bad` of `n` runs on each side, judged as the file comment says; null when neither side has a bad run. */
export function countRow(
  key: string,
  metric: string,
  unit: MetricComparison['unit'],
  text: [string, string],
  base: Counts,
  cand: Counts,
  what: string,
): DraftRow | null {
  if (base.n === 0 || cand.n === 0 || (base.bad === 0 && cand.bad === 0)) return null;
  const row: MetricComparison = {
    ...emptyRow(metric, unit, STATUS_METRIC.better),
    baseline: text[0],
    candidate: text[1],
    nBaseline: base.n,
    nCandidate: cand.n,
    judged: true,
  };
  const share = (c: Counts) => c.bad / c.n;
  if (cand.bad === cand.n && base.bad < base.n) {
    row.verdict = 'regression';
    row.note = `every candidate run ${what}`;
    return { row, testId: null };
  }
  if (base.bad === base.n && cand.bad < cand.n) {
    row.verdict = 'improvement';
    row.note = `every baseline run ${what}`;
    return { row, testId: null };
  }
  row.testedOn = 'counts';
  row.pValue = fisherExact(base.bad, base.n, cand.bad, cand.n);
  // The verdict is set after the Holm correction (decide.ts decideCounts).
  row.verdict = share(cand) === share(base) ? 'unchanged' : 'inconclusive';
  row.note = `${what}: ${base.bad}/${base.n} baseline, ${cand.bad}/${cand.n} candidate runs (Fisher's exact test)`;
  return { row, testId: `${key}#${metric}` };
}

/** The verdict of a tested count row after Holm: a significant change in the broken share, else inconclusive (or unchanged at equal shares). */
export function decideCounts(
  row: MetricComparison,
  alpha: number,
  base: Counts,
  cand: Counts,
): MetricComparison['verdict'] {
  if (base.bad / base.n === cand.bad / cand.n) return 'unchanged';
  if (row.pAdjusted !== null && row.pAdjusted < alpha)
    return cand.bad / cand.n > base.bad / base.n ? 'regression' : 'improvement';
  return 'inconclusive';
}

const broken = (o: SideObservations): Counts => ({ bad: o.statuses.filter(isBroken).length, n: o.statuses.length });
const invalid = (o: SideObservations): Counts => ({ bad: o.invalid.filter(Boolean).length, n: o.invalid.length });
const parityFail = (o: SideObservations): Counts => ({
  bad: o.parityPass.filter((p) => !p).length,
  n: o.parityPass.length,
});

/** The counts behind each count row, by metric (decide.ts needs them after Holm). */
export const COUNTS_OF: Record<string, (o: SideObservations) => Counts> = {
  status: broken,
  validity: invalid,
  parity: parityFail,
};

/** Status, validity and parity rows of one matched job (those with a bad run on either side). */
export function countRows(key: string, base: SideObservations, cand: SideObservations): DraftRow[] {
  const ran = (o: SideObservations) => o.statuses.some(isMeasured);
  const rows: Array<DraftRow | null> = [];
  if (ran(base) || ran(cand))
    rows.push(
      countRow(
        key,
        'status',
        'status',
        [statusText(base.statuses), statusText(cand.statuses)],
        broken(base),
        broken(cand),
        'broke (failed, crashed, timeout or oom)',
      ),
    );
  const validText = (o: SideObservations) => statusText(o.invalid.map((b) => (b ? 'INVALID' : 'VALID')));
  if (base.invalid.length && cand.invalid.length)
    rows.push(
      countRow(
        key,
        'validity',
        'status',
        [validText(base), validText(cand)],
        invalid(base),
        invalid(cand),
        'INVALID (LoadGen rules)',
      ),
    );
  const parityText = (o: SideObservations) => statusText(o.parityPass.map((p) => (p ? 'pass' : 'fail')));
  if (base.parityPass.length && cand.parityPass.length)
    rows.push(
      countRow(
        key,
        'parity',
        'pass',
        [parityText(base), parityText(cand)],
        parityFail(base),
        parityFail(cand),
        'failed parity',
      ),
    );
  return rows.filter((r): r is DraftRow => r !== null);
}
