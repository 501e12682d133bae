/**
 * The human summary of a job in the manner of LoadGen's mlperf_log_summary.txt: scenario, the
 * headline result (LoadGen's key names), "Result is : VALID/INVALID" with the checks, reasons,
 * recommendations, the latency table and the effective settings.
 *
 * Built from data: runners fill a SummaryLog value (and adjust it, e.g. add advice or a
 * find-peak section) and it is rendered exactly once, from that value and the job's validity,
 * by renderSummary. Pure: builds a string.
 */
import type { LatencySummaryNs, ScenarioId } from '../types.js';
import type { Validity } from './result.js';

/** A `key : value` line; numbers print as integers or with 2 decimals. */
export type SummaryEntry = [key: string, value: string | number];

/** Everything the summary log shows, except the verdict (read from the job's validity). */
export interface SummaryLog {
  scenario: ScenarioId;
  mode: 'PerformanceOnly' | 'AccuracyOnly';
  /** The headline result first, then the values that stand beside it (LoadGen keys). */
  results: SummaryEntry[];
  /** LoadGen's named checks under "Result is" (null: does not apply to this scenario). */
  checks: Array<[name: string, met: boolean]>;
  earlyStoppingLines: string[];
  /** "Additional Stats": counts, rates and scenario-specific figures. */
  stats: SummaryEntry[];
  latencyNs: LatencySummaryNs | null;
  /** "Test Parameters Used". */
  parameters: SummaryEntry[];
  /** Extra titled sections after the parameters (find-peak steps). */
  sections: Array<{ title: string; lines: string[] }>;
}

const RULE = '================================================';
const yesNo = (b: boolean) => (b ? 'Yes' : 'NO');
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** LoadGen's latency table rows: label and field of LatencySummaryNs. */
const LATENCY_ROWS: Array<[string, keyof LatencySummaryNs]> = [
  ['Min', 'min'],
  ['Mean', 'mean'],
  ['50.00 percentile', 'p50'],
  ['90.00 percentile', 'p90'],
  ['95.00 percentile', 'p95'],
  ['97.00 percentile', 'p97'],
  ['99.00 percentile', 'p99'],
  ['99.90 percentile', 'p999'],
  ['Max', 'max'],
];

/** `VALID`, `INVALID`, `UNSCORED`, or `VALID (relaxed: 2 s, 200 queries; LoadGen requires 600 s, 1024)`. */
export function validityLabel(validity: Pick<Validity, 'valid' | 'result' | 'relaxed'>): string {
  const result = validity.result ?? (validity.valid ? 'VALID' : 'INVALID');
  return result === 'VALID' && validity.relaxed ? `VALID (${validity.relaxed})` : result;
}

/** Renders the summary log of `log` with the job's final `validity`. */
export function renderSummary(log: SummaryLog, validity: Validity): string {
  const out: string[] = [];
  const kv = ([k, val]: SummaryEntry) => out.push(`${k} : ${typeof val === 'number' ? fmt(val) : val}`);
  const banner = (title: string) => out.push('', RULE, title, RULE);
  out.push(RULE, 'mlbench Results Summary (LoadGen style)', RULE);
  kv(['Scenario', log.scenario]);
  kv(['Mode', log.mode]);
  log.results.forEach(kv);
  kv(['Result is', validityLabel(validity)]);
  for (const [name, met] of log.checks) kv([`  ${name}`, yesNo(met)]);
  if (validity.reasons.length) out.push('Reasons:', ...validity.reasons.map((r) => ` * ${r}`));
  if (validity.recommendations.length) out.push('Recommendations:', ...validity.recommendations.map((r) => ` * ${r}`));
  if (log.earlyStoppingLines.length)
    out.push('Early Stopping Result:', ...log.earlyStoppingLines.map((l) => ` * ${l}`));
  banner('Additional Stats');
  log.stats.forEach(kv);
  if (log.latencyNs)
    for (const [label, field] of LATENCY_ROWS) kv([`${label} latency (ns)`, Math.round(log.latencyNs[field])]);
  banner('Test Parameters Used');
  log.parameters.forEach(kv);
  for (const section of log.sections) {
    banner(section.title);
    out.push(...section.lines);
  }
  return out.join('\n');
}
