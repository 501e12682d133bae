/**
 * Achieved GFLOP/s per runtime: model FLOPs (counted from the architecture) times queries per
 * second. Reads the newest run per machine: achievedGflops (and peakPct, the percentage of the
 * machine's measured peak, when a later suite records it); repeats reduce to their median.
 */
import type { TopLevelSpec } from 'vega-lite';
import { median } from '../../harness/measure/percentiles.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, groupBy, isMultiMachine, measured, WIDE_PX } from './theme.js';

interface Row {
  panel: string;
  runtime: string;
  machine: string;
  gflops: number;
}

function rows(jobs: ReportJob[]): Row[] {
  const usable = measured(jobs).filter((j) => j.latest && j.achievedGflops !== null && j.achievedGflops > 0);
  const out: Row[] = [];
  for (const group of groupBy(usable, (j) => `${j.machineId}/${j.key}`).values()) {
    const first = group[0]!;
    out.push({
      panel: `${first.workload} · ${first.scenario}`,
      runtime: first.runtime,
      machine: first.machineLabel,
      gflops: median(group.map((j) => j.achievedGflops!)),
    });
  }
  return out;
}

export const achievedGflops: ChartDef = {
  id: 'achieved-gflops',
  title: 'Achieved GFLOP/s per runtime',
  description:
    'Useful arithmetic per second: FLOPs of one forward pass (from the architecture description) times samples per second. Longer is faster.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    const multi = isMultiMachine(jobs);
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title },
      config: CHART_CONFIG,
      data: { values: data },
      facet: { row: { field: 'panel', type: 'nominal', title: null } },
      spec: {
        width: WIDE_PX,
        height: { step: multi ? 14 : 24 },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'runtime', type: 'nominal', title: 'runtime' },
          ...(multi ? { yOffset: { field: 'machine', type: 'nominal' as const } } : {}),
          x: { field: 'gflops', type: 'quantitative', title: 'achieved GFLOP/s (10⁹ floating-point operations/s)' },
          color: multi
            ? { field: 'machine', type: 'nominal', title: 'machine' }
            : { field: 'runtime', type: 'nominal', legend: null },
        },
      },
      resolve: { scale: { y: 'independent' } },
    };
  },
};
