/**
 * writeReport: result files in, a report folder out (index.html, summary.md, charts/*.svg and
 * charts/*.png). `mlbench report` and `mlbench run` both call it.
 */
import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../harness/errors.js';
import { writeFileAtomic } from '../harness/common/atomic-write.js';
import type { ResultFile } from '../results/index.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildReportModel } from './model.js';
import { svgToPng } from './png.js';
import { renderCharts } from './render-charts.js';

export interface WriteReportOptions {
  /** Warnings from loading (skipped files), shown in the report and returned. */
  warnings?: string[];
  /** Clock for the "generated at" line (tests pin it). */
  now?: Date;
}

/**
 * Writes the report for `results` into `outDir` (created if missing; earlier report files with the
 * same names are replaced, and charts an earlier report left in `<outDir>/charts/` that this one
 * does not have are removed, so the folder never shows another run's chart). Returns the paths
 * written, index.html first, and every warning.
 */
export async function writeReport(
  results: Array<{ file: string; result: ResultFile }>,
  outDir: string,
  options: WriteReportOptions = {},
): Promise<{ files: string[]; warnings: string[] }> {
  const warnings = [...(options.warnings ?? [])];
  const model = buildReportModel(results, options.now, warnings);
  const charts = await renderCharts(model, warnings);
  // PNGs first, so a chart whose PNG fails is a warning in index.html and summary.md, like an SVG failure.
  for (const chart of charts) {
    try {
      chart.png = svgToPng(chart.svg);
    } catch (err) {
      chart.png = null;
      warnings.push(`chart ${chart.name}: PNG left out (the SVG is kept): ${errorMessage(err)}`);
    }
  }
  const files: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    const file = path.join(outDir, name);
    await writeFileAtomic(file, data);
    files.push(file);
  };
  await write('index.html', renderHtml(model, charts, warnings));
  await write('summary.md', renderMarkdown(model, charts, warnings));
  for (const chart of charts) {
    await write(path.join('charts', `${chart.name}.svg`), chart.svg);
    if (chart.png) await write(path.join('charts', `${chart.name}.png`), chart.png);
  }
  await removeStaleCharts(path.join(outDir, 'charts'), new Set(files));
  return { files, warnings };
}

/**
 * Deletes the `.svg` and `.png` files in the report's own `charts/` folder that are not in `kept`
 * (an earlier run's charts: another model, suite or runtime). Other files there are left alone.
 */
async function removeStaleCharts(chartsDir: string, kept: Set<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(chartsDir);
  } catch {
    return; // No charts folder: this report has no charts and no earlier one left any.
  }
  for (const name of names) {
    const file = path.join(chartsDir, name);
    if (/\.(svg|png)$/.test(name) && !kept.has(file)) await unlink(file);
  }
}
