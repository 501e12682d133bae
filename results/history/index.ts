/** History across runs: ordered runs, trends per job x metric, step detection, regressions. */
export {
  buildHistory,
  orderRuns,
  type HistoryOptions,
  type HistoryReport,
  type HistoryRun,
  type HistoryStep,
  type Trend,
  type TrendPoint,
} from './history.js';
export {
  detectSteps,
  fitPieces,
  DEFAULT_STEP_THRESHOLD,
  type Piece,
  type Step,
  type StepOptions,
} from './step-detect.js';
export { historyMarkdown } from './format-markdown.js';
