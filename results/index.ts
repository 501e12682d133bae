/**
 * Results: the result-file schema, its store and loader, machine facts, merging, and the
 * statistics that read latency samples. The one door into results/ for the layers above it
 * (reports/, the CLI): they import from here, never from a file inside.
 */
export {
  SCHEMA_VERSION, LatencySummarySchema, FindPeakStepSchema, HistogramSchema, JobStatusSchema, ScenarioSchema, JobResultSchema, MachineSchema, ResultFileSchema,
  type FindPeakStep, type JobResult, type JobResultFields, type Machine, type ResultFile, type LatencySummary,
} from './schema.js';
export { resultPath, writeResult, parseResult, readResult, listResultFiles } from './store.js';
export { loadResults, type LoadedResults, type LoadResultsOptions } from './load.js';
export { MACHINE_FIELDS, machineLabel, machineFacts, comparedMachineFacts, type MachineField } from './machine-facts.js';
export { mergeResults } from './merge.js';
export {
  latencySampleOf, fromValues, pool, quantile, cumulativeCounts, valueAtRank, type LatencySample, type WeightedSample,
} from './stats/index.js';
