/**
 * Cold start breakdown: model load, session creation and first run, stacked, per runtime and
 * workload. Reads the newest run per machine: coldStart {loadMs, sessionCreateMs, firstRunMs};
 * each phase is the median over that run's jobs of the same workload and runtime (all scenarios
 * and repeats load the model afresh in their own process).
 */
import type { TopLevelSpec } from 'vega-lite';
import { median } from '../../harness/measure/percentiles.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, groupBy, isMultiMachine, measured, runtimeSeries, WIDE_PX } from './theme.js';

const PHASES = [
  { key: 'loadMs', label: '1 model load' },
  { key: 'sessionCreateMs', label: '2 session create' },
  { key: 'firstRunMs', label: '3 first run' },
] as const;

interface Row {
  panel: string;
  series: string;
  phase: string;
  order: number;
  ms: number;
}

function rows(jobs: ReportJob[]): Row[] {
  const multi = isMultiMachine(jobs);
  const usable = measured(jobs).filter((j) => j.latest && j.coldStart);
  const out: Row[] = [];
  for (const group of groupBy(usable, (j) => `${j.machineId}/${j.workload}/${j.runtime}`).values()) {
    const first = group[0]!;
    PHASES.forEach((phase, order) => {
      out.push({
        panel: first.workload,
        series: runtimeSeries(first, multi),
        phase: phase.label,
        order,
        ms: median(group.map((j) => j.coldStart![phase.key])),
      });
    });
  }
  return out;
}

export const coldStart: ChartDef = {
  id: 'cold-start',
  title: 'Cold start breakdown',
  description:
    'Time from a fresh process to the first answer, split into model load, session creation and the first run; reported apart from steady-state latency. Median over the jobs of the newest run.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title, subtitle: 'stacked: load + session create + first run' },
      config: CHART_CONFIG,
      data: { values: data },
      facet: { row: { field: 'panel', type: 'nominal', title: null } },
      spec: {
        width: WIDE_PX,
        height: { step: 24 },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'series', type: 'nominal', title: 'runtime' },
          x: { field: 'ms', type: 'quantitative', title: 'cold start time (ms)', stack: 'zero' },
          color: {
            field: 'phase',
            type: 'nominal',
            title: 'phase',
            sort: PHASES.map((p) => p.label),
            scale: { scheme: 'set2' },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    };
  },
};
