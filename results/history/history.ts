/**
 * `mlbench history`: the runs of each machine in order (by commit when every run records one the
 * local git history knows, else by start time), a trend per job x metric, the steps in each trend
 * (step-detect.ts) and the regressions among them. A step across which the job's settings, model
 * or inputs changed (results/compare/match.ts definitionDiff, between the runs either side of it,
 * or anywhere within the two levels) is `not comparable`, listed with what changed, never a
 * regression. Pure: result files in, a plain report out.
 */
import type { Better } from '../metrics.js';
import { isMeasured } from '../status.js';
import { runChoices } from '../run-choices.js';
import type { JobResult, ResultFile } from '../schema.js';
import { definitionDiff } from '../compare/match.js';
import { byName } from '../export/exporter.js';
import { measuresOf } from '../export/measures.js';
import { DEFAULT_STEP_THRESHOLD, detectSteps, type StepOptions } from './step-detect.js';

export interface HistoryRun {
  runId: string;
  file: string;
  machineId: string;
  startedAt: string;
  commit: string | null;
  dirty: boolean;
}

export interface TrendPoint {
  /** 1-based position of the run in its machine's ordered runs. */
  run: number;
  runId: string;
  startedAt: string;
  commit: string | null;
  value: number;
}

export interface HistoryStep {
  machineId: string;
  job: string;
  metric: string;
  unit: string;
  /** The first run after the step (1-based position in the machine's runs) and the last before it. */
  at: TrendPoint;
  lastBefore: TrendPoint;
  before: number;
  after: number;
  /** (after - before) / before. */
  change: number;
  kind: 'regression' | 'improvement' | 'not comparable';
  /** Settings, model or inputs that changed between the two levels (`null.latencyUs: 1000 → 1100`); empty when none did. */
  settingsChanged: string[];
}

export interface Trend {
  machineId: string;
  job: string;
  metric: string;
  unit: string;
  better: Better;
  points: TrendPoint[];
}

export interface HistoryReport {
  ordering: 'commit' | 'time';
  threshold: number;
  runs: HistoryRun[];
  trends: Trend[];
  regressions: HistoryStep[];
  improvements: HistoryStep[];
  /** Steps across which settings, model or inputs changed: not judged. */
  notComparable: HistoryStep[];
}

export interface HistoryOptions extends StepOptions {
  /** Commit -> position in the local history (oldest first), from `git rev-list`; absent: order by time. */
  commitOrder?: ReadonlyMap<string, number>;
}

/** Runs in order: by commit position (then time) when every run's commit is known, else by time. */
export function orderRuns(
  runs: HistoryRun[],
  commitOrder?: ReadonlyMap<string, number>,
): { runs: HistoryRun[]; ordering: 'commit' | 'time' } {
  const byTime = (a: HistoryRun, b: HistoryRun) =>
    a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId);
  const known = commitOrder && runs.length > 0 && runs.every((r) => r.commit !== null && commitOrder.has(r.commit));
  if (!known) return { runs: [...runs].sort(byTime), ordering: 'time' };
  return {
    runs: [...runs].sort((a, b) => commitOrder!.get(a.commit!)! - commitOrder!.get(b.commit!)! || byTime(a, b)),
    ordering: 'commit',
  };
}

export function buildHistory(
  results: Array<{ file: string; result: ResultFile }>,
  options: HistoryOptions = {},
): HistoryReport {
  // A merged file stands for its shards: count the run once.
  const mergedFrom = (result: ResultFile) => runChoices(result).mergedFrom;
  const merged = new Set(
    results.flatMap(({ result }) => (Array.isArray(mergedFrom(result)) ? (mergedFrom(result) as string[]) : [])),
  );
  const all = results
    .filter(({ result }) => !merged.has(result.runId))
    .map(({ file, result }) => ({
      result,
      run: {
        runId: result.runId,
        file,
        machineId: result.machine.id,
        startedAt: result.startedAt,
        commit: result.git?.commit ?? null,
        dirty: result.git?.dirty ?? false,
      },
    }));
  const { runs, ordering } = orderRuns(
    all.map((a) => a.run),
    options.commitOrder,
  );
  const trends = new Map<string, Trend>();
  /** The job behind each trend point (same key and index), for what changed at a step. */
  const definitions = new Map<string, JobResult[]>();
  for (const machineId of [...new Set(runs.map((r) => r.machineId))]) {
    const ordered = runs.filter((r) => r.machineId === machineId);
    ordered.forEach((run, i) => {
      const result = all.find((a) => a.run === run)!.result;
      const measured = result.jobs.filter((j) => isMeasured(j.status));
      for (const [job, jobs] of byName(measured)) {
        for (const m of measuresOf(jobs)) {
          const key = `${machineId}\u0000${job}\u0000${m.id}`;
          const trend = trends.get(key) ?? { machineId, job, metric: m.id, unit: m.unit, better: m.better, points: [] };
          trend.points.push({
            run: i + 1,
            runId: run.runId,
            startedAt: run.startedAt,
            commit: run.commit,
            value: m.value,
          });
          trends.set(key, trend);
          definitions.set(key, [...(definitions.get(key) ?? []), jobs[0]!]);
        }
      }
    });
  }
  const steps: HistoryStep[] = [];
  for (const [key, t] of trends) {
    const jobs = definitions.get(key)!;
    for (const s of detectSteps(
      t.points.map((p) => p.value),
      options,
    )) {
      const worse = t.better === 'lower' ? s.change > 0 : s.change < 0;
      const settingsChanged = changesAt(jobs, s.index);
      steps.push({
        machineId: t.machineId,
        job: t.job,
        metric: t.metric,
        unit: t.unit,
        at: t.points[s.index]!,
        lastBefore: t.points[s.index - 1]!,
        before: s.before,
        after: s.after,
        change: s.change,
        kind: settingsChanged.length ? 'not comparable' : worse ? 'regression' : 'improvement',
        settingsChanged,
      });
    }
  }
  return {
    ordering,
    threshold: options.threshold ?? DEFAULT_STEP_THRESHOLD,
    runs,
    trends: [...trends.values()],
    regressions: steps.filter((s) => s.kind === 'regression'),
    improvements: steps.filter((s) => s.kind === 'improvement'),
    notComparable: steps.filter((s) => s.kind === 'not comparable'),
  };
}

/** What changed in the job's definition at the step (between the runs either side of it). */
function changesAt(jobs: JobResult[], index: number): string[] {
  const diff = definitionDiff(jobs[index - 1]!, jobs[index]!, []);
  return [...diff.inputs, ...diff.changed, ...diff.knobs];
}
