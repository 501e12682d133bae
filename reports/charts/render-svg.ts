/**
 * vega-lite spec -> SVG text, in Node: compile with vega-lite, run a headless vega View
 * (renderer 'none') and serialise with toSVG(). vega escapes text content in its SVG output.
 */
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import * as vega from 'vega';

let metricsInstalled = false;

interface TextItem {
  fontSize?: number;
  limit?: number;
  text?: unknown;
}

/**
 * Without a canvas package vega estimates a label's width as 0.8 em per character, which is far
 * wider than DejaVu Sans and makes axis labels truncate and legends waste space. This estimate
 * uses DejaVu Sans advance widths by character class (narrow, wide, upper case, others), still
 * slightly generous so labels never overlap. Written here because no font-metrics package is
 * installed and the table is eight lines.
 */
function installTextMetrics(): void {
  if (metricsInstalled) return;
  metricsInstalled = true;
  const narrow = new Set("iljtfI.,:;'|!()[] ");
  const wide = new Set('mwMW@%');
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item: TextItem, text?: unknown) => {
    const size = item.fontSize ?? 11;
    const s = String(text ?? item.text ?? '').trim();
    let em = 0;
    for (const c of s) em += narrow.has(c) ? 0.36 : wide.has(c) ? 0.98 : c >= 'A' && c <= 'Z' ? 0.74 : 0.64;
    const width = em * size;
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}

/** Renders a vega-lite spec to an SVG string (throws on an invalid spec). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  installTextMetrics();
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
