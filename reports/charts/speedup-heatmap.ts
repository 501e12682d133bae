/**
 * Speed-up heatmap: one normalised chart for a whole suite instead of a panel per workload.
 * Rows are workloads, columns runtimes (best geometric mean first), and each cell is how many
 * times slower than the row's fastest runtime that runtime is (1.0 = fastest), coloured on a
 * log scale and labelled. Numbers come from reports/leaderboard.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { buildLeaderboard } from '../leaderboard.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, isMultiMachine } from './theme.js';

export const speedupHeatmap: ChartDef = {
  id: 'speedup-heatmap',
  title: 'Speed-up heatmap: times slower than the fastest runtime',
  description:
    "Each cell: median query latency (inference) or training time of a runtime divided by the fastest runtime's on that workload, from the newest run; 1.0 is the fastest. Columns are ordered by the geometric mean over workloads.",
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const board = buildLeaderboard(jobs, isMultiMachine(jobs));
    if (!board) return null;
    const values = board.rows.flatMap((r) =>
      Object.entries(r.cells).map(([runtime, c]) => ({
        workload: r.label,
        runtime,
        relative: c.relative,
        label: c.fastest ? 'fastest' : `${c.relative < 10 ? c.relative.toFixed(1) : c.relative.toFixed(0)}x`,
      })),
    );
    const x = {
      field: 'runtime',
      type: 'nominal' as const,
      title: null,
      sort: board.runtimes,
      axis: { orient: 'top' as const, labelAngle: -30, labelAlign: 'left' as const, labelLimit: 260 },
    };
    const y = {
      field: 'workload',
      type: 'nominal' as const,
      title: null,
      sort: board.rows.map((r) => r.label),
      axis: { labelLimit: 340 },
    };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: {
        text: this.title,
        subtitle: "cell: slowdown vs the row's fastest runtime; darker is slower (log colour scale)",
      },
      config: CHART_CONFIG,
      data: { values },
      width: { step: 130 },
      height: { step: 26 },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
          encoding: {
            x,
            y,
            color: {
              field: 'relative',
              type: 'quantitative',
              title: 'times slower (×)',
              scale: { type: 'log', scheme: 'orangered', domainMin: 1 },
              legend: { orient: 'right', format: '.2~r' },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 12 },
          encoding: {
            x,
            y,
            text: { field: 'label' },
            color: { condition: { test: 'datum.relative > 8', value: 'white' }, value: '#222' },
          },
        },
      ],
    };
  },
};
