/** Terminal formatter: an aligned plain-text table, one line per metric, then the summary. */
import { countsText, formatChange, formatP, formatValue, ruleText, VERDICT_MARK, verdictText } from './format-values.js';
import type { Comparison } from './types.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** Renders a comparison for a terminal. */
export function formatTerminal(c: Comparison): string {
  const rows: string[][] = [['', 'job', 'metric', 'baseline', 'candidate', 'change [95% CI]', 'p', 'p (Holm)', 'verdict']];
  for (const job of c.jobs) {
    if (!job.metrics.length) rows.push([VERDICT_MARK[job.verdict], job.key, '-', '-', '-', '-', '-', '-', job.verdict]);
    for (const m of job.metrics) {
      rows.push([VERDICT_MARK[m.verdict], job.key, m.metric, formatValue(m.baseline, m.unit), formatValue(m.candidate, m.unit),
        formatChange(m), formatP(m.pValue), formatP(m.pAdjusted), verdictText(m.verdict, m.note)]);
    }
  }
  const lines = [table(rows), ''];
  for (const job of c.jobs) if (job.differences.length) lines.push(`${job.key}: ${job.differences.join('; ')}`);
  if (c.machineWarning) lines.push(`warning: ${c.machineWarning}`);
  lines.push(`rule: ${ruleText(c)}`);
  lines.push(`result: ${countsText(c)}${c.regression ? ' -> REGRESSION' : ''}`);
  return lines.join('\n') + '\n';
}
