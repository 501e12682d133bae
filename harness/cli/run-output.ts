/**
 * What `mlbench run` and `mlbench model` share at the end of a run: the run id, the result file
 * header, the summary table and the --fail-on-error exit code.
 */
import { randomBytes } from 'node:crypto';
import { FAILED_STATUSES } from '../isolate/run-jobs.js';
import { TOOL_NAME, TOOL_VERSION } from '../paths.js';
import type { JobResult, Machine, ResultFile } from '../../results/schema.js';
import { formatBytes, formatNs, formatRuntimeId, formatTable } from '../common/format.js';

/** A sortable, unique run id: the start time plus 4 hex digits. */
export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
}

export interface RunHeader {
  runId: string;
  startedAt: Date;
  commandLine: string;
  settings: Record<string, unknown>;
  machine: Machine;
}

/** A result file (schemaVersion 1) for `jobs`, finished now. */
export function resultFile(header: RunHeader, jobs: JobResult[]): ResultFile {
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    runId: header.runId,
    startedAt: header.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: header.commandLine,
    settings: header.settings,
    machine: header.machine,
    jobs,
  };
}

/** One line about a finished job for the progress display. */
export function jobDetail(r: JobResult): string {
  if (r.error) return r.error.message.split('\n')[0]!.slice(0, 160);
  if (r.latencyNs) return `p50 ${formatNs(r.latencyNs.p50)}  p90 ${formatNs(r.latencyNs.p90)}`;
  if (r.train) return `train ${r.train.seconds.toFixed(2)} s`;
  return '';
}

/** The scenario's headline metric, short: `p90 21.0 us`, `peak 12800 queries/s`, `auc 0.6384`. */
function headline(j: JobResult): string {
  if (!j.metric) return j.accuracy ? `${j.accuracy.metric} ${j.accuracy.value.toFixed(4)}` : '—';
  const { name, value, unit } = j.metric;
  const number = String(Number(value.toPrecision(4)));
  if (unit === 'ns') return `${name.split(' ')[0]} ${formatNs(value)}`;
  if (unit.endsWith('/s')) return `${name.startsWith('peak') ? 'peak ' : ''}${number} ${unit}`;
  return `${name} ${number}${unit === 'ratio' ? '' : ` ${unit}`}`;
}

/**
 * The end-of-run table: one row per job that ran. Jobs whose runtime is unavailable here are
 * folded into one line per runtime with its reason (the result file keeps every one).
 */
export function summaryTable(jobs: JobResult[]): string {
  const ran = jobs.filter((j) => j.status !== 'unavailable');
  const rows = ran.map((j) => [
    `${j.suite}/${j.workload}`,
    formatRuntimeId(j.runtime),
    j.scenario,
    j.status,
    formatNs(j.latencyNs?.p50),
    formatNs(j.latencyNs?.p90),
    j.throughputPerS !== undefined ? j.throughputPerS.toFixed(0) : '—',
    formatBytes(j.memory?.peakRssBytes),
    headline(j),
  ]);
  const table = formatTable(['job', 'runtime', 'scenario', 'status', 'p50', 'p90', 'per s', 'peak RSS', 'result'], rows,
    [false, false, false, false, true, true, true, true, false]);
  const unavailable = new Map<string, { count: number; reason: string }>();
  for (const j of jobs.filter((x) => x.status === 'unavailable')) {
    const name = formatRuntimeId(j.runtime);
    const entry = unavailable.get(name) ?? { count: 0, reason: (j.error?.message ?? '').split('\n')[0]! };
    entry.count++;
    unavailable.set(name, entry);
  }
  const notes = [...unavailable].map(([rt, u]) => `  ${rt} (${u.count} job${u.count > 1 ? 's' : ''}): ${u.reason.slice(0, 140)}`);
  return notes.length ? `${table}\n\nunavailable on this machine:\n${notes.join('\n')}` : table;
}

/** Exit code for --fail-on-error: 1 (and a message) when a job failed, crashed, timed out or ran out of memory. */
export function failOnErrorCode(results: JobResult[], failOnError: boolean | undefined): number {
  const failed = results.filter((r) => FAILED_STATUSES.has(r.status));
  if (!failed.length || !failOnError) return 0;
  process.stderr.write(`mlbench: ${failed.length} job(s) failed: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}\n`);
  return 1;
}
