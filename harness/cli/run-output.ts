/**
 * What `mlbench run` and `mlbench model` share at the end of a run: the run id, the result file
 * header, the summary table and the --fail-on-error exit code.
 */
import { randomBytes } from 'node:crypto';
import { FAILED_STATUSES } from '../isolate/run-jobs.js';
import { formatRuntimeId } from '../runtimes/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { JobResult, Machine, ResultFile } from '../../results/schema.js';
import { formatBytes, formatNs } from '../../reports/format.js';
import { formatTable } from './table.js';

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

/** A runtime as a column head: a peer is named by its program (`sklearn_logreg`). */
function runtimeHead(runtime: string): string {
  return runtime.startsWith('external:') ? runtime.replace(/^external:(.*\/)?/, '').replace(/\.[a-z]+$/, '') : runtime;
}

/** The number a cell compares, and whether lower is better; null where speed is not the headline. */
function speedOf(j: JobResult): { value: number; lowerIsBetter: boolean } | null {
  if (j.metric && Number.isFinite(j.metric.value) && j.metric.value > 0) {
    if (j.metric.unit === 'ns' || j.metric.unit === 's') return { value: j.metric.value, lowerIsBetter: true };
    if (j.metric.unit.endsWith('/s')) return { value: j.metric.value, lowerIsBetter: false };
  }
  if (j.kind === 'training' && j.train && j.train.seconds > 0) return { value: j.train.seconds, lowerIsBetter: true };
  return null;
}

function cell(j: JobResult, best: number | null): string {
  if (j.status !== 'ok' && j.status !== 'invalid') return j.status.toUpperCase();
  const text = j.kind === 'training' && j.train ? `${j.train.seconds.toFixed(2)} s${j.accuracy ? ` ${j.accuracy.metric} ${j.accuracy.value.toFixed(3)}` : ''}` : headline(j).replace(/^(p\d+|peak|mean) /, '');
  const speed = speedOf(j);
  const ratio = speed && best ? (speed.lowerIsBetter ? speed.value / best : best / speed.value) : null;
  const mark = ratio === null ? '' : ratio < 1.005 ? ' *' : ` x${ratio < 10 ? ratio.toFixed(1) : ratio.toFixed(0)}`;
  return `${text}${mark}${j.status === 'invalid' ? ' INVALID' : ''}`;
}

/**
 * The answer first: per suite, one row per workload and scenario, one column per runtime, each
 * job's headline metric in its cell; `*` marks the fastest runtime of the row and `xN` how many
 * times slower the others are (repeats: the first). Every job that ran has its cell; jobs on
 * runtimes unavailable here have none (the run states those once, at the start).
 */
export function answerTables(jobs: JobResult[]): string {
  const ran = jobs.filter((j) => j.status !== 'unavailable' && j.status !== 'skipped');
  const out: string[] = [];
  for (const suite of [...new Set(ran.map((j) => j.suite))]) {
    const inSuite = ran.filter((j) => j.suite === suite);
    const runtimes = [...new Set(inSuite.map((j) => formatRuntimeId(j.runtime)))];
    const rowKeys = [...new Set(inSuite.map((j) => `${j.workload} ${j.scenario}`))];
    const rows = rowKeys.map((key) => {
      const row = inSuite.filter((j) => `${j.workload} ${j.scenario}` === key);
      const first = (rt: string) => row.find((j) => formatRuntimeId(j.runtime) === rt);
      const speeds = row.filter((j) => j.status === 'ok').map(speedOf).filter((x) => x !== null);
      const best = speeds.length ? (speeds[0]!.lowerIsBetter ? Math.min(...speeds.map((x) => x.value)) : Math.max(...speeds.map((x) => x.value))) : null;
      const metric = row.find((j) => j.metric)?.metric?.name.split(' ')[0] ?? (row[0]!.kind === 'training' ? 'train' : '');
      return [`${key.replace(/ (single-stream|accuracy)$/, '')}${metric ? ` (${metric})` : ''}`, ...runtimes.map((rt) => { const j = first(rt); return j ? cell(j, best) : ''; })];
    });
    out.push(formatTable([suite, ...runtimes.map(runtimeHead)], rows, [false, ...runtimes.map(() => true)]));
  }
  return out.join('\n\n');
}

/**
 * The end-of-run table (-v): one row per job that ran. Jobs whose runtime is unavailable here are
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

/** A job's op profile for -v: `  op profile (tf.profile, 20 queries): Conv2D 61% (4.1 ms), ...`. */
export function opProfileText(j: JobResult): string {
  const p = j.opProfile;
  if (!p) return '';
  const ops = p.ops.slice(0, 6).map((o) => `${o.op} ${(o.share * 100).toFixed(0)}%`).join(', ');
  return `  ${j.id} op profile (${p.source}, ${p.queries} queries, ${p.totalMs.toFixed(1)} ms in ops): ${ops}`;
}

/** Exit code for --fail-on-error: 1 (and a message) when a job failed, crashed, timed out or ran out of memory. */
export function failOnErrorCode(results: JobResult[], failOnError: boolean | undefined): number {
  const failed = results.filter((r) => FAILED_STATUSES.has(r.status));
  if (!failed.length || !failOnError) return 0;
  process.stderr.write(`mlbench: ${failed.length} job(s) failed: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}\n`);
  return 1;
}
