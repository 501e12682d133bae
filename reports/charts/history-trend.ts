/**
 * History trend: each job's headline metric across the runs of one machine over time, one panel
 * per metric and unit. Reads every run (not only the newest): metric {name, value, unit}, else
 * latencyNs.p50; runStartedAt for the time axis. Only series seen in two or more runs are drawn.
 * Steps found in a series (results/history/step-detect.ts, the method of `mlbench history`) are
 * marked with a dashed rule at the first run after the step, labelled with the change.
 */
import type { TopLevelSpec } from 'vega-lite';
import { median } from '../../harness/measure/percentiles.js';
import { detectSteps } from '../../results/index.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, groupBy, linesWithPoints, measured, WIDE_PX, type LayerList } from './theme.js';

interface Row {
  /** Metric name; one panel each. */
  panel: string;
  unit: string;
  series: string;
  machine: string;
  startedAt: string;
  value: number;
}

/** The metric of a job in display units: ns-valued metrics are shown in ms. */
function headline(j: ReportJob): Headline | null {
  if (j.metric) {
    const isNs = j.metric.unit === 'ns';
    return {
      panel: j.metric.name,
      unit: isNs ? 'ms' : j.metric.unit,
      value: isNs ? j.metric.value / 1e6 : j.metric.value,
    };
  }
  if (j.latencyNs) return { panel: 'p50 latency', unit: 'ms', value: j.latencyNs.p50 / 1e6 };
  if (j.train) return { panel: 'train time', unit: 's', value: j.train.seconds };
  return null;
}

interface Headline {
  panel: string;
  unit: string;
  value: number;
}

function rows(jobs: ReportJob[]): Row[] {
  const out: Row[] = [];
  for (const series of groupBy(measured(jobs), (j) => `${j.machineId}/${j.key}`).values()) {
    const byRun = groupBy(series, (j) => j.runId);
    if (byRun.size < 2) continue;
    for (const runJobs of byRun.values()) {
      const values = runJobs.map(headline).filter((h): h is Headline => h !== null);
      if (!values.length) continue;
      const first = runJobs[0]!;
      out.push({
        panel: values[0]!.panel,
        unit: values[0]!.unit,
        series: `${first.workload} · ${first.runtime} · ${first.scenario}`,
        machine: first.machineLabel,
        startedAt: first.runStartedAt,
        value: median(values.map((v) => v.value)),
      });
    }
  }
  return out;
}

interface StepMark {
  panel: string;
  unit: string;
  series: string;
  startedAt: string;
  label: string;
}

/** Steps of every series (one machine, one job), in time order. */
function stepMarks(data: Row[]): StepMark[] {
  const marks: StepMark[] = [];
  for (const series of groupBy(data, (r) => `${r.panel}\u0000${r.unit}\u0000${r.machine}\u0000${r.series}`).values()) {
    const ordered = [...series].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    for (const step of detectSteps(ordered.map((r) => r.value))) {
      const at = ordered[step.index]!;
      marks.push({
        panel: at.panel,
        unit: at.unit,
        series: at.series,
        startedAt: at.startedAt,
        label: `${step.change >= 0 ? '+' : ''}${(step.change * 100).toFixed(1)}%`,
      });
    }
  }
  return marks;
}

export const historyTrend: ChartDef = {
  id: 'history-trend',
  title: 'History: headline metric across runs',
  description:
    'The headline metric of each job (LoadGen result: p90/p99 latency, samples/s, peak QPS, train time) in every run of the same machine, by run start time. Median over repeats within a run. Dashed rules mark steps (a change of level of 5% or more, found as mlbench history finds them).',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    const panels = [...new Map(data.map((r) => [`${r.panel} (${r.unit})`, r])).values()];
    const steps = stepMarks(data);
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title, subtitle: 'one line per workload · runtime · scenario; one panel per metric' },
      config: CHART_CONFIG,
      vconcat: panels.map(({ panel, unit }) => ({
        title: { text: panel, fontSize: 13, subtitle: '' },
        data: { values: data.filter((r) => r.panel === panel && r.unit === unit) },
        width: WIDE_PX,
        height: 200,
        layer: [
          ...linesWithPoints(
            {
              x: {
                field: 'startedAt',
                type: 'temporal',
                title: 'run start (UTC)',
                axis: { format: '%Y-%m-%d %H:%M', labelAngle: 0, tickCount: 6 },
                scale: { nice: false },
              },
              y: { field: 'value', type: 'quantitative', title: `value (${unit})`, scale: { zero: false } },
              color: { field: 'series', type: 'nominal', title: 'workload · runtime · scenario' },
            },
            new Set(data.map((r) => r.machine)).size > 1,
            50,
          ),
          ...stepLayers(steps.filter((m) => m.panel === panel && m.unit === unit)),
        ],
      })),
      resolve: { scale: { color: 'independent' } },
    };
  },
};

/** A dashed rule and a change label per step; none when the panel has no step. */
function stepLayers(marks: StepMark[]): LayerList {
  if (!marks.length) return [];
  const x = { field: 'startedAt', type: 'temporal' as const };
  const color = { field: 'series', type: 'nominal' as const };
  return [
    { data: { values: marks }, mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x, color } },
    {
      data: { values: marks },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, y: 0, fontSize: 11 },
      encoding: { x, color, text: { field: 'label', type: 'nominal' } },
    },
  ] as LayerList;
}
