/**
 * The regressions list of `mlbench history` as GitHub Markdown: one table of regressions and one
 * of improvements (job, metric, machine, the run where the level changed, before -> after, change).
 */
import { escapeMarkdown as cell } from '../../harness/common/escape.js';
import type { HistoryReport, HistoryStep } from './history.js';

const num = (v: number) => String(Number(v.toPrecision(4)));

function where(p: HistoryStep['at']): string {
  return `run ${p.run} (${p.startedAt.slice(0, 16).replace('T', ' ')}${p.commit ? `, ${p.commit.slice(0, 10)}` : ''})`;
}

function table(steps: HistoryStep[]): string[] {
  if (!steps.length) return ['None.'];
  return [
    '| job | metric | machine | from | before → after | change |',
    '|---|---|---|---|---:|---:|',
    ...steps.map(
      (s) =>
        `| ${cell(s.job)} | ${cell(s.metric)} (${cell(s.unit)}) | ${cell(s.machineId)} | ${where(s.at)} | ${num(s.before)} → ${num(s.after)} | ${s.change >= 0 ? '+' : ''}${(s.change * 100).toFixed(1)}% |`,
    ),
  ];
}

export function historyMarkdown(report: HistoryReport): string {
  const machines = new Set(report.runs.map((r) => r.machineId)).size;
  const dirty = report.runs.filter((r) => r.dirty).length;
  return [
    '# Benchmark history',
    '',
    `${report.runs.length} runs on ${machines} machine(s), ordered by ${report.ordering === 'commit' ? 'commit (git history), then start time' : 'start time'}; ` +
      `${report.trends.length} trends (job × metric). Steps: piecewise-constant L1 fit with a penalised number of levels ` +
      `(asv-style), reported when the level changes by at least ${(report.threshold * 100).toFixed(0)}%.` +
      (dirty ? ` ${dirty} run(s) measured uncommitted changes.` : ''),
    '',
    'Runs measured at different times share a machine but not its load: a step here is a lead to confirm with both sides measured interleaved (`mlbench ab`), not a verdict.',
    '',
    `## Regressions (${report.regressions.length})`,
    '',
    ...table(report.regressions),
    '',
    `## Improvements (${report.improvements.length})`,
    '',
    ...table(report.improvements),
    '',
    `## Not comparable: settings changed at the step (${report.notComparable.length})`,
    '',
    ...(report.notComparable.length
      ? [
          '| job | metric | machine | from | before → after | what changed |',
          '|---|---|---|---|---:|---|',
          ...report.notComparable.map(
            (s) =>
              `| ${cell(s.job)} | ${cell(s.metric)} (${cell(s.unit)}) | ${cell(s.machineId)} | ${where(s.at)} | ${num(s.before)} → ${num(s.after)} | ${cell(s.settingsChanged.join('; '))} |`,
          ),
        ]
      : ['None.']),
    '',
  ].join('\n');
}
