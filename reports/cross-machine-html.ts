/**
 * The cross-machine view in index.html (and summary.md): placed right after the header, so that
 * "how does this machine compare with that one?" is answered on the first screen. Every string
 * from a result goes through the format's escaper.
 */
import { escapeHtml as e, escapeMarkdown as m } from '../harness/common/escape.js';
import { formatNs, formatSeconds } from '../harness/common/format.js';
import { ratioWords, type CrossMachineCell, type CrossMachineView } from './cross-machine.js';

const short = (label: string) => label.split(':')[0]!;
const value = (c: CrossMachineCell, unit: 'ns' | 's') => (unit === 'ns' ? formatNs(c.value) : formatSeconds(c.value));
const ratioText = (c: CrossMachineCell) =>
  `${c.ratio.toFixed(2)}×${c.ratioLow !== null && c.ratioHigh !== null ? ` [${c.ratioLow.toFixed(2)}, ${c.ratioHigh.toFixed(2)}]` : ''}`;

/** The `<section>` of the view; '' when there is no view. */
export function crossMachineHtml(view: CrossMachineView | null): string {
  if (!view) return '';
  const [ref, ...others] = view.machines;
  const A = short(ref!.label);
  const head = `<th>workload · scenario</th><th>runtime</th><th class="num">${e(A)}</th>${others.map((o) => `<th class="num">${e(short(o.label))}</th><th class="num">${e(short(o.label))} / ${e(A)} [95%]</th>`).join('')}`;
  const rows = view.rows.map((r) => {
    const a = r.cells[ref!.id]!;
    const mark = (c: CrossMachineCell) => (c.invalid ? ' <span class="badge v-INVALID">INVALID</span>' : '');
    const cols = others
      .map((o) => {
        const c = r.cells[o.id];
        if (!c) return '<td class="muted">—</td><td class="muted">—</td>';
        return `<td class="num">${e(value(c, r.unit))}${mark(c)}</td><td class="num">${e(ratioText(c))}<br><span class="muted">${e(ratioWords(c.ratio, short(o.label), A))}</span></td>`;
      })
      .join('');
    return `<tr><th>${e(r.workload)} · ${e(r.scenario)}</th><td class="nowrap">${e(r.runtime)}</td><td class="num">${e(value(a, r.unit))}${mark(a)}</td>${cols}</tr>`;
  });
  const facts = view.differingFacts.length
    ? `<table class="facts"><thead><tr><th>differs</th>${view.machines.map((x) => `<th>${e(x.label)}</th>`).join('')}</tr></thead><tbody>${view.differingFacts.map(([k, vs]) => `<tr><th>${e(k)}</th>${vs.map((v) => `<td>${e(v)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
    : '<p class="muted">The machines\' recorded facts are the same.</p>';
  const warn = view.settingsWarning ? `<ul class="suite-warnings"><li>${e(view.settingsWarning)}</li></ul>` : '';
  const body = view.rows.length
    ? `<div class="wrap"><table class="leaderboard cross-machine"><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`
    : '<p class="muted">No job ran on two machines, so there is nothing to put side by side.</p>';
  return `<section class="answer" id="cross-machine" data-cross-machine="${view.machines.length}">
<h2>Machines side by side: ${others.map((o) => e(short(o.label))).join(', ')} against ${e(A)}</h2>
${warn}
<p class="muted">Median query latency (or full training time) of the newest run per machine; ratio = machine / ${e(A)} (above 1: slower) with a conservative 95% interval.</p>
${body}
${facts}
</section>`;
}

/** The same view as Markdown lines ([] when there is none). */
export function crossMachineMarkdown(view: CrossMachineView | null): string[] {
  if (!view) return [];
  const [ref, ...others] = view.machines;
  const A = short(ref!.label);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [`## Machines side by side: ${others.map((o) => m(short(o.label))).join(', ')} against ${m(A)}`, ''];
  if (view.settingsWarning) out.push(`- ⚠ ${m(view.settingsWarning)}`, '');
  out.push(
    row([
      'workload · scenario',
      'runtime',
      m(A),
      ...others.flatMap((o) => [m(short(o.label)), `${m(short(o.label))} / ${m(A)} [95%]`]),
    ]),
  );
  out.push(row(['---', '---', '---:', ...others.flatMap(() => ['---:', '---:'])]));
  for (const r of view.rows) {
    const a = r.cells[ref!.id]!;
    out.push(
      row([
        `${m(r.workload)} · ${m(r.scenario)}`,
        m(r.runtime),
        value(a, r.unit),
        ...others.flatMap((o) => {
          const c = r.cells[o.id];
          return c
            ? [
                `${value(c, r.unit)}${c.invalid ? ' INVALID' : ''}`,
                `${ratioText(c)} (${m(ratioWords(c.ratio, short(o.label), A))})`,
              ]
            : ['—', '—'];
        }),
      ]),
    );
  }
  out.push('');
  if (view.differingFacts.length) {
    out.push(
      row(['differs', ...view.machines.map((x) => m(x.label))]),
      row(['---', ...view.machines.map(() => '---')]),
    );
    for (const [k, vs] of view.differingFacts) out.push(row([`**${m(k)}**`, ...vs.map(m)]));
    out.push('');
  }
  return out;
}
