/**
 * Runtime comparison: median query latency per runtime, one panel per workload and scenario,
 * as dots on a log axis (runtimes here differ by up to 1000x, which bars from zero on a linear
 * axis flatten into invisibility),
 * with 95% confidence whiskers (reports/median-ci.ts). Machines sit side by side within a panel.
 * Reads the newest run per machine: each job's latency sample (raw samples, or the HDR histogram
 * when they were capped; pooled over repeats), else latencyNs.p50 (no whisker).
 */
import type { TopLevelSpec } from 'vega-lite';
import { pool } from '../../results/index.js';
import { medianCi } from '../median-ci.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, groupBy, isMultiMachine, measured, WIDE_PX } from './theme.js';

interface Row {
  panel: string;
  runtime: string;
  machine: string;
  medianMs: number;
  lowMs: number | null;
  highMs: number | null;
  n: number;
}

function rows(jobs: ReportJob[]): Row[] {
  const usable = measured(jobs).filter((j) => j.latest && j.kind === 'inference' && (j.latencySample || j.latencyNs));
  const out: Row[] = [];
  for (const group of groupBy(usable, (j) => `${j.machineId}/${j.key}`).values()) {
    const first = group[0]!;
    const samples = group.flatMap((j) => (j.latencySample ? [j.latencySample.sample] : []));
    const base = {
      panel: `${first.workload} · ${first.scenario}`,
      runtime: first.runtime,
      machine: first.machineLabel,
    };
    if (samples.length) {
      const ci = medianCi(pool(samples));
      out.push({
        ...base,
        medianMs: ci.median / 1e6,
        lowMs: ci.low === null ? null : ci.low / 1e6,
        highMs: ci.high === null ? null : ci.high / 1e6,
        n: ci.n,
      });
    } else {
      out.push({ ...base, medianMs: first.latencyNs!.p50 / 1e6, lowMs: null, highMs: null, n: 0 });
    }
  }
  return out;
}

export const runtimeComparison: ChartDef = {
  id: 'runtime-comparison',
  title: 'Runtime comparison: median query latency',
  description:
    'Median latency of one query per runtime (dots, log scale) with a 95% distribution-free confidence interval of the median (whiskers), from the raw samples of the newest run on each machine. Shorter is faster.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    const multi = isMultiMachine(jobs);
    const y = { field: 'runtime', type: 'nominal' as const, title: 'runtime', sort: 'ascending' as const };
    const yOffset = multi ? { yOffset: { field: 'machine', type: 'nominal' as const } } : {};
    const color = multi
      ? { field: 'machine', type: 'nominal' as const, title: 'machine' }
      : { field: 'runtime', type: 'nominal' as const, title: 'runtime', legend: null };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title, subtitle: 'dots: median; whiskers: 95% CI of the median; log scale' },
      config: CHART_CONFIG,
      data: { values: data },
      facet: { row: { field: 'panel', type: 'nominal', title: null } },
      spec: {
        width: WIDE_PX,
        height: { step: multi ? 14 : 24 },
        layer: [
          {
            mark: { type: 'point', filled: true, size: 90, opacity: 1 },
            encoding: {
              y,
              ...yOffset,
              x: {
                field: 'medianMs',
                type: 'quantitative',
                title: 'median query latency (ms, log scale)',
                scale: { type: 'log' },
              },
              color,
            },
          },
          {
            transform: [{ filter: 'datum.lowMs != null' }],
            mark: { type: 'errorbar', ticks: true, color: '#222' },
            encoding: {
              y,
              ...yOffset,
              x: {
                field: 'lowMs',
                type: 'quantitative',
                title: 'median query latency (ms, log scale)',
                scale: { type: 'log' },
              },
              x2: { field: 'highMs' },
            },
          },
        ],
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    };
  },
};
