/** Exports of result files into formats other tools read: one exporter per format, one file each. */
import { bmfExporter } from './bmf.js';
import { csvExporter } from './csv.js';
import type { Exporter } from './exporter.js';
import { githubActionBenchmarkExporter } from './github-action-benchmark.js';
import { loadgenExporter } from './loadgen.js';

/** The formats of `mlbench export --format`, registered explicitly. */
export const EXPORTERS: Record<string, Exporter> = {
  bmf: bmfExporter,
  'github-action-benchmark': githubActionBenchmarkExporter,
  loadgen: loadgenExporter,
  csv: csvExporter,
};

export { bmfExporter, csvExporter, githubActionBenchmarkExporter, loadgenExporter };
export {
  benchmarkName,
  byBenchmark,
  byName,
  fileSlug,
  measuredJobs,
  type Exporter,
  type ExportedFile,
  type ExportInput,
} from './exporter.js';
export { measuresOf, type Measure } from './measures.js';
export { quantileCi, medianOverRuns, MIN_RUNS_FOR_INTERVAL, type Bounded } from './bounds.js';
export { LOADGEN_HEADER, loadgenKeys } from './loadgen.js';
