/**
 * The precision table: per model, a precision x runtime grid of speed (median query latency and
 * x vs fp32 on the same runtime, above 1 = faster) and accuracy change (the error against the
 * float64 reference, normalized max |a - r| / RMS(r), beside its stated bound; top-1 agreement;
 * the accuracy metric's change vs fp32 where a job scored one). Built from jobs whose zoo model
 * names a precision (`params.precision`); a model appears when it ran at two or more precisions.
 * Newest run per machine only. Unavailable pairs show their reason.
 */
import { groupBy } from './charts/theme.js';
import { speedSample } from './leaderboard.js';
import type { ReportJob } from './model.js';

export interface PrecisionCell {
  runtime: string;
  status: string;
  latencyNs: number | null;
  /** fp32 latency / this latency on the same runtime (null: no fp32 or no latency). */
  speedupVsFp32: number | null;
  normalizedMaxError: number | null;
  bound: number | null;
  withinBound: boolean | null;
  top1Agreement: number | null;
  /** accuracy.value - fp32's accuracy.value on the same runtime (trained models scored on labels). */
  accuracyDelta: number | null;
  reason: string | null;
}

export interface PrecisionTableModel {
  label: string;
  runtimes: string[];
  rows: Array<{ precision: string; cells: PrecisionCell[] }>;
}

const ORDER = ['fp32', 'fp16', 'int8', 'int8w'];

export function buildPrecisionTables(jobs: ReportJob[]): PrecisionTableModel[] {
  const withPrecision = jobs.filter((j) => j.latest && j.precisionOf);
  const out: PrecisionTableModel[] = [];
  for (const group of groupBy(
    withPrecision,
    (j) => `${j.machineId}\u0000${j.suite}\u0000${j.precisionOf!.family}\u0000${j.scenario}`,
  ).values()) {
    const precisions = [...new Set(group.map((j) => j.precisionOf!.precision))].sort(
      (a, b) => ORDER.indexOf(a) - ORDER.indexOf(b),
    );
    if (precisions.length < 2) continue;
    const runtimes = [...new Set(group.map((j) => j.runtime))].sort();
    const at = (p: string, r: string) => group.filter((j) => j.precisionOf!.precision === p && j.runtime === r);
    const latency = (js: ReportJob[]) => {
      const ok = js.filter((j) => j.status === 'ok' || j.status === 'invalid');
      return ok.length ? (speedSample(ok)?.value ?? null) : null;
    };
    const rows = precisions.map((precision) => ({
      precision,
      cells: runtimes.map((runtime): PrecisionCell => {
        const js = at(precision, runtime);
        const j = js[0];
        const base = latency(at('fp32', runtime));
        const lat = latency(js);
        const fp32Accuracy = at('fp32', runtime)[0]?.accuracy;
        const e = j?.precisionOf?.error ?? null;
        return {
          runtime,
          status: j?.status ?? 'not run',
          latencyNs: lat,
          speedupVsFp32: base && lat ? base / lat : null,
          normalizedMaxError: e?.normalizedMaxError ?? null,
          bound: e?.bound ?? null,
          withinBound: e?.withinBound ?? null,
          top1Agreement: e?.top1Agreement ?? null,
          accuracyDelta:
            j?.accuracy && fp32Accuracy && fp32Accuracy.metric === j.accuracy.metric
              ? j.accuracy.value - fp32Accuracy.value
              : null,
          reason: j && j.status !== 'ok' && j.status !== 'invalid' ? (j.error?.message ?? null) : null,
        };
      }),
    }));
    out.push({
      label: `${group[0]!.precisionOf!.label} · ${group[0]!.scenario}${new Set(withPrecision.map((j) => j.machineId)).size > 1 ? ` · ${group[0]!.machineLabel}` : ''}`,
      runtimes,
      rows,
    });
  }
  return [...out, ...trainedTables(jobs)].sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Trained models scored at other precisions (train.servePrecisions): one table per training job,
 * fp32 and each precision on the runtime that scored them, with the metric's change vs fp32
 * (accuracy only: these are scoring passes, not timed).
 */
function trainedTables(jobs: ReportJob[]): PrecisionTableModel[] {
  return jobs
    .filter((j) => j.latest && j.trainedPrecisions?.length)
    .map((j) => {
      const scores = j.trainedPrecisions!;
      const runtimes = [...new Set(scores.map((s) => s.runtime))].sort();
      const cell = (runtime: string, delta: number | null, status: string, reason: string | null): PrecisionCell => ({
        runtime,
        status,
        latencyNs: null,
        speedupVsFp32: null,
        normalizedMaxError: null,
        bound: null,
        withinBound: null,
        top1Agreement: null,
        accuracyDelta: delta,
        reason,
      });
      const rows = [
        { precision: 'fp32', cells: runtimes.map((r) => cell(r, 0, 'ok', null)) },
        ...scores.map((s) => ({
          precision: s.precision,
          cells: runtimes.map((r) =>
            r === s.runtime
              ? cell(r, s.changeVsFp32 ?? null, s.status, s.reason ?? null)
              : cell(r, null, 'not run', null),
          ),
        })),
      ];
      return {
        label: `${j.workload} (trained on ${j.runtime}, ${j.accuracy?.metric ?? 'metric'} change vs fp32)`,
        runtimes,
        rows,
      };
    });
}
