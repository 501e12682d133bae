/**
 * The suite details' GPU table: per GPU job of the newest run, its adapter (software flagged),
 * the upload / dispatch / readback split, GPU joules per query and peak device memory, or why
 * each is not measured. Every string from a result goes through escapeHtml.
 */
import { escapeHtml as e } from '../harness/common/escape.js';
import { formatBytes, sig } from '../harness/common/format.js';
import { compareJobs, type ReportJob } from './model.js';

function phasesCell(p: ReportJob['gpuPhases']): string {
  if (!p) return '—';
  if (!('uploadMs' in p)) return `<span class="muted" title="${e(p.reason)}">not measurable</span>`;
  return `<span class="nowrap">${e(sig(p.uploadMs))} / ${e(sig(p.dispatchMs))} / ${e(sig(p.readbackMs))} ms</span><br><span class="muted">${e(p.method)}, ${p.queries} queries</span>`;
}

function energyCells(energy: ReportJob['energy']): string {
  const g = energy?.gpu;
  if (!g) return '<td>—</td><td>—</td>';
  if (g.source === 'not exposed') return `<td colspan="2" class="muted">not exposed: ${e(g.reason)}</td>`;
  const joules =
    g.joulesPerQuery === null ? `<span class="muted">${e(g.note ?? 'n/a')}</span>` : `${e(sig(g.joulesPerQuery))} J`;
  return `<td class="num">${joules}</td><td class="num">${g.peakDeviceMemoryBytes === null ? '—' : e(formatBytes(g.peakDeviceMemoryBytes))}</td>`;
}

/** The GPU table of one suite's jobs, or '' when none ran on a GPU. */
export function gpuJobsSection(jobs: ReportJob[]): string {
  const gpu = jobs.filter((j) => j.latest && (j.adapter || j.gpuPhases)).sort(compareJobs);
  if (!gpu.length) return '';
  const rows = gpu.map(
    (j) =>
      `<tr><td>${e(j.workload)}</td><td class="nowrap">${e(j.runtime)}</td>` +
      `<td>${e(j.adapter ?? '—')}${j.softwareAdapter ? '<br><span class="badge s-failed">software</span>' : ''}</td>` +
      `<td>${phasesCell(j.gpuPhases)}</td>${energyCells(j.energy)}</tr>`,
  );
  return `<h3>GPU jobs: adapter, query phases, energy</h3>
<div class="wrap"><table><thead><tr><th>workload</th><th>runtime</th><th>adapter</th><th>upload / dispatch / readback</th><th>GPU energy per query</th><th>peak device memory</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}
