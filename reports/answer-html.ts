/**
 * The top of index.html, per suite: the leaderboard (runtime x workload, times slower than the
 * fastest with a 95% interval), the speed-up heatmap, and the warnings that matter. Every string
 * from a result goes through escapeHtml.
 */
import { escapeHtml as e } from '../harness/common/escape.js';
import { formatNs, formatSeconds, sig } from '../harness/common/format.js';
import { buildLeaderboard, suiteWarnings, type LeaderCell, type Leaderboard } from './leaderboard.js';
import { crossoversOf } from './crossover-view.js';
import type { ReportJob } from './model.js';
import type { RenderedChart } from './render-charts.js';
import { fileSlug } from './render-charts.js';

const times = (v: number) => `${v < 10 ? v.toFixed(2) : sig(v)}×`;

function leaderCell(c: LeaderCell | undefined, unit: 'ns' | 's'): string {
  if (!c) return '<td class="muted">—</td>';
  const value = unit === 'ns' ? formatNs(c.value) : formatSeconds(c.value);
  const ci =
    c.relLow !== null && c.relHigh !== null
      ? ` <span class="muted">[${times(c.relLow)}, ${times(c.relHigh)}]</span>`
      : '';
  return c.fastest
    ? `<td class="num best"><strong>fastest</strong><br><span class="muted">${e(value)}</span></td>`
    : `<td class="num">${times(c.relative)}${ci}<br><span class="muted">${e(value)}</span></td>`;
}

function leaderboardTable(board: Leaderboard): string {
  const head = board.runtimes
    .map((rt, i) => `<th class="num">${e(rt)}${i === 0 ? '<br><span class="muted">best overall</span>' : ''}</th>`)
    .join('');
  const rows = board.rows.map(
    (r) => `<tr><th>${e(r.label)}</th>${board.runtimes.map((rt) => leaderCell(r.cells[rt], r.unit)).join('')}</tr>`,
  );
  const geo = `<tr class="geo"><th>geometric mean (rank)</th>${board.runtimes.map((rt, i) => `<td class="num"><strong>${times(board.geoMean[rt]!)}</strong> <span class="muted">#${i + 1}</span></td>`).join('')}</tr>`;
  return `<div class="wrap"><table class="leaderboard"><thead><tr><th>workload · scenario</th>${head}</tr></thead><tbody>${geo}\n${rows.join('\n')}</tbody></table></div>`;
}

/** The answer block of one suite; `machineWarnings` (noisy machine) are shown in every suite. */
export function answerSection(
  suite: string,
  jobs: ReportJob[],
  charts: RenderedChart[],
  multiMachine: boolean,
  machineWarnings: string[],
): string {
  const board = buildLeaderboard(jobs, multiMachine);
  const warnings = [...suiteWarnings(jobs), ...machineWarnings];
  const heatmap = charts.find((c) => c.chart.id === 'speedup-heatmap');
  const body = board
    ? `<p class="muted">Times slower than the fastest runtime of each row (median query latency, or full training time), newest run; [95% interval]. Runtimes ranked by geometric mean.</p>\n${leaderboardTable(board)}`
    : '<p class="muted">No workload ran on two or more runtimes, so there is nothing to rank; see the details below.</p>';
  const warn = warnings.length
    ? `<ul class="suite-warnings">${warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>`
    : '';
  const figure = heatmap
    ? `<figure id="chart-${e(heatmap.name)}" data-chart="${e(heatmap.name)}">\n${heatmap.svg}\n<figcaption>${e(heatmap.chart.description)}</figcaption></figure>`
    : '';
  return `<section class="answer" id="answer-${e(fileSlug(suite))}" data-leaderboard="${e(suite)}">
<h2>${e(suite)}: which runtime, and by how much</h2>
${warn}
${body}
${figure}
${crossoverBlock(jobs, charts)}
</section>`;
}

/** `--sweep`: where each GPU runtime overtakes the CPU, one sentence per sweep and GPU runtime, above its chart. */
function crossoverBlock(jobs: ReportJob[], charts: RenderedChart[]): string {
  const views = crossoversOf(jobs).filter((v) => v.sentences.length);
  if (!views.length) return '';
  const chart = charts.find((c) => c.chart.id === 'crossover');
  const items = views.flatMap((v) =>
    v.sentences.map(
      (t) =>
        `<li${/\[software adapter\]/.test(t) ? ' class="software"' : ''}><strong>${e(v.base)}</strong>: ${e(t)}</li>`,
    ),
  );
  const figure = chart
    ? `<figure id="chart-${e(chart.name)}" data-chart="${e(chart.name)}">\n${chart.svg}\n<figcaption>${e(chart.chart.description)}</figcaption></figure>`
    : '';
  return `<div class="crossover" data-crossover>
<h3>Where the GPU overtakes the CPU</h3>
<ul>${items.join('')}</ul>
${figure}
</div>`;
}
