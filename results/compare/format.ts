/**
 * The compare outputs, rendered from the report model (types.ts): terminal (an aligned table),
 * GitHub Markdown (a PR comment or job summary; every string from a result file is escaped with
 * the one Markdown escape, harness/common/escape.ts), JSON, and run --baseline's summary.md.
 */
import { escapeMarkdown, escapeTerminal } from '../../harness/common/escape.js';
import { formatBytes, formatNs, formatSeconds, sig } from '../../harness/common/format.js';
import type { BaselineResult } from './baseline.js';
import type { Comparison, JobComparison, MetricComparison, Verdict } from './types.js';

/** asv-style marks: `+` worse, `-` better, `~` inconclusive, `x` not comparable, `?` missing. */
export const VERDICT_MARK: Record<Verdict, string> = {
  regression: '+',
  improvement: '-',
  inconclusive: '~',
  'not comparable': 'x',
  missing: '?',
  unchanged: ' ',
};

/** A value with its unit, scaled for reading with the shared formatting (harness/common/format.ts). */
export function formatValue(value: number | string | null, unit: MetricComparison['unit']): string {
  if (value === null) return '-';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'ns':
      return formatNs(value);
    case 'per-s':
      return `${sig(value)}/s`;
    case 's':
      return formatSeconds(value);
    case 'bytes':
      return formatBytes(value);
    default:
      return sig(value);
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

/** `2.1% / 6.3%`: the robust spread and the MDE (a planning figure) of a tested row; `-` otherwise. */
export function formatNoise(row: MetricComparison): string {
  if (row.cv === null) return '-';
  return `${(row.cv * 100).toFixed(1)}% / ${row.mdePct === null ? '∞' : `${row.mdePct.toFixed(1)}%`}`;
}

/** The verdict with its note: `inconclusive: CI [...] straddles ±2% (...)`, `unchanged (±1.2%)`; unjudged rows say so. */
export function verdictText(row: Pick<MetricComparison, 'verdict' | 'note' | 'judged'>): string {
  if (!row.judged && row.verdict === 'unchanged') return 'unchanged, not judged';
  if (row.verdict === 'unchanged' && row.note?.startsWith('±')) return `unchanged (${row.note})`;
  return row.note &&
    (row.verdict === 'inconclusive' || row.verdict === 'regression' || row.verdict === 'improvement') &&
    !row.note.startsWith('±')
    ? `${row.verdict}: ${row.note}`
    : row.verdict;
}

/** A job without metric rows: `not comparable (x: a → b; ...)`, `missing (only in the baseline ...)`. */
export function jobText(job: JobComparison): string {
  return job.differences.length && (job.verdict === 'not comparable' || job.verdict === 'missing')
    ? `${job.verdict} (${job.differences.join('; ')})`
    : job.verdict;
}

/** The failure line for jobs the baseline ran and the candidate did not, or null. */
export function missingText(c: Comparison): string | null {
  if (!c.missingCandidate.length) return null;
  return `FAILED: ${c.missingCandidate.length} job(s) the baseline ran did not run on the candidate (unavailable, no result file, or not planned): ${c.missingCandidate.join(', ')}`;
}

export function formatP(p: number | null): string {
  if (p === null) return '-';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/** `1 regression, 2 unchanged, ...` (only the verdicts present). */
export function countsText(c: Comparison): string {
  const order: Verdict[] = ['regression', 'improvement', 'inconclusive', 'unchanged', 'not comparable', 'missing'];
  const parts = order.filter((v) => c.counts[v] > 0).map((v) => `${c.counts[v]} ${v}`);
  return parts.length ? parts.join(', ') : 'no jobs';
}

/** The decision rule in one line, with this comparison's numbers. */
export function ruleText(c: Comparison): string {
  const overrides = Object.entries(c.options.thresholdPctByMetric)
    .map(([k, v]) => `${k} ${v}%`)
    .join(', ');
  const tails = c.options.judgeTails ? '' : '; p90/p99 and single-stream throughput are reported, not judged';
  return (
    `unit = the run; change = Hodges-Lehmann shift of log run values with its exact 95% rank CI; regression = Mann-Whitney p (Holm over ${c.tests} test${c.tests === 1 ? '' : 's'}) < ${c.options.alpha} ` +
    `AND the CI wholly beyond +${c.options.thresholdPct}%${overrides ? ` (${overrides})` : ''}; unchanged = the CI inside ±threshold; inconclusive = the CI straddles it; ` +
    `broken/INVALID/parity-fail runs: Fisher's exact test in the same family, every candidate run broken = regression; accuracy drop > ${c.options.accuracyTolerance}${tails}`
  );
}

/** Renders a comparison for a terminal. */
export function formatTerminal(c: Comparison): string {
  const rows: string[][] = [
    ['', 'job', 'metric', 'runs', 'baseline', 'candidate', 'change [95% CI]', 'CV / MDE', 'p (Holm)', 'verdict'],
  ];
  for (const job of c.jobs) {
    if (!job.metrics.length)
      rows.push([VERDICT_MARK[job.verdict], job.key, '-', '-', '-', '-', '-', '-', '-', jobText(job)]);
    for (const m of job.metrics) {
      rows.push([
        VERDICT_MARK[m.verdict],
        job.key,
        m.metric,
        `${m.nBaseline}/${m.nCandidate}`,
        formatValue(m.baseline, m.unit),
        formatValue(m.candidate, m.unit),
        formatChange(m),
        formatNoise(m),
        formatP(m.pAdjusted ?? m.pValue),
        verdictText(m),
      ]);
    }
  }
  // Job keys carry model and file names: no escape sequence of theirs reaches the terminal.
  const cells = rows.map((r) => r.map(escapeTerminal));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const lines = [
    cells
      .map((r) =>
        r
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n'),
    '',
  ];
  for (const job of c.jobs) if (job.differences.length) lines.push(`${job.key}: ${job.differences.join('; ')}`);
  if (c.machineWarning) lines.push(`warning: ${c.machineWarning}`);
  lines.push(`rule: ${ruleText(c)}`);
  if (missingText(c)) lines.push(missingText(c)!);
  lines.push(
    `result: ${countsText(c)}${c.regression ? ' -> REGRESSION' : c.failed ? ' -> FAILED (missing on the candidate side)' : ''}`,
  );
  return escapeTerminal(lines.join('\n')) + '\n';
}

const ICON: Record<string, string> = {
  regression: ':red_circle: regression',
  improvement: ':green_circle: improvement',
  inconclusive: ':grey_question: inconclusive',
  unchanged: 'unchanged',
  'not comparable': ':x: not comparable',
  missing: ':warning: missing',
};

function markdownRows(jobs: JobComparison[]): string[] {
  const out = [
    '| job | metric | runs | baseline | candidate | change [95% CI] | CV / MDE | p (Holm) | verdict |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const job of jobs) {
    const key = escapeMarkdown(job.key);
    if (!job.metrics.length)
      out.push(
        `| ${key} | - | - | - | - | - | - | - | ${ICON[job.verdict]}${job.differences.length ? ` (${escapeMarkdown(job.differences.join('; '))})` : ''} |`,
      );
    for (const m of job.metrics) {
      const note =
        m.note && m.verdict !== 'unchanged'
          ? `: ${escapeMarkdown(m.note)}`
          : m.note?.startsWith('±')
            ? ` (${escapeMarkdown(m.note)})`
            : '';
      out.push(
        `| ${key} | ${escapeMarkdown(m.metric)} | ${m.nBaseline}/${m.nCandidate} | ${escapeMarkdown(formatValue(m.baseline, m.unit))} | ${escapeMarkdown(formatValue(m.candidate, m.unit))} | ` +
          `${escapeMarkdown(formatChange(m))} | ${formatNoise(m)} | ${formatP(m.pAdjusted ?? m.pValue)} | ${ICON[m.verdict]}${note}${!m.judged && m.verdict === 'unchanged' ? ', not judged' : ''} |`,
      );
    }
  }
  return out;
}

/** Renders a comparison as GitHub Markdown: headline, the jobs that need attention, unchanged ones folded. */
export function formatMarkdown(c: Comparison): string {
  const attention = c.jobs.filter((j) => j.verdict !== 'unchanged');
  const quiet = c.jobs.filter((j) => j.verdict === 'unchanged');
  const lines = [
    `### mlbench compare: ${c.regression ? ':red_circle: regression' : c.failed ? ':red_circle: failed (missing on the candidate side)' : ':white_check_mark: no regression'}`,
    '',
    `**${escapeMarkdown(countsText(c))}** (baseline: ${escapeMarkdown(c.baseline.machineIds.join(', '))}; candidate: ${escapeMarkdown(c.candidate.machineIds.join(', '))})`,
    '',
  ];
  if (c.machineWarning) lines.push(`> :warning: ${escapeMarkdown(c.machineWarning)}`, '');
  if (missingText(c)) lines.push(`> :red_circle: ${escapeMarkdown(missingText(c)!)}`, '');
  if (attention.length) lines.push(...markdownRows(attention), '');
  if (quiet.length)
    lines.push('<details><summary>Unchanged jobs</summary>', '', ...markdownRows(quiet), '', '</details>', '');
  const notes = c.jobs.filter((j) => j.differences.length);
  if (notes.length) {
    lines.push('Differences:', '');
    for (const j of notes) lines.push(`- ${escapeMarkdown(j.key)}: ${escapeMarkdown(j.differences.join('; '))}`);
    lines.push('');
  }
  lines.push(
    `<sub>${escapeMarkdown(ruleText(c))}. Change = exp(Hodges-Lehmann shift of log run values) - 1 with its exact 95% rank CI; baseline and candidate are medians over runs.</sub>`,
    '',
  );
  return lines.join('\n');
}

/** Renders a comparison as JSON (stable key order as built; NaN and Infinity become null). */
export function formatJson(c: Comparison): string {
  return (
    JSON.stringify(c, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 1) + '\n'
  );
}

export type CompareFormat = 'terminal' | 'md' | 'json';
export const COMPARE_FORMATS: readonly CompareFormat[] = ['terminal', 'md', 'json'];

/** Formatters by name. */
export const FORMATTERS: Record<CompareFormat, (c: Comparison) => string> = {
  terminal: formatTerminal,
  md: formatMarkdown,
  json: formatJson,
};

/** `run --baseline`'s summary.md: the verdicts it stands by, then how jobs beyond the threshold were handled. */
export function formatBaselineMarkdown(gate: BaselineResult): string {
  const lines = [formatMarkdown(gate.final)];
  const flagged = Object.keys(gate.modes);
  if (flagged.length) {
    lines.push('#### Jobs beyond the threshold against the stored baseline', '');
    lines.push('| job | how | verdict |', '|---|---|---|');
    for (const key of flagged) {
      const verdict = gate.final.jobs.find((j) => j.key === key)?.verdict ?? '-';
      const how =
        gate.modes[key] === 'interleaved'
          ? 're-measured on both sides, interleaved'
          : 'baseline-only: a hint, not a verdict';
      lines.push(`| ${escapeMarkdown(key)} | ${how} | ${ICON[verdict] ?? verdict} |`);
    }
    lines.push('');
    if (gate.confirmation)
      lines.push(
        '<details><summary>Comparison of the re-measurements</summary>',
        '',
        formatMarkdown(gate.confirmation),
        '</details>',
        '',
      );
  }
  return lines.join('\n');
}
