/**
 * Generation: TTFT and TPOT per runtime (LoadGen's token latencies, p50 with the p99 as a tick),
 * one panel per workload and scenario, output tokens/s in the runtime's label. Reads the newest
 * run per machine; repeats reduce to their median.
 */
import type { TopLevelSpec } from 'vega-lite';
import { median } from '../../harness/measure/percentiles.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, groupBy, measured, WIDE_PX } from './theme.js';

interface Row {
  panel: string;
  runtime: string;
  measure: 'TTFT' | 'TPOT';
  p50Ms: number;
  p99Ms: number;
}

function rows(jobs: ReportJob[]): Row[] {
  const usable = measured(jobs).filter((j) => j.latest && j.generation);
  const out: Row[] = [];
  for (const group of groupBy(usable, (j) => `${j.machineId}/${j.key}`).values()) {
    const first = group[0]!;
    const tokensPerS = median(group.map((j) => j.generation!.outputTokensPerS));
    const runtime = `${first.runtime} (${tokensPerS.toFixed(tokensPerS < 10 ? 1 : 0)} tok/s)`;
    const panel = `${first.workload} · ${first.scenario}`;
    out.push({
      panel,
      runtime,
      measure: 'TTFT',
      p50Ms: median(group.map((j) => j.generation!.ttftP50Ns)) / 1e6,
      p99Ms: median(group.map((j) => j.generation!.ttftP99Ns)) / 1e6,
    });
    const tpot = group.filter((j) => j.generation!.tpotP50Ns !== null);
    if (tpot.length)
      out.push({
        panel,
        runtime,
        measure: 'TPOT',
        p50Ms: median(tpot.map((j) => j.generation!.tpotP50Ns!)) / 1e6,
        p99Ms: median(tpot.map((j) => j.generation!.tpotP99Ns!)) / 1e6,
      });
  }
  return out;
}

export const tokenLatency: ChartDef = {
  id: 'token-latency',
  title: 'Generation: time to first token and time per output token',
  description:
    'TTFT (issue to first token) and TPOT ((latency - TTFT) / (output tokens - 1)) per request, as MLPerf LoadGen defines them: bars are the p50, ticks the p99; output tokens/s beside each runtime. Shorter is faster.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title },
      config: CHART_CONFIG,
      data: { values: data },
      facet: {
        row: { field: 'panel', type: 'nominal', title: null },
        column: { field: 'measure', type: 'nominal', title: null, sort: ['TTFT', 'TPOT'] },
      },
      spec: {
        width: WIDE_PX / 2,
        height: { step: 22 },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              x: { field: 'p50Ms', type: 'quantitative', title: 'p50 (ms)' },
              color: { field: 'measure', type: 'nominal', legend: null },
            },
          },
          { mark: { type: 'tick', color: 'black' }, encoding: { x: { field: 'p99Ms', type: 'quantitative' } } },
        ],
        encoding: { y: { field: 'runtime', type: 'nominal', title: 'runtime' } },
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    };
  },
};
