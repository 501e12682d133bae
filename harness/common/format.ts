/**
 * Formatting shared by the terminal, HTML and Markdown outputs and by compare. Units are always
 * printed, so a value never appears without one. Runtime ids are formatted here rather than by the
 * runtime registry, so that what reads results never loads a runtime.
 */
import { escapeTerminal } from './escape.js';

/** Nanoseconds as a human duration: `812 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`. */
export function formatNs(ns: number | null | undefined): string {
  if (ns === null || ns === undefined || !Number.isFinite(ns)) return '—';
  const abs = Math.abs(ns);
  if (abs < 1e3) return `${ns.toFixed(0)} ns`;
  if (abs < 1e6) return `${sig(ns / 1e3)} µs`;
  if (abs < 1e9) return `${sig(ns / 1e6)} ms`;
  return `${sig(ns / 1e9)} s`;
}

/** Bytes in binary units: `512 B`, `1.5 GiB`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v.toFixed(0)} B` : `${sig(v)} ${units[i]}`;
}

/** A number with three significant digits (no exponent for the ranges a report shows). */
export function sig(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v))));
  return v.toFixed(Math.min(digits, 6));
}

/** A headline metric `{name, value, unit}` as text; ns-valued metrics read as durations. */
export function formatMetric(metric: { name: string; value: number; unit: string } | null): string {
  if (!metric) return '—';
  if (metric.unit === 'ns') return `${metric.name} ${formatNs(metric.value)}`;
  return `${metric.name} ${sig(metric.value)} ${metric.unit}`;
}

/** Seconds as `1.23 s`. */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  return `${sig(s)} s`;
}

/** Splits `ort-node:cpu` into runtime and backend (`null` has backend `default`). */
export function parseRuntimeId(id: string): { runtime: string; backend: string } {
  const colon = id.indexOf(':');
  return colon < 0
    ? { runtime: id, backend: 'default' }
    : { runtime: id.slice(0, colon), backend: id.slice(colon + 1) };
}

/** `external:<cmd>`: a peer program speaking the JSON protocol of harness/runtimes/EXTERNAL.md (id syntax, not a capability). */
export function isExternalRuntimeId(id: string): boolean {
  return id.startsWith('external:');
}

/** The inverse of parseRuntimeId, for labels: `{id: 'ort-node', backend: 'cpu'}` -> `ort-node:cpu`, null -> `null`. */
export function formatRuntimeId(runtime: { id: string; backend: string }): string {
  return runtime.backend === 'default' ? runtime.id : `${runtime.id}:${runtime.backend}`;
}

/** A plain-text table for the terminal: columns padded to their widest cell, `alignRight` columns right-aligned. */
export function formatTable(header: string[], rawRows: string[][], alignRight: boolean[] = []): string {
  // Cells often hold names and messages from files: escaped, and kept to one line each.
  const rows = rawRows.map((r) => r.map((c) => escapeTerminal(c).replace(/\r?\n/g, ' ')));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (alignRight[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
