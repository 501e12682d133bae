/**
 * The crossover chart: samples/s against the swept size (batch or sequence length), log-log, one
 * line per runtime, CPU runtimes solid and GPU runtimes dashed; a software adapter is named in its
 * series and in the subtitle. Reads crossoversOf (reports/crossover-view.ts): the newest run per
 * machine, repeats reduced to their median. Where the GPU line crosses above the fastest CPU line
 * is the crossover the report's sentence names.
 */
import type { TopLevelSpec } from 'vega-lite';
import { crossoversOf } from '../crossover-view.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, LOG_SCALE, WIDE_PX } from './theme.js';

interface Row {
  panel: string;
  series: string;
  device: string;
  value: number;
  samplesPerS: number;
}

export const crossover: ChartDef = {
  id: 'crossover',
  title: 'Where the GPU overtakes the CPU',
  description:
    'Throughput (samples/s) of each runtime at each swept size, log-log; CPU runtimes solid, GPU runtimes dashed. The GPU overtakes the CPU where its line rises above the highest solid line and stays there. Median over repeats of the newest run.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const views = crossoversOf(jobs);
    const multi = new Set(views.map((v) => v.machineLabel)).size > 1;
    const data: Row[] = views.flatMap((v) =>
      v.points.map((p) => ({
        panel: `${v.base} · ${v.axis === 'batch' ? 'batch' : 'sequence length'}${multi ? ` · ${v.machineLabel.split(':')[0]}` : ''}`,
        series: `${p.runtime} (${p.device === 'gpu' ? (p.software ? 'GPU: software adapter' : 'GPU') : 'CPU'})`,
        device: p.device.toUpperCase(),
        value: p.value,
        samplesPerS: p.samplesPerS,
      })),
    );
    if (!data.length) return null;
    const software = views.some((v) => v.points.some((p) => p.software));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: {
        text: this.title,
        subtitle: software
          ? 'SOFTWARE ADAPTER: a CPU rasterizer stands in for the GPU; these timings say nothing about GPU speed'
          : 'log-log; dashed: GPU runtimes',
      },
      config: CHART_CONFIG,
      data: { values: data },
      facet: { row: { field: 'panel', type: 'nominal', title: null } },
      spec: {
        width: WIDE_PX,
        height: 240,
        layer: [
          {
            mark: { type: 'line', strokeWidth: 2 },
            encoding: {
              x: {
                field: 'value',
                type: 'quantitative',
                title: 'batch size or sequence length (log scale)',
                scale: { ...LOG_SCALE, base: 2 },
              },
              y: { field: 'samplesPerS', type: 'quantitative', title: 'samples/s (log scale)', scale: LOG_SCALE },
              color: { field: 'series', type: 'nominal', title: 'runtime' },
              strokeDash: { field: 'device', type: 'nominal', title: 'device', sort: ['CPU', 'GPU'] },
            },
          },
          {
            mark: { type: 'point', filled: true, size: 50, opacity: 1 },
            encoding: {
              x: { field: 'value', type: 'quantitative' },
              y: { field: 'samplesPerS', type: 'quantitative' },
              color: { field: 'series', type: 'nominal' },
            },
          },
        ],
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    } as TopLevelSpec;
  },
};
