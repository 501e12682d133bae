/** Reports: result files -> report model -> HTML, Markdown, SVG and PNG charts. */
export { writeReport, type WriteReportOptions } from './write-report.js';
export { loadResults, type LoadedResults, type LoadResultsOptions } from '../results/index.js';
export {
  buildReportModel,
  compareJobs,
  type ReportJob,
  type ReportMachine,
  type ReportModel,
  type ReportRun,
  type ReportSuite,
} from './model.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export { renderCharts, fileSlug, type RenderedChart } from './render-charts.js';
export { svgToPng } from './png.js';
export { escapeHtml, escapeMarkdown } from '../harness/common/escape.js';
export { medianCi, MIN_SAMPLES_FOR_CI, type MedianCi } from './median-ci.js';
export { CHARTS, renderSvg, type ChartDef } from './charts/index.js';
