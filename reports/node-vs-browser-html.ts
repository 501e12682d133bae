/**
 * The Node-vs-browser view in index.html and summary.md (node-vs-browser.ts builds it): one row
 * per model x runtime x scenario with Node's and the browser's median latency, the threads each
 * used, and the ratio browser / Node with its interval and in words. Every string from a result
 * goes through the format's escaper.
 */
import { escapeHtml as e, escapeMarkdown as m } from '../harness/common/escape.js';
import { formatNs } from '../harness/common/format.js';
import { ratioWords } from './cross-machine.js';
import type { HostSide, NodeVsBrowserRow, NodeVsBrowserView } from './node-vs-browser.js';

const ratioText = (r: NodeVsBrowserRow) =>
  `${r.ratio.toFixed(2)}×${r.ratioLow !== null && r.ratioHigh !== null ? ` [${r.ratioLow.toFixed(2)}, ${r.ratioHigh.toFixed(2)}]` : ''}`;
const words = (r: NodeVsBrowserRow) => ratioWords(r.ratio, 'browser', 'Node');
const threads = (s: HostSide) => (s.threads === null ? '?' : String(s.threads));
const LEAD =
  'Median query latency of the newest run in each host on the same machine; ratio = browser / Node (above 1: the browser is slower) with a conservative 95% interval; threads = the wasm threads each side reported.';

/** The `<section>` of the view; '' when there is none. */
export function nodeVsBrowserHtml(view: NodeVsBrowserView | null): string {
  if (!view) return '';
  const mark = (s: HostSide) => (s.invalid ? ' <span class="badge v-INVALID">INVALID</span>' : '');
  const rows = view.rows.map(
    (r) =>
      `<tr><th>${view.multiMachine ? `${e(r.machineLabel)} · ` : ''}${e(r.workload)} · ${e(r.scenario)}</th>` +
      `<td class="nowrap">${e(r.node.runtime)}</td><td class="num">${e(formatNs(r.node.value))}${mark(r.node)}</td><td class="num">${e(threads(r.node))}</td>` +
      `<td class="nowrap">${e(r.browser.runtime)}</td><td class="num">${e(formatNs(r.browser.value))}${mark(r.browser)}</td><td class="num">${e(threads(r.browser))}</td>` +
      `<td class="num">${e(ratioText(r))}<br><span class="muted">${e(words(r))}</span></td></tr>`,
  );
  return `<section class="answer" id="node-vs-browser" data-node-vs-browser="${view.rows.length}">
<h2>Node vs browser: the same model and runtime in both hosts</h2>
<p class="muted">${e(LEAD)}</p>
<div class="wrap"><table class="leaderboard node-vs-browser"><thead><tr><th>workload · scenario</th><th>Node runtime</th><th class="num">Node p50</th><th class="num">threads</th><th>browser runtime</th><th class="num">browser p50</th><th class="num">threads</th><th class="num">browser / Node [95%]</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
</section>`;
}

/** The same view as Markdown lines ([] when there is none). */
export function nodeVsBrowserMarkdown(view: NodeVsBrowserView | null): string[] {
  if (!view) return [];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = ['## Node vs browser: the same model and runtime in both hosts', '', `_${m(LEAD)}_`, ''];
  out.push(
    row([
      'workload · scenario',
      'Node runtime',
      'Node p50',
      'threads',
      'browser runtime',
      'browser p50',
      'threads',
      'browser / Node [95%]',
    ]),
  );
  out.push(row(['---', '---', '---:', '---:', '---', '---:', '---:', '---:']));
  for (const r of view.rows) {
    out.push(
      row([
        `${view.multiMachine ? `${m(r.machineLabel)} · ` : ''}${m(r.workload)} · ${m(r.scenario)}`,
        m(r.node.runtime),
        `${formatNs(r.node.value)}${r.node.invalid ? ' INVALID' : ''}`,
        threads(r.node),
        m(r.browser.runtime),
        `${formatNs(r.browser.value)}${r.browser.invalid ? ' INVALID' : ''}`,
        threads(r.browser),
        `${ratioText(r)} (${m(words(r))})`,
      ]),
    );
  }
  out.push('');
  return out;
}
