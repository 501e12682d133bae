/**
 * Builds and renders every chart that has data, per suite: the one place that turns the report
 * model into SVG. A chart that fails to render becomes a warning, not a lost report.
 */
import { errorMessage } from '../harness/errors.js';
import { CHARTS, type ChartDef } from './charts/index.js';
import { renderSvg } from './charts/render-svg.js';
import type { ReportModel } from './model.js';

export interface RenderedChart {
  suite: string;
  chart: ChartDef;
  /** File stem under charts/: `<suite>-<chart id>`, safe for any file system. */
  name: string;
  svg: string;
  /** PNG bytes, set by writeReport; null when the conversion failed (summary.md then links the SVG). */
  png?: Uint8Array | null;
}

/** A suite id as a file-name fragment (suite names come from result files). */
export function fileSlug(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'suite';
}

/** Renders the charts of every suite; `warnings` collects charts that could not be drawn. */
export async function renderCharts(model: ReportModel, warnings: string[]): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  const usedNames = new Set<string>();
  for (const suite of model.suites) {
    for (const chart of CHARTS) {
      const spec = chart.spec(suite.jobs);
      if (!spec) continue;
      let name = `${fileSlug(suite.id)}-${chart.id}`;
      for (let i = 2; usedNames.has(name); i++) name = `${fileSlug(suite.id)}-${i}-${chart.id}`;
      usedNames.add(name);
      try {
        out.push({ suite: suite.id, chart, name, svg: await renderSvg(spec) });
      } catch (err) {
        warnings.push(`chart ${name} left out: ${errorMessage(err)}`);
      }
    }
  }
  return out;
}
