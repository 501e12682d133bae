/**
 * The precision table (precision-table.ts) as Markdown lines (summary.md, bench:precision) and
 * an HTML section (index.html). A cell: median latency, x vs fp32 on that runtime, the error
 * against float64 (normalized max) with `<= bound` or `> bound`, top-1 agreement, and the
 * accuracy change when the job scored one; an unavailable pair shows its reason.
 */
import { escapeHtml as e, escapeMarkdown as m } from '../harness/common/escape.js';
import { formatNs } from '../harness/common/format.js';
import type { PrecisionCell, PrecisionTableModel } from './precision-table.js';

const LEAD =
  "Per model: each precision on each runtime. Speed = median query latency and × vs fp32 on the same runtime (above 1: faster). Error = max |output − float64 reference| / RMS of the reference output (softmax outputs as centred logits), beside the precision's stated bound; top-1 = rows whose argmax agrees with the reference. Parity pass/fail applies to fp32 only.";

/** One cell as plain text (escape it for the format). */
export function precisionCellText(c: PrecisionCell): string {
  if (c.latencyNs === null) return c.reason ? `${c.status}: ${c.reason}` : c.status;
  const speed = `${formatNs(c.latencyNs)}${c.speedupVsFp32 !== null ? ` (${c.speedupVsFp32.toFixed(2)}× vs fp32)` : ''}`;
  const error =
    c.normalizedMaxError !== null
      ? `; error ${c.normalizedMaxError.toExponential(1)} ${c.withinBound ? '≤' : '>'} ${c.bound!.toExponential(1)}`
      : '';
  const top1 = c.top1Agreement !== null ? `; top-1 ${(c.top1Agreement * 100).toFixed(0)}%` : '';
  const acc =
    c.accuracyDelta !== null ? `; accuracy ${c.accuracyDelta >= 0 ? '+' : ''}${c.accuracyDelta.toFixed(4)}` : '';
  return `${speed}${error}${top1}${acc}`;
}

export function precisionTablesMarkdown(tables: PrecisionTableModel[]): string[] {
  if (!tables.length) return [];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = ['## Precision × runtime', '', `_${m(LEAD)}_`, ''];
  for (const t of tables) {
    out.push(
      `### ${m(t.label)}`,
      '',
      row(['precision', ...t.runtimes.map(m)]),
      row(['---', ...t.runtimes.map(() => '---')]),
    );
    for (const r of t.rows) out.push(row([r.precision, ...r.cells.map((c) => m(precisionCellText(c)))]));
    out.push('');
  }
  return out;
}

export function precisionTablesHtml(tables: PrecisionTableModel[]): string {
  if (!tables.length) return '';
  const body = tables
    .map(
      (
        t,
      ) => `<h3>${e(t.label)}</h3><div class="wrap"><table class="leaderboard precision"><thead><tr><th>precision</th>${t.runtimes.map((r) => `<th>${e(r)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.map((r) => `<tr><th>${e(r.precision)}</th>${r.cells.map((c) => `<td>${e(precisionCellText(c))}</td>`).join('')}</tr>`).join('\n')}</tbody></table></div>`,
    )
    .join('\n');
  return `<section class="answer" id="precision" data-precision-tables="${tables.length}">
<h2>Precision × runtime</h2>
<p class="muted">${e(LEAD)}</p>
${body}
</section>`;
}
