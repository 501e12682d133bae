/**
 * The look shared by every chart: DejaVu Sans set explicitly (installed with the fonts package
 * on Debian; resvg and Chromium both find it), sizes legible at 1280x800, long labels allowed
 * before truncation, and helpers that name series the same way in every chart.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import type { ReportJob } from '../model.js';

/** The `layer` array of a layered vega-lite spec. */
export type LayerList = Extract<TopLevelSpec, { layer: unknown }>['layer'];

export const CHART_FONT = 'DejaVu Sans, Verdana, sans-serif';

/** Plot width (px) of a single-panel chart and of each panel in a two-column grid. */
export const WIDE_PX = 620;
export const PANEL_PX = 380;

export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: 'white',
  padding: 10,
  title: { fontSize: 16, anchor: 'start', offset: 12, subtitleFontSize: 12, subtitleColor: '#555' },
  axis: {
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 'normal',
    labelLimit: 260,
    titlePadding: 8,
    gridColor: '#e6e6e6',
  },
  axisQuantitative: { tickCount: 6 },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 340, titleLimit: 340, orient: 'right', symbolSize: 90 },
  header: {
    labelFontSize: 13,
    labelFontWeight: 'bold',
    labelAngle: 0,
    labelAlign: 'left',
    labelAnchor: 'start',
    labelOrient: 'top',
    labelLimit: 700,
    titleFontSize: 13,
  },
  range: { category: { scheme: 'tableau10' } },
  view: { stroke: '#cccccc' },
  facet: { spacing: 24 },
  concat: { spacing: 28 },
};

/** Whether the jobs come from more than one machine fingerprint. */
export function isMultiMachine(jobs: ReportJob[]): boolean {
  return new Set(jobs.map((j) => j.machineId)).size > 1;
}

/** The runtime, plus the machine's label when several machines are side by side. */
export function runtimeSeries(job: ReportJob, multiMachine: boolean): string {
  return multiMachine ? `${job.runtime} · ${job.machineLabel.split(':')[0]}` : job.runtime;
}

/**
 * strokeDash by machine (solid for the first, dashed for the next) when several machines are
 * drawn, with a legend that shows the dash pattern itself rather than a dot.
 */
export function machineDash(multiMachine: boolean): Record<string, unknown> {
  if (!multiMachine) return {};
  return {
    strokeDash: {
      field: 'machine',
      type: 'nominal',
      title: 'machine',
      legend: { symbolStrokeColor: '#444', symbolStrokeWidth: 2 },
    },
  };
}

/**
 * A line per series with a dot per data point, as two layers: a line mark alone gets a legend
 * that shows the dash pattern (a line with `point: true` would show dots). `encoding` must hold
 * x, y and color; the dash pattern by machine is added when several machines are drawn.
 */
export function linesWithPoints(encoding: Record<string, unknown>, multiMachine: boolean, pointSize = 40): LayerList {
  return [
    { mark: { type: 'line', strokeWidth: 2 }, encoding: { ...encoding, ...machineDash(multiMachine) } },
    { mark: { type: 'point', filled: true, size: pointSize, opacity: 1 }, encoding },
  ] as LayerList;
}

/** Log scale fitted to the data (no decade rounding), with room so end points are not clipped. */
export const LOG_SCALE = { type: 'log' as const, nice: false, padding: 14 };

/** Groups items by a string key, keeping first-seen order (the results layer's one grouping helper). */
export { groupByKey as groupBy } from '../../results/index.js';

/** Jobs that produced measurements (ok, or measured but INVALID by LoadGen rules). */
export function measured(jobs: ReportJob[]): ReportJob[] {
  return jobs.filter((j) => j.status === 'ok' || j.status === 'invalid');
}
