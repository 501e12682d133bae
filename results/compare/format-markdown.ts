/**
 * Markdown formatter (GitHub-flavoured) for a PR comment or a job summary: a headline, a table of
 * the jobs that need attention, and the unchanged rows folded in a <details> block. Every string
 * that comes from a result file is escaped with the reports' one Markdown escape
 * (harness/common/escape.ts).
 */
import { escapeMarkdown } from '../../harness/common/escape.js';
import { countsText, formatChange, formatP, formatValue, ruleText } from './format-values.js';
import type { Comparison, JobComparison } from './types.js';

const ICON: Record<string, string> = {
  regression: ':red_circle: regression', improvement: ':green_circle: improvement', inconclusive: ':grey_question: inconclusive',
  unchanged: 'unchanged', changed: ':x: changed', missing: ':warning: missing',
};

function rows(jobs: JobComparison[]): string[] {
  const out = ['| job | metric | baseline | candidate | change [95% CI] | p (Holm) | verdict |', '|---|---|---:|---:|---:|---:|---|'];
  for (const job of jobs) {
    const key = escapeMarkdown(job.key);
    if (!job.metrics.length) out.push(`| ${key} | - | - | - | - | - | ${ICON[job.verdict]} |`);
    for (const m of job.metrics) {
      out.push(`| ${key} | ${escapeMarkdown(m.metric)} | ${escapeMarkdown(formatValue(m.baseline, m.unit))} | ${escapeMarkdown(formatValue(m.candidate, m.unit))} | ` +
        `${escapeMarkdown(formatChange(m))} | ${formatP(m.pAdjusted)} | ${ICON[m.verdict]}${m.note && m.verdict === 'inconclusive' ? ` (${escapeMarkdown(m.note)})` : ''} |`);
    }
  }
  return out;
}

/** Renders a comparison as GitHub Markdown. */
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
  if (attention.length) lines.push(...rows(attention), '');
  if (quiet.length) lines.push('<details><summary>Unchanged jobs</summary>', '', ...rows(quiet), '', '</details>', '');
  const notes = c.jobs.filter((j) => j.differences.length);
  if (notes.length) {
    lines.push('Differences:', '');
    for (const j of notes) lines.push(`- ${escapeMarkdown(j.key)}: ${escapeMarkdown(j.differences.join('; '))}`);
    lines.push('');
  }
  lines.push(`<sub>${escapeMarkdown(ruleText(c))}. Change = candidate / baseline - 1 with a seeded bootstrap 95% CI.</sub>`, '');
  return lines.join('\n');
}
