/** Compare and the CI gate: matching, decision rule, verdicts, formatters. */
export { compareSides, thresholdFor } from './compare.js';
export { loadSide, sideFromResults } from './load.js';
export { checkMachines, machineDifferences } from './machine-check.js';
export { definitionDiff, groupJobs, jobKey, RUNTIME_KNOB_PREFIXES, NEUTRAL_SETTINGS, type DefinitionDiff } from './match.js';
export { countVerdicts, decideMeasured, decideTail, jobVerdict } from './decide.js';
export { observe, MEASURED_STATUSES, BROKEN_STATUSES, NOT_RUN_STATUSES, type SideObservations, type SourceOf } from './observations.js';
export { metricRows, LATENCY_PERCENTILES, TAIL_METRICS, LOWER_IS_BETTER_ACCURACY, type DraftRow } from './metric-rows.js';
export { statusRow, statusText } from './status-row.js';
export { FORMATTERS, COMPARE_FORMATS, type CompareFormat } from './format.js';
export { formatTerminal } from './format-terminal.js';
export { formatMarkdown } from './format-markdown.js';
export { formatJson } from './format-json.js';
export {
  DEFAULT_COMPARE_OPTIONS, VERDICTS, type Verdict, type CompareOptions, type CompareSide, type MetricComparison,
  type JobComparison, type Comparison,
} from './types.js';
export { resolveCompareOptions, parseThresholdPairs, type CompareFlags } from './options.js';
export { runGate, plannedJobKey, type GateInput, type GateResult, type RunJobsFn } from './gate.js';
export { formatGateMarkdown } from './format-gate.js';
