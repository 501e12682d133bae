/**
 * Latency distribution: latency at each percentile (HdrHistogram-style percentile plot), both
 * axes on log scales, one panel per workload and scenario, one line per runtime (and machine).
 * Reads the newest run per machine: each job's latency sample (raw samples, or the HDR histogram
 * when they were capped; LoadGen percentile method), else latencyNs.
 */
import type { TopLevelSpec } from 'vega-lite';
import { pool, quantile } from '../../results/index.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, groupBy, isMultiMachine, LOG_SCALE, linesWithPoints, measured, PANEL_PX } from './theme.js';

const PERCENTILES = [0.5, 0.75, 0.9, 0.95, 0.97, 0.99, 0.999, 0.9999];

interface Row {
  panel: string;
  runtime: string;
  machine: string;
  percentile: number;
  /** 1 / (1 - p): 2 at the median, 100 at p99; the x axis is log of this. */
  tailInverse: number;
  latencyMs: number;
}

function rows(jobs: ReportJob[]): Row[] {
  const usable = measured(jobs).filter((j) => j.latest && (j.latencySample || j.latencyNs));
  const out: Row[] = [];
  for (const group of groupBy(usable, (j) => `${j.machineId}/${j.key}`).values()) {
    const first = group[0]!;
    const base = {
      panel: `${first.workload} · ${first.scenario}`,
      runtime: first.runtime,
      machine: first.machineLabel,
    };
    const samples = group.flatMap((j) => (j.latencySample ? [j.latencySample.sample] : []));
    const points: Array<[number, number]> = [];
    if (samples.length) {
      const pooled = pool(samples);
      // Only percentiles with at least one sample beyond them are shown (no extrapolated tail).
      for (const p of PERCENTILES) if (pooled.n * (1 - p) >= 1) points.push([p, quantile(pooled, p)]);
    } else {
      const l = first.latencyNs!;
      points.push([0.5, l.p50], [0.9, l.p90], [0.95, l.p95], [0.97, l.p97], [0.99, l.p99], [0.999, l.p999]);
    }
    for (const [p, ns] of points)
      out.push({ ...base, percentile: p * 100, tailInverse: 1 / (1 - p), latencyMs: ns / 1e6 });
  }
  return out;
}

export const latencyDistribution: ChartDef = {
  id: 'latency-distribution',
  title: 'Latency distribution by percentile',
  description:
    'Query latency at each percentile, from raw samples (LoadGen percentile method: sorted[floor(n·p)]), on log-log axes so the tail is visible. A percentile is drawn only when at least one sample lies beyond it.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    const panels = new Set(data.map((r) => r.panel)).size;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title, subtitle: 'x: percentile of queries (log of 1/(1-p)); y: latency (log)' },
      config: CHART_CONFIG,
      data: { values: data },
      facet: { field: 'panel', type: 'nominal', title: null },
      columns: panels > 1 ? 2 : 1,
      spec: {
        width: PANEL_PX,
        height: 220,
        layer: linesWithPoints(
          {
            x: {
              field: 'tailInverse',
              type: 'quantitative',
              title: 'percentile (%)',
              scale: { type: 'log', nice: false, padding: 12 },
              axis: { values: [2, 10, 100, 1000, 10000], labelExpr: "format(100 - 100 / datum.value, '.4~g') + '%'" },
            },
            y: { field: 'latencyMs', type: 'quantitative', title: 'latency (ms, log scale)', scale: LOG_SCALE },
            color: { field: 'runtime', type: 'nominal', title: 'runtime' },
          },
          isMultiMachine(jobs),
          36,
        ),
      },
      resolve: { scale: { y: 'independent' } },
    };
  },
};
