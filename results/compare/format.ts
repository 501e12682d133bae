/**
 * The compare outputs, rendered from the report model (types.ts): terminal (an aligned table),
 * GitHub Markdown (a PR comment or job summary; every string from a result file is escaped with
 * the one Markdown escape, harness/common/escape.ts), JSON, and the gate's summary.md.
 */
import { escapeMarkdown, escapeTerminal } from '../../harness/common/escape.js';
import { formatBytes, formatNs, formatSeconds, sig } from '../../harness/common/format.js';
import type { GateResult } from './gate.js';
import type { Comparison, JobComparison, MetricComparison, Verdict } from './types.js';

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

/** `+3.2% [+2.1%, +4.4%]`: candidate vs baseline with the 95% CI across runs. */
export function formatChange(row: MetricComparison): string {
  if (row.ratio === null || !Number.isFinite(row.ratio)) return '-';
  if (row.ciLow === null || row.ciHigh === null) return pct(row.ratio);
  return `${pct(row.ratio)} [${pct(row.ciLow)}, ${pct(row.ciHigh)}]`;
}

/** `CV 2.1%, MDE 4.0%` for a tested row; `-` otherwise. */
export function formatNoise(row: MetricComparison): string {
  if (row.cv === null) return '-';
  return `${(row.cv * 100).toFixed(1)}% / ${row.mdePct === null ? '∞' : `${row.mdePct.toFixed(1)}%`}`;
}

/** The verdict with its note, e.g. `inconclusive (too noisy ...)`; unjudged rows say so. */
export function verdictText(row: Pick<MetricComparison, 'verdict' | 'note' | 'judged'>): string {
  if (!row.judged && row.verdict === 'unchanged') return 'unchanged, not judged';
  return row.note && row.verdict === 'inconclusive' ? `${row.verdict}: ${row.note}` : row.verdict;
}

export function formatP(p: number | null): string {
  if (p === null) return '-';
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
  const tails = c.options.judgeTails ? '' : '; p90/p99 and single-stream throughput are reported, not judged';
  return `unit = the run; regression = Holm-corrected permutation p < ${c.options.alpha} over ${c.tests} test${c.tests === 1 ? '' : 's'} AND worse than ` +
    `${c.options.thresholdPct}%${overrides ? ` (${overrides})` : ''} AND beyond the MDE (power ${c.options.power}); unchanged = the whole CI within the threshold; ` +
    `accuracy drop > ${c.options.accuracyTolerance}; parity pass->fail; ok->crashed/failed/timeout/oom${tails}`;
}

/** Renders a comparison for a terminal. */
export function formatTerminal(c: Comparison): string {
  const rows: string[][] = [['', 'job', 'metric', 'runs', 'baseline', 'candidate', 'change [95% CI]', 'CV / MDE', 'p (Holm)', 'verdict']];
  for (const job of c.jobs) {
    if (!job.metrics.length) rows.push([VERDICT_MARK[job.verdict], job.key, '-', '-', '-', '-', '-', '-', '-', job.verdict]);
    for (const m of job.metrics) {
      rows.push([VERDICT_MARK[m.verdict], job.key, m.metric, `${m.nBaseline}/${m.nCandidate}`, formatValue(m.baseline, m.unit), formatValue(m.candidate, m.unit),
        formatChange(m), formatNoise(m), formatP(m.pAdjusted ?? m.pValue), verdictText(m)]);
    }
  }
  // Job keys carry model and file names: no escape sequence of theirs reaches the terminal.
  const cells = rows.map((r) => r.map(escapeTerminal));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const lines = [cells.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n'), ''];
  for (const job of c.jobs) if (job.differences.length) lines.push(`${job.key}: ${job.differences.join('; ')}`);
  if (c.machineWarning) lines.push(`warning: ${c.machineWarning}`);
  lines.push(`rule: ${ruleText(c)}`);
  lines.push(`result: ${countsText(c)}${c.regression ? ' -> REGRESSION' : ''}`);
  return escapeTerminal(lines.join('\n')) + '\n';
}

const ICON: Record<string, string> = {
  regression: ':red_circle: regression', improvement: ':green_circle: improvement', inconclusive: ':grey_question: inconclusive',
  unchanged: 'unchanged', changed: ':x: changed', missing: ':warning: missing',
};

function markdownRows(jobs: JobComparison[]): string[] {
  const out = ['| job | metric | runs | baseline | candidate | change [95% CI] | CV / MDE | p (Holm) | verdict |', '|---|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const job of jobs) {
    const key = escapeMarkdown(job.key);
    if (!job.metrics.length) out.push(`| ${key} | - | - | - | - | - | - | - | ${ICON[job.verdict]} |`);
    for (const m of job.metrics) {
      const note = m.note && m.verdict === 'inconclusive' ? `: ${escapeMarkdown(m.note)}` : '';
      out.push(`| ${key} | ${escapeMarkdown(m.metric)} | ${m.nBaseline}/${m.nCandidate} | ${escapeMarkdown(formatValue(m.baseline, m.unit))} | ${escapeMarkdown(formatValue(m.candidate, m.unit))} | ` +
        `${escapeMarkdown(formatChange(m))} | ${formatNoise(m)} | ${formatP(m.pAdjusted ?? m.pValue)} | ${ICON[m.verdict]}${note}${!m.judged && m.verdict === 'unchanged' ? ', not judged' : ''} |`);
    }
  }
  return out;
}

/** Renders a comparison as GitHub Markdown: headline, the jobs that need attention, unchanged ones folded. */
export function formatMarkdown(c: Comparison): string {
  const attention = c.jobs.filter((j) => j.verdict !== 'unchanged');
  const quiet = c.jobs.filter((j) => j.verdict === 'unchanged');
  const lines = [
    `### mlbench compare: ${c.regression ? ':red_circle: regression' : ':white_check_mark: no regression'}`,
    '',
    `**${escapeMarkdown(countsText(c))}** (baseline: ${escapeMarkdown(c.baseline.machineIds.join(', '))}; candidate: ${escapeMarkdown(c.candidate.machineIds.join(', '))})`,
    '',
  ];
  if (c.machineWarning) lines.push(`> :warning: ${escapeMarkdown(c.machineWarning)}`, '');
  if (attention.length) lines.push(...markdownRows(attention), '');
  if (quiet.length) lines.push('<details><summary>Unchanged jobs</summary>', '', ...markdownRows(quiet), '', '</details>', '');
  const notes = c.jobs.filter((j) => j.differences.length);
  if (notes.length) {
    lines.push('Differences:', '');
    for (const j of notes) lines.push(`- ${escapeMarkdown(j.key)}: ${escapeMarkdown(j.differences.join('; '))}`);
    lines.push('');
  }
  lines.push(`<sub>${escapeMarkdown(ruleText(c))}. Change = candidate / baseline - 1 of the medians over runs, with a 95% CI from Welch's t on log run values.</sub>`, '');
  return lines.join('\n');
}

/** Renders a comparison as JSON (stable key order as built; NaN and Infinity become null). */
export function formatJson(c: Comparison): string {
  return JSON.stringify(c, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 1) + '\n';
}

export type CompareFormat = 'terminal' | 'md' | 'json';
export const COMPARE_FORMATS: readonly CompareFormat[] = ['terminal', 'md', 'json'];

/** Formatters by name. */
export const FORMATTERS: Record<CompareFormat, (c: Comparison) => string> = { terminal: formatTerminal, md: formatMarkdown, json: formatJson };

/** The gate's summary.md: the verdicts it stands by, then how jobs beyond the threshold were handled. */
export function formatGateMarkdown(gate: GateResult): string {
  const lines = [formatMarkdown(gate.final)];
  const flagged = Object.keys(gate.modes);
  if (flagged.length) {
    lines.push('#### Jobs beyond the threshold against the stored baseline', '');
    lines.push('| job | how | verdict |', '|---|---|---|');
    for (const key of flagged) {
      const verdict = gate.final.jobs.find((j) => j.key === key)?.verdict ?? '-';
      const how = gate.modes[key] === 'interleaved' ? 're-measured on both sides, interleaved' : 'baseline-only: a hint, not a verdict';
      lines.push(`| ${escapeMarkdown(key)} | ${how} | ${ICON[verdict] ?? verdict} |`);
    }
    lines.push('');
    if (gate.confirmation) lines.push('<details><summary>Comparison of the re-measurements</summary>', '', formatMarkdown(gate.confirmation), '</details>', '');
  }
  return lines.join('\n');
}
