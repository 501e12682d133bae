/**
 * The human summary of a job in the manner of LoadGen's mlperf_log_summary.txt: scenario,
 * metric, "Result is : VALID/INVALID" with the checks, recommendations, the latency table and
 * the effective settings. Pure: builds a string.
 */
import type { LatencySummaryNs, ScenarioId } from '../types.js';
import type { ScenarioSettings } from './scenario-settings.js';
import type { Verdict } from './verdict.js';

export interface SummaryInput {
  scenario: ScenarioId;
  metric: { name: string; value: number; unit: string };
  verdict: Verdict;
  latencyNs: LatencySummaryNs;
  queryCount: number;
  sampleCount: number;
  durationNs: number;
  throughputPerS: number;
  settings: ScenarioSettings;
  /** Scenario-specific lines for "Additional Stats". */
  extraStats?: Array<[string, string | number]>;
  /** Settings to list under "Test Parameters Used" (default: those the scenario reads). */
  settingKeys?: Array<keyof ScenarioSettings>;
}

const RULE = '================================================';
const yesNo = (b: boolean) => (b ? 'Yes' : 'NO');
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

const BASE_KEYS: Array<keyof ScenarioSettings> = ['minDurationMs', 'minQueryCount', 'maxDurationMs', 'warmupQueries', 'warmupMs', 'maxSamplesRetained', 'seed', 'targetLatencyPercentile'];

/** Renders the summary log. */
export function formatSummary(input: SummaryInput): string {
  const { verdict: v } = input;
  const out: string[] = [];
  const kv = (k: string, val: string | number) => out.push(`${k} : ${typeof val === 'number' ? fmt(val) : val}`);
  out.push(RULE, 'mlbench Results Summary (LoadGen style)', RULE);
  kv('Scenario', input.scenario);
  kv('Mode', 'PerformanceOnly');
  kv(input.metric.name + ` (${input.metric.unit})`, input.metric.value);
  kv('Result is', v.valid ? 'VALID' : 'INVALID');
  if (v.checks.latencyBound !== null) kv('  Performance constraints satisfied', yesNo(v.checks.latencyBound));
  kv('  Min duration satisfied', yesNo(v.checks.minDuration));
  kv('  Min queries satisfied', yesNo(v.checks.minQueries));
  kv('  Early stopping satisfied', yesNo(v.checks.earlyStopping));
  if (v.reasons.length) {
    out.push('Reasons:', ...v.reasons.map((r) => ` * ${r}`));
    out.push('Recommendations:', ...v.recommendations.map((r) => ` * ${r}`));
  }
  if (v.earlyStoppingLines.length) out.push('Early Stopping Result:', ...v.earlyStoppingLines.map((l) => ` * ${l}`));
  out.push('', RULE, 'Additional Stats', RULE);
  kv('Queries', input.queryCount);
  kv('Samples', input.sampleCount);
  kv('Duration (ms)', input.durationNs / 1e6);
  kv('Completed samples per second', input.throughputPerS);
  for (const [k, val] of input.extraStats ?? []) kv(k, val);
  const l = input.latencyNs;
  const rows: Array<[string, number]> = [['Min', l.min], ['Mean', l.mean], ['50.00 percentile', l.p50], ['90.00 percentile', l.p90],
    ['95.00 percentile', l.p95], ['97.00 percentile', l.p97], ['99.00 percentile', l.p99], ['99.90 percentile', l.p999], ['Max', l.max]];
  for (const [k, val] of rows) kv(`${k} latency (ns)`, Math.round(val));
  out.push('', RULE, 'Test Parameters Used', RULE);
  for (const key of input.settingKeys ?? BASE_KEYS) kv(key, String(input.settings[key]));
  return out.join('\n');
}
