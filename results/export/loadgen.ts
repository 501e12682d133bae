/**
 * LoadGen-style logs per inference job, in the shape MLPerf readers parse: `mlperf_log_summary.txt`
 * ("key : value" lines under LoadGen's section rules) and `mlperf_log_detail.txt` (one
 * `:::MLLOG {json}` line per key, LoadGen's key names: result_validity,
 * result_90.00_percentile_latency_ns, early_stopping_latency_ss...; loadgen/results.cc). Both
 * say they are LoadGen-style, not an MLPerf result (no MLPerf rules, durations or audits apply)
 * where their format allows: the summary in a `#` header line; the detail log in its first
 * message (`mlbench_notice`, a warning), since MLPerf's tools/submission/log_parser.py requires
 * the first line to start with `:::MLLOG`. A run judged with minimums below LoadGen's reads
 * `Result is : VALID (relaxed: ...)` in the summary and carries `mlbench_result_label` in the
 * detail log; `result_validity` stays LoadGen's VALID/INVALID. Headline keys the job already carries (loose `result_*` /
 * `early_stopping_*` fields, at top level or under `loadgen`) are used as recorded; otherwise they
 * are derived from latencyNs and the latency samples.
 */
import { jobSoftwareWarning } from '../adapter-label.js';
import { EARLY_STOPPING_CONFIDENCE, earlyStoppingEstimate } from '../../harness/measure/early-stopping.js';
import { scenarioSettings } from '../../harness/scenarios/scenario-settings.js';
import { relaxedNote } from '../../harness/scenarios/loadgen-minimums.js';
import type { JobResult } from '../schema.js';
import { latencySampleOf } from '../stats/latency-sample.js';
import { cumulativeCounts, valueAtRank } from '../stats/weighted-sample.js';
import type { Exporter, ExportedFile } from './exporter.js';
import { fileSlug } from './exporter.js';

export const LOADGEN_HEADER = 'LoadGen-style, not an MLPerf result';
const SCENARIO: Record<string, string> = {
  'single-stream': 'SingleStream',
  'multi-stream': 'MultiStream',
  server: 'Server',
  offline: 'Offline',
};
const RULE = '================================================';

/** `result_*` and `early_stopping_*` keys the job recorded itself (under `loadgen`, or at top level). */
function recordedKeys(job: JobResult): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const source of [
    job as Record<string, unknown>,
    (job as Record<string, unknown>).loadgen as Record<string, unknown> | undefined,
  ]) {
    // null: LoadGen logs no value (e.g. too few queries for an estimate), so neither do we.
    for (const [k, v] of Object.entries(source ?? {}))
      if (/^(result_|early_stopping_)/.test(k) && v !== null && v !== undefined) out[k] = v;
  }
  return out;
}

/** LoadGen's detail keys for one job, in LoadGen's order. */
export function loadgenKeys(job: JobResult): Array<[string, unknown]> {
  const l = job.latencyNs!;
  // The job's effective settings, the target percentile resolved per scenario as the run resolved it.
  const settings = scenarioSettings(job.scenario, job.settings);
  const pct = settings.targetLatencyPercentile;
  const ns = Math.round; // LoadGen logs latencies as integer ns
  const keys: Record<string, unknown> = {
    result_validity: job.validity?.valid === false || job.status === 'invalid' ? 'INVALID' : 'VALID',
  };
  if (job.validity && !job.validity.valid) keys.result_invalid_reason = job.validity.reasons.join(' ');
  if (job.queryCount !== undefined) keys.result_query_count = job.queryCount;
  const sample = latencySampleOf(job);
  const estimate =
    sample && (job.scenario === 'single-stream' || job.scenario === 'multi-stream')
      ? earlyStoppingEstimate(
          sample.sample.n,
          pct,
          (rank) => valueAtRank(sample.sample, cumulativeCounts(sample.sample), rank),
          EARLY_STOPPING_CONFIDENCE,
        )
      : null;
  if (job.scenario === 'single-stream') {
    if (job.throughputPerS !== undefined) keys.result_qps_with_loadgen_overhead = job.throughputPerS;
    keys.result_qps_without_loadgen_overhead = 1e9 / l.mean;
    if (estimate !== null) keys.early_stopping_latency_ss = ns(estimate);
  }
  if (job.scenario === 'multi-stream' && estimate !== null) keys.early_stopping_latency_ms = ns(estimate);
  if (job.scenario === 'server' && job.throughputPerS !== undefined)
    keys.result_completed_samples_per_sec = job.throughputPerS;
  if (job.scenario === 'offline' && job.throughputPerS !== undefined)
    keys.result_samples_per_second = job.throughputPerS;
  Object.assign(keys, {
    result_min_latency_ns: ns(l.min),
    result_max_latency_ns: ns(l.max),
    result_mean_latency_ns: ns(l.mean),
    'result_50.00_percentile_latency_ns': ns(l.p50),
    'result_90.00_percentile_latency_ns': ns(l.p90),
    'result_95.00_percentile_latency_ns': ns(l.p95),
    'result_97.00_percentile_latency_ns': ns(l.p97),
    'result_99.00_percentile_latency_ns': ns(l.p99),
    'result_99.90_percentile_latency_ns': ns(l.p999),
  });
  const label = relaxedLabel(job);
  if (label) keys.mlbench_result_label = label;
  return Object.entries({
    ...keys,
    ...recordedKeys(job),
    effective_scenario: SCENARIO[job.scenario],
    effective_test_mode: 'PerformanceOnly',
    effective_target_latency_percentile: pct,
    effective_min_duration_ms: settings.minDurationMs,
    effective_min_query_count: settings.minQueryCount,
  });
}

/** `VALID (relaxed: ...)` for a VALID job judged below LoadGen's minimums (older files: from their settings); null otherwise. */
function relaxedLabel(job: JobResult): string | null {
  if (job.validity?.valid === false || job.status === 'invalid') return null;
  const relaxed = job.validity?.relaxed ?? relaxedNote(job.scenario, scenarioSettings(job.scenario, job.settings));
  return relaxed ? `VALID (${relaxed})` : null;
}

const mllog = (key: string, value: unknown, warning = false) =>
  `:::MLLOG ${JSON.stringify({ key, value, time_ms: 0, namespace: 'mlperf::logging', event_type: 'POINT_IN_TIME', metadata: { is_error: false, is_warning: warning, file: 'mlbench', line_no: 0 } })}`;

function summary(job: JobResult, keys: Map<string, unknown>): string {
  const pct = Number(keys.get('effective_target_latency_percentile'));
  const v = (k: string) => String(keys.get(k) ?? '-');
  const yesNo = (reason: RegExp) => (job.validity?.reasons.some((r) => reason.test(r)) ? 'NO' : 'Yes');
  const headline: Record<string, [string, string]> = {
    'single-stream': [
      `${(pct * 100).toFixed(1)}th percentile latency (ns)`,
      `result_${(pct * 100).toFixed(2)}_percentile_latency_ns`,
    ],
    'multi-stream': [
      `${(pct * 100).toFixed(1)}th percentile latency (ns)`,
      `result_${(pct * 100).toFixed(2)}_percentile_latency_ns`,
    ],
    server: ['Completed samples per second', 'result_completed_samples_per_sec'],
    offline: ['Samples per second', 'result_samples_per_second'],
  };
  const [label, key] = headline[job.scenario]!;
  const lines = [
    `# ${LOADGEN_HEADER}: written by mlbench from ${job.id}`,
    RULE,
    'MLPerf Results Summary',
    RULE,
    `SUT name : ${job.runtime.id}:${job.runtime.backend} ${job.runtime.version ?? ''}`.trimEnd(),
    `Scenario : ${SCENARIO[job.scenario]}`,
    'Mode     : PerformanceOnly',
    `${label} : ${v(key)}`,
    `Result is : ${String(keys.get('mlbench_result_label') ?? v('result_validity'))}`,
    `  Min duration satisfied : ${yesNo(/duration/i)}`,
    `  Min queries satisfied : ${yesNo(/quer/i)}`,
    `  Early stopping satisfied: ${yesNo(/early stopping/i)}`,
  ];
  const software = jobSoftwareWarning(job);
  if (software) lines.push(`WARNING: ${software} (adapter: ${job.adapter!.description})`);
  if (keys.has('early_stopping_latency_ss') || keys.has('early_stopping_latency_ms')) {
    lines.push(
      'Early Stopping Result:',
      ` * Early stopping ${(pct * 100).toFixed(1)}th percentile estimate: ${v(keys.has('early_stopping_latency_ss') ? 'early_stopping_latency_ss' : 'early_stopping_latency_ms')}`,
    );
  }
  lines.push('', RULE, 'Additional Stats', RULE);
  for (const [k, name] of [
    ['min', 'Min'],
    ['max', 'Max'],
    ['mean', 'Mean'],
  ])
    lines.push(`${name} latency (ns) : ${v(`result_${k}_latency_ns`)}`);
  for (const p of ['50.00', '90.00', '95.00', '97.00', '99.00', '99.90'])
    lines.push(`${p} percentile latency (ns) : ${v(`result_${p}_percentile_latency_ns`)}`);
  lines.push(
    '',
    RULE,
    'Test Parameters Used',
    RULE,
    `min_duration (ms): ${v('effective_min_duration_ms')}`,
    `min_query_count : ${v('effective_min_query_count')}`,
  );
  return `${lines.join('\n')}\n`;
}

export const loadgenExporter: Exporter = {
  render(inputs) {
    const files: ExportedFile[] = [];
    const used = new Map<string, string>();
    for (const { result } of inputs) {
      for (const job of result.jobs.filter((j) => j.kind === 'inference' && j.latencyNs && SCENARIO[j.scenario])) {
        const entries = loadgenKeys(job);
        const detail = [
          mllog('mlbench_notice', `${LOADGEN_HEADER}: written by mlbench from ${job.id}`, true),
          ...entries.map(([key, value]) => mllog(key, value)),
        ];
        const dir = inputs.length > 1 ? `${fileSlug(result.runId)}/${fileSlug(job.id, used)}` : fileSlug(job.id, used);
        files.push({ name: `${dir}/mlperf_log_summary.txt`, content: summary(job, new Map(entries)) });
        files.push({ name: `${dir}/mlperf_log_detail.txt`, content: `${detail.join('\n')}\n` });
      }
    }
    return files;
  },
};
