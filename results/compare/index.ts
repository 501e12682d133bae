/** Compare and the CI gate: matching, run-level statistics, decision rule, interleaved A/B, formatters. */
export {
  jobKey,
  groupJobs,
  definitionDiff,
  machineDifferences,
  checkMachines,
  observe,
  statusText,
  inputDifferences,
  INPUT_SETTINGS,
  headlineDirection,
  sideFromResults,
  loadSide,
  RUNTIME_KNOB_PREFIXES,
  NEUTRAL_SETTINGS,
  MEASURED_STATUSES,
  BROKEN_STATUSES,
  NOT_RUN_STATUSES,
  LATENCY_PERCENTILES,
  type DefinitionDiff,
  type SideObservations,
  type SourceOf,
} from './match.js';
export { metricRows, runRow, TAIL_METRICS, type DraftRow, type RowContext } from './statistics.js';
export {
  compareSides,
  decideMeasured,
  jobVerdict,
  countVerdicts,
  thresholdFor,
  noisyNote,
  unchangedWithin,
} from './decide.js';
export { countRows, countRow, decideCounts } from './count-rows.js';
export { abOrder, AB_ORDER_KINDS, alignSides, compareAb, type AbSide, type AbOrderKind } from './ab.js';
export { compareWithBaseline, type BaselineInput, type BaselineResult, type RunJobsFn } from './baseline.js';
export {
  formatTerminal,
  formatMarkdown,
  formatJson,
  formatBaselineMarkdown,
  formatValue,
  formatChange,
  verdictText,
  jobText,
  missingText,
  FORMATTERS,
  COMPARE_FORMATS,
  type CompareFormat,
} from './format.js';
export {
  DEFAULT_COMPARE_OPTIONS,
  VERDICTS,
  resolveCompareOptions,
  type Verdict,
  type CompareOptions,
  type CompareFlags,
  type CompareSide,
  type MetricComparison,
  type JobComparison,
  type Comparison,
} from './types.js';
