/** Shared value formatting of the compare formatters (units in, human text out). */
import { formatBytes, formatNs, formatSeconds, sig } from '../../harness/common/format.js';
import { minimumPerSide } from '../stats/index.js';
import type { Comparison, MetricComparison, Verdict } from './types.js';

/** asv-style marks: `+` worse, `-` better, `~` inconclusive, `x` changed, `?` missing. */
export const VERDICT_MARK: Record<Verdict, string> = {
  regression: '+', improvement: '-', inconclusive: '~', changed: 'x', missing: '?', unchanged: ' ',
};

/** A value with its unit, scaled for reading with the shared formatting (harness/common/format.ts). */
export function formatValue(value: number | string | null, unit: MetricComparison['unit']): string {
  if (value === null) return '-';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'ns': return formatNs(value);
    case 'per-s': return `${sig(value)}/s`;
    case 's': return formatSeconds(value);
    case 'bytes': return formatBytes(value);
    default: return sig(value);
  }
}

function pct(ratio: number): string {
  const change = (ratio - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}

/** `+3.2% [+2.1%, +4.4%]`: candidate vs baseline with its bootstrap 95% CI. */
export function formatChange(row: MetricComparison): string {
  if (row.ratio === null || !Number.isFinite(row.ratio)) return '-';
  if (row.ciLow === null || row.ciHigh === null) return pct(row.ratio);
  return `${pct(row.ratio)} [${pct(row.ciLow)}, ${pct(row.ciHigh)}]`;
}

/** The verdict with its note, e.g. `inconclusive (tail: not judged)`. */
export function verdictText(verdict: string, note: string | undefined): string {
  return note && verdict === 'inconclusive' ? `${verdict} (${note})` : verdict;
}

export function formatP(p: number | null): string {
  if (p === null) return '-';
  if (p === 0) return '<1e-300';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/** `1 regression, 2 unchanged, ...` (only the verdicts present). */
export function countsText(c: Comparison): string {
  const order: Verdict[] = ['regression', 'improvement', 'inconclusive', 'unchanged', 'changed', 'missing'];
  const parts = order.filter((v) => c.counts[v] > 0).map((v) => `${c.counts[v]} ${v}`);
  return parts.length ? parts.join(', ') : 'no jobs';
}

/** The decision rule in one line, with this comparison's numbers. */
export function ruleText(c: Comparison): string {
  const overrides = Object.entries(c.options.thresholdPctByMetric).map(([k, v]) => `${k} ${v}%`).join(', ');
  const tails = c.options.judgeTails ? '' : '; p90/p99 are reported, not judged (--judge-tails)';
  return `regression = Holm-corrected Mann-Whitney p < ${c.options.alpha} over ${c.tests} test${c.tests === 1 ? '' : 's'} AND worse than ` +
    `${c.options.thresholdPct}%${overrides ? ` (${overrides})` : ''}; accuracy drop > ${c.options.accuracyTolerance}; parity pass->fail; ok->crashed/failed/timeout/oom${tails}; ` +
    `per-run metrics need >= ${minimumPerSide(c.options.alpha)} repeats per side to be tested (use --repeat)`;
}
