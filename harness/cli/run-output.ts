/**
 * What `mlbench run` and `mlbench model` share at the end of a run: the run id, the result file
 * header, the summary table and the --fail-on-error exit code.
 */
import { crossoverJobOf, findCrossovers } from '../../results/crossover.js';
import { jobSoftwareWarning, rankedRuntimeLabel } from '../../results/adapter-label.js';
import { randomBytes } from 'node:crypto';
import { readableRuntimeMessage } from '../errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../paths.js';
import type { JobResult, Machine, ResultFile } from '../../results/schema.js';
import { contestKey, groupByKey } from '../../results/job-key.js';
import { isContender, relativeToBest, speedMetricOf } from '../../results/metrics.js';
import { isBroken, isMeasured } from '../../results/status.js';
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
  /** The git commit of the checkout mlbench ran in, when there was one. */
  git?: { commit: string; dirty: boolean } | null;
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
    ...(header.git ? { git: header.git } : {}),
    jobs,
  };
}

/**
 * One line about a finished job for the progress display: the readable part of an error (the
 * full text is in the result file and, with -v, on the terminal).
 */
export function jobDetail(r: JobResult, verbose = false): string {
  if (r.error) return verbose ? r.error.message.trim() : clip(readableRuntimeMessage(r.error.message), 200);
  if (r.latencyNs) return `p50 ${formatNs(r.latencyNs.p50)}  p90 ${formatNs(r.latencyNs.p90)}`;
  if (r.train) return `train ${r.train.seconds.toFixed(2)} s`;
  return '';
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The scenario's headline metric (LoadGen's), short: `p90 ES 21.0 us`, `1005 samples/s`, `peak 12800 queries/s`, `auc 0.6384`. */
function headline(j: JobResult): string {
  // A failed job's reason, without the runtime and model the row already names.
  if (j.error && !j.metric && j.status === 'skipped')
    return clip(`skipped: ${j.error.message.replace(`${formatRuntimeId(j.runtime)} `, '')}`, 80);
  if (j.error && !j.metric && (j.status === 'failed' || j.status === 'crashed'))
    return clip(readableRuntimeMessage(j.error.message).replace(/^\S+ cannot load model .+?: /, 'load: '), 80);
  if (!j.metric) return j.accuracy ? `${j.accuracy.metric} ${j.accuracy.value.toFixed(4)}` : '—';
  const { name, value, unit } = j.metric;
  const number = String(Number(value.toPrecision(4)));
  // Single-/multi-stream: LoadGen's early-stopping estimate (ES) when enough queries ran.
  if (unit === 'ns')
    return `${name.split(' ')[0]}${j.metric.key?.startsWith('early_stopping') ? ' ES' : ''} ${formatNs(value)}`;
  if (unit.endsWith('/s')) return `${name.startsWith('peak') ? 'peak ' : ''}${number} ${unit}`;
  return `${name} ${number}${unit === 'ratio' ? '' : ` ${unit}`}`;
}

/**
 * `*` for the fastest measured job of its suite/workload/scenario, `xN` for how many times slower
 * the others are, by the catalogue's speed metric (speedMetricOf: median latency, or train seconds,
 * as the report's leaderboard ranks); empty where only one runtime ran it. A LoadGen-INVALID job
 * (it measured, but too briefly or too few queries) is ranked with its mark, ` (INVALID)`, and
 * the table's notes say why.
 */
function versusFastest(jobs: JobResult[]): Map<JobResult, string> {
  const out = new Map<JobResult, string>();
  const contenders = jobs.filter(
    (x) => isMeasured(x.status) && isContender(formatRuntimeId(x.runtime)) && (speedMetricOf(x).read(x) ?? 0) > 0,
  );
  for (const group of groupByKey(contenders, (j) => contestKey(j)).values()) {
    if (new Set(group.map((j) => formatRuntimeId(j.runtime))).size < 2) continue;
    const metric = speedMetricOf(group[0]!);
    const ratios = relativeToBest(
      group.map((j) => metric.read(j)!),
      metric.better,
    );
    group.forEach((j, i) => {
      const ratio = ratios[i]!;
      const mark = ratio < 1.005 ? '*' : `x${ratio < 10 ? ratio.toFixed(1) : ratio.toFixed(0)}`;
      out.set(j, j.status === 'invalid' ? `${mark} (INVALID)` : mark);
    });
  }
  return out;
}

/**
 * The end-of-run table: one row per job that ran, with `vs fastest` (`*` the fastest runtime of
 * its workload and scenario, `xN` how many times slower). Jobs whose runtime is unavailable here
 * have no row: they are folded into one line per runtime after the table, or left out with
 * `unavailableNotes: false` where the caller named them already (the result file keeps every job).
 */
export function summaryTable(jobs: JobResult[], options: { unavailableNotes?: boolean } = {}): string {
  const ran = jobs.filter((j) => j.status !== 'unavailable');
  const versus = versusFastest(ran);
  const rows = ran.map((j) => [
    `${j.suite}/${j.workload}`,
    rankedRuntimeLabel(formatRuntimeId(j.runtime), j),
    j.scenario,
    j.status,
    formatNs(j.latencyNs?.p50),
    formatNs(j.latencyNs?.p90),
    j.throughputPerS !== undefined ? j.throughputPerS.toFixed(0) : '—',
    j.queriesPerS !== undefined ? j.queriesPerS.toFixed(0) : '—',
    formatBytes(j.memory?.peakRssBytes),
    headline(j),
    versus.get(j) ?? '',
  ]);
  const table = formatTable(
    [
      'job',
      'runtime',
      'scenario',
      'status',
      'p50',
      'p90',
      'samples/s',
      'queries/s',
      'peak RSS',
      'result',
      'vs fastest',
    ],
    rows,
    [false, false, false, false, true, true, true, true, true, false, true],
  );
  const unavailable = new Map<string, { count: number; reason: string }>();
  for (const j of jobs.filter((x) => x.status === 'unavailable')) {
    const name = formatRuntimeId(j.runtime);
    const entry = unavailable.get(name) ?? { count: 0, reason: (j.error?.message ?? '').split('\n')[0]! };
    entry.count++;
    unavailable.set(name, entry);
  }
  const notes = [...unavailable].map(([rt, u]) => `  ${rt} (${u.count} job${u.count > 1 ? 's' : ''}): ${u.reason}`);
  // Why each failed job failed, in words (the result file has the runtime's full text).
  const failures = ran
    .filter(
      (j) =>
        j.error &&
        (j.status === 'failed' || j.status === 'crashed') &&
        readableRuntimeMessage(j.error.message).replace(/^\S+ cannot load model .+?: /, 'load: ').length > 80,
    )
    .map(
      (j) =>
        `  ${j.suite}/${j.workload} on ${formatRuntimeId(j.runtime)}: ${clip(readableRuntimeMessage(j.error!.message), 300)}`,
    );
  const sections = [table];
  const skipped = new Map<string, string[]>();
  for (const j of ran.filter((x) => x.status === 'skipped' && x.error)) {
    const rt = formatRuntimeId(j.runtime);
    const reason = j.error!.message.startsWith(`${rt} `) ? j.error!.message.slice(rt.length + 1) : j.error!.message;
    skipped.set(reason, [...(skipped.get(reason) ?? []), rt]);
  }
  if ([...skipped.keys()].some((reason) => reason.length > 70))
    sections.push(
      `skipped:\n${[...skipped].map(([reason, rts]) => `  ${[...new Set(rts)].join(', ')}: ${clip(reason, 300)}`).join('\n')}`,
    );
  const invalid = ran
    .filter((j) => j.status === 'invalid')
    .map(
      (j) =>
        `  ${j.suite}/${j.workload} on ${formatRuntimeId(j.runtime)} (${j.scenario}): ${(j.validity?.reasons ?? []).join('; ') || 'no reason recorded'}`,
    );
  if (invalid.length)
    sections.push(
      `INVALID by LoadGen rules (measured and ranked, but not a valid result; lengthen the run with --min-duration, or lower --min-queries):\n${invalid.join('\n')}`,
    );
  const relaxed = relaxedLines(ran);
  if (relaxed.length && options.unavailableNotes !== false) sections.push(relaxed.join('\n'));
  // A software adapter (llvmpipe) is named under the table, once per adapter.
  const software = [
    ...new Map(
      ran.flatMap((j) => {
        const w = jobSoftwareWarning(j);
        return w ? [[w, j] as const] : [];
      }),
    ),
  ];
  if (software.length)
    sections.push(
      software
        .map(
          ([w, j]) =>
            `WARNING: ${[...new Set(ran.filter((x) => jobSoftwareWarning(x) === w).map((x) => formatRuntimeId(x.runtime)))].join(', ')} ran on a software adapter (${j.adapter!.description}): ${w}.`,
        )
        .join('\n'),
    );
  const faults = ran
    .filter((j) => j.knownFault)
    .map(
      (j) =>
        `  ${j.suite}/${j.workload} on ${formatRuntimeId(j.runtime)}: the runtime computes this op wrongly here: ${j.knownFault!.op} (${j.knownFault!.signature}); repro: ${j.knownFault!.repro}`,
    );
  if (faults.length) sections.push(`known runtime faults (not your model):\n${faults.join('\n')}`);
  if (failures.length) sections.push(`failures:\n${failures.join('\n')}`);
  if (notes.length && options.unavailableNotes !== false)
    sections.push(`unavailable on this machine:\n${notes.join('\n')}`);
  return sections.join('\n\n');
}

/**
 * One line per distinct relaxed judgement: `VALID (relaxed: 2 s, 200 queries; LoadGen requires
 * 600 s, 1024): 3 jobs; --loadgen-strict judges with LoadGen's own minimums`.
 */
function relaxedLines(jobs: JobResult[]): string[] {
  const counts = new Map<string, number>();
  for (const j of jobs)
    if (j.validity?.valid && j.validity.relaxed)
      counts.set(j.validity.relaxed, (counts.get(j.validity.relaxed) ?? 0) + 1);
  return [...counts].map(
    ([note, n]) => `VALID (${note}): ${n} job${n > 1 ? 's' : ''}; --loadgen-strict judges with LoadGen's own minimums`,
  );
}

/** A job's op profile for -v: `  op profile (tf.profile, 20 queries): Conv2D 61% (4.1 ms), ...`. */
export function opProfileText(j: JobResult): string {
  const p = j.opProfile;
  if (!p) return '';
  const ops = p.ops
    .slice(0, 6)
    .map((o) => `${o.op} ${(o.share * 100).toFixed(0)}%`)
    .join(', ');
  return `  ${j.id} op profile (${p.source}, ${p.queries} queries, ${p.totalMs.toFixed(1)} ms in ops): ${ops}`;
}

/** Exit code for --fail-on-error: 1 (and a message) when a job failed, crashed, timed out or ran out of memory. */
export function failOnErrorCode(results: JobResult[], failOnError: boolean | undefined): number {
  const failed = results.filter((r) => isBroken(r.status));
  if (!failed.length || !failOnError) return 0;
  process.stderr.write(
    `mlbench: ${failed.length} job(s) failed: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}\n`,
  );
  return 1;
}

/**
 * `--sweep` / `mlbench model --seq`: where each GPU runtime overtakes the CPU (results/crossover.ts),
 * one line per sweep and GPU runtime under a heading; '' when no sweep holds a GPU runtime.
 */
export function crossoverText(results: readonly JobResult[]): string {
  const crossings = findCrossovers(results.map(crossoverJobOf)).flatMap((c) =>
    c.sentences.map((t) => `  ${c.base}: ${t}`),
  );
  return crossings.length
    ? `\nWhere the GPU overtakes the CPU (${results.find((r) => r.sweep)!.sweep!.axis} sweep):\n${crossings.join('\n')}\n`
    : '';
}
