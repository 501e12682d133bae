/**
 * Results: the result-file schema, its store and loader, machine facts, merging, and the
 * statistics that read latency samples. The one door into results/ for the layers above it
 * (reports/, the CLI): they import from here, never from a file inside.
 */
export {
  SCHEMA_VERSION,
  LatencySummarySchema,
  FindPeakStepSchema,
  HistogramSchema,
  JobStatusSchema,
  ScenarioSchema,
  JobResultSchema,
  MachineSchema,
  ResultFileSchema,
  type FindPeakStep,
  type JobResult,
  type JobResultFields,
  type Machine,
  type ResultFile,
  type LatencySummary,
} from './schema.js';
export { resultPath, writeResult, parseResult, readResult, listResultFiles } from './store.js';
export { loadResults, type LoadedResults, type LoadResultsOptions } from './load.js';
export {
  MACHINE_FIELDS,
  machineLabel,
  machineFacts,
  comparedMachineFacts,
  type MachineField,
} from './machine-facts.js';
export { mergeResults } from './merge.js';
export { RUN_CHOICE_KEYS, runChoices, measurementSettings, splitRunChoices } from './run-choices.js';
export {
  METRICS,
  STATUS_METRIC,
  PARITY_METRIC,
  accuracyBetter,
  isContender,
  speedMetricOf,
  relativeToBest,
  type Better,
  type MetricDef,
  type MetricId,
  type MetricUnit,
} from './metrics.js';
export { MEASURED_STATUSES, BROKEN_STATUSES, NOT_RUN_STATUSES, isMeasured, isBroken, isNotRun } from './status.js';
export { jobKey, plannedJobKey, contestKey, groupByKey, seriesName } from './job-key.js';
export {
  latencySampleOf,
  fromValues,
  pool,
  quantile,
  cumulativeCounts,
  valueAtRank,
  type LatencySample,
  type WeightedSample,
} from './stats/index.js';
export {
  EXPORTERS,
  benchmarkName,
  measuresOf,
  quantileCi,
  LOADGEN_HEADER,
  loadgenKeys,
  type Exporter,
  type ExportedFile,
  type ExportInput,
  type Measure,
  type Bounded,
} from './export/index.js';
export {
  buildHistory,
  orderRuns,
  historyMarkdown,
  detectSteps,
  fitPieces,
  DEFAULT_STEP_THRESHOLD,
  type HistoryOptions,
  type HistoryReport,
  type HistoryRun,
  type HistoryStep,
  type Trend,
  type TrendPoint,
  type Piece,
  type Step,
  type StepOptions,
} from './history/index.js';
export { findCrossovers, crossoverJobOf, type Crossover, type CrossoverJob, type CrossoverPoint } from './crossover.js';
export {
  adapterName,
  isSoftwareAdapter,
  jobSoftwareWarning,
  rankedRuntimeLabel,
  softwareAdapterWarning,
} from './adapter-label.js';
