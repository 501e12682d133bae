/**
 * The benchm-ml table: one row per tool/runtime x training size, with the training time, the
 * time to target, the peak RSS and the test AUC, as benchm-ml publishes it. Each column means
 * one thing for every row:
 * - train s: the full training run (fixed epochs, lbfgs to convergence, every tree), each tool
 *   on its own encoding of the raw columns, loading and encoding excluded;
 * - to target s: training seconds until the test AUC after an epoch (or boosting round) first
 *   reached the size's target, evaluation excluded; `-` for a tool that reports no per-epoch
 *   AUC (lbfgs), `missed k/n` when k of n runs never reached it;
 * - peak RSS MiB: the training process's own peak (ru_maxrss), its data included.
 * Repeats (--repeat N) are summarised with the olympic mean (the fastest and slowest dropped,
 * as MLPerf does) for the times and the plain mean for AUC.
 */
import { formatRuntimeId, formatTable } from '../harness/common/format.js';
import { olympicMean } from '../harness/measure/metrics.js';
import type { JobResult } from './schema.js';

/** One row of the table (numbers unformatted; null = not measured). */
export interface LadderRow {
  model: string;
  runtime: string;
  size: string;
  status: string;
  runs: number;
  trainSeconds: number | null;
  timeToTargetSeconds: number | null;
  /** Runs that report a per-epoch AUC and never reached the target. */
  targetMissed: number;
  /** Runs that report a per-epoch AUC at all. */
  targetReported: number;
  /** The target AUC of the rows' runs (null when none is recorded). */
  targetAuc: number | null;
  peakRssMb: number | null;
  auc: number | null;
  /** Largest |AUC difference| of the exported model across serving runtimes. */
  servingMaxAbsDiff: number | null;
}

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
const runtimeName = (j: JobResult) => formatRuntimeId(j.runtime);
const field = (j: JobResult, key: string): unknown => (j.train as Record<string, unknown> | undefined)?.[key];

/** Groups the tabular suite's jobs into ladder rows, in first-seen order. */
export function ladderRows(jobs: JobResult[]): LadderRow[] {
  const groups = new Map<string, JobResult[]>();
  for (const j of jobs) {
    if (j.suite !== 'tabular' || j.kind !== 'training') continue;
    const key = `${j.workload}\u0000${runtimeName(j)}`;
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  return [...groups.values()].map((g) => {
    const [model, size] = [g[0]!.workload.replace(/-[^-]+$/, ''), g[0]!.workload.replace(/^.*-/, '')];
    const ok = g.filter((j) => j.train);
    const num = (f: (j: JobResult) => unknown) =>
      ok.map(f).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    // The training process's own peak: train.peakRssBytes; older results: the job process's.
    const rss = num((j) => field(j, 'peakRssBytes') ?? j.memory?.peakRssBytes);
    const statuses = [...new Set(g.map((j) => j.status))];
    const reached = ok.map(
      (j) => field(j, 'targetReached') ?? (typeof j.train?.timeToTargetSeconds === 'number' ? true : null),
    );
    const ttt = num((j) => j.train?.timeToTargetSeconds);
    const targets = num((j) => (field(j, 'target') as { value?: unknown } | undefined)?.value);
    return {
      model,
      runtime: runtimeName(g[0]!),
      size,
      status: statuses.join('/'),
      runs: g.length,
      trainSeconds: ok.length ? olympicMean(num((j) => j.train?.seconds)) : null,
      timeToTargetSeconds: ttt.length ? olympicMean(ttt) : null,
      targetMissed: reached.filter((r) => r === false).length,
      targetReported: reached.filter((r) => r !== null).length,
      targetAuc: targets.length ? Math.max(...targets) : null,
      peakRssMb: rss.length ? olympicMean(rss) / 2 ** 20 : null,
      auc: mean(num((j) => j.accuracy?.value)),
      servingMaxAbsDiff: mean(num((j) => (j.accuracy as Record<string, unknown> | undefined)?.servingMaxAbsDiff)),
    };
  });
}

const fix = (v: number | null, digits: number) => (v === null || !Number.isFinite(v) ? '-' : v.toFixed(digits));

/** The time-to-target cell: seconds, `missed k/n`, or `-` when the tool reports no per-epoch AUC. */
function toTargetCell(r: LadderRow): string {
  if (r.targetMissed > 0) return `missed ${r.targetMissed}/${r.targetReported}`;
  return fix(r.timeToTargetSeconds, 2);
}

/** The table as text; null when the jobs hold no tabular training job. */
export function benchmMlTable(jobs: JobResult[]): string | null {
  const all = ladderRows(jobs);
  if (all.length === 0) return null;
  // Runtimes that are unavailable on every size collapse into one footnote line each.
  const present = new Set(all.filter((r) => r.status !== 'unavailable').map((r) => r.runtime));
  const absent = [
    ...new Set(all.filter((r) => r.status === 'unavailable' && !present.has(r.runtime)).map((r) => r.runtime)),
  ];
  const rows = all.filter((r) => r.status !== 'unavailable');
  const repeated = rows.some((r) => r.runs > 2);
  const header = [
    'model',
    'tool/runtime',
    'size',
    'status',
    repeated ? 'train s (olympic)' : 'train s',
    'to target s',
    'peak RSS MiB',
    'AUC',
    'serve |dAUC|',
  ];
  const body = rows.map((r) => [
    r.model,
    r.runtime,
    r.size,
    r.status,
    fix(r.trainSeconds, 2),
    toTargetCell(r),
    fix(r.peakRssMb, 0),
    fix(r.auc, 4),
    r.servingMaxAbsDiff === null ? '-' : r.servingMaxAbsDiff.toExponential(1),
  ]);
  const datasets = [...new Set(jobs.filter((j) => j.suite === 'tabular' && j.dataset).map((j) => j.dataset!.id))];
  const on =
    datasets.length === 1 && datasets[0] === 'flights'
      ? 'flights; AUC on the 100k test slice'
      : `${datasets.join(', ') || 'flights'}; AUC on the test slice`;
  const targets = [...new Map(rows.filter((r) => r.targetAuc !== null).map((r) => [r.size, r.targetAuc!])).entries()]
    .map(([s, t]) => `${s} ${t}`)
    .join(', ');
  const notes = [
    "train s: full training (every epoch / lbfgs to convergence / every tree), loading and each tool's encoding excluded.",
    `to target s: training time until the test AUC after an epoch or boosting round first reached the target${targets ? ` (${targets})` : ''}; - = the tool reports no per-epoch AUC.`,
    ...(rows.some((r) => r.targetMissed > 0)
      ? ['missed k/n: k of n runs never reached the target; their time is missing, not averaged.']
      : []),
    "peak RSS: the training process's own peak resident set (getrusage ru_maxrss), its data included.",
    ...(absent.length ? [`unavailable here: ${absent.join(', ')} (reasons in the result file)`] : []),
  ];
  return `benchm-ml table (${on}${repeated ? '; times: olympic mean of the repeats' : ''}):\n${formatTable(header, body, [false, false, false, false, true, true, true, true, true])}\n${notes.join('\n')}`;
}
