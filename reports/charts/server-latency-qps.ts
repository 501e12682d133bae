/**
 * Server latency vs QPS: p99 latency at each achieved QPS of a `--find-peak` search, one panel per
 * workload, with the latency bound as a dashed rule. Reads the newest run per machine:
 * findPeak.steps[{targetQps, achievedQps, p99Ns, valid}] and findPeak.latencyBoundNs (or the
 * job setting server.latencyBoundNs).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, isMultiMachine, LOG_SCALE, machineDash, measured, PANEL_PX } from './theme.js';

interface Row {
  panel: string;
  runtime: string;
  machine: string;
  achievedQps: number;
  targetQps: number;
  p99Ms: number;
  verdict: string;
  boundMs: number | null;
}

function rows(jobs: ReportJob[]): Row[] {
  const out: Row[] = [];
  for (const j of measured(jobs).filter((job) => job.latest && job.findPeakSteps.length)) {
    for (const s of j.findPeakSteps) {
      out.push({
        panel: j.workload,
        runtime: j.runtime,
        machine: j.machineLabel,
        achievedQps: s.achievedQps,
        targetQps: s.targetQps,
        p99Ms: s.p99Ns / 1e6,
        verdict: s.valid ? 'p99 within bound' : 'p99 over bound',
        boundMs: j.latencyBoundNs === null ? null : j.latencyBoundNs / 1e6,
      });
    }
  }
  return out;
}

export const serverLatencyQps: ChartDef = {
  id: 'server-latency-qps',
  title: 'Server scenario: p99 latency vs achieved QPS',
  description:
    'Each step of the --find-peak search: the QPS the system achieved under Poisson arrivals and the p99 latency it had there. The dashed line is the latency bound; the peak is the highest QPS still under it.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    const panels = new Set(data.map((r) => r.panel)).size;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title, subtitle: 'dashed line: latency bound' },
      config: CHART_CONFIG,
      data: { values: data },
      facet: { field: 'panel', type: 'nominal', title: null },
      columns: panels > 1 ? 2 : 1,
      spec: {
        width: PANEL_PX,
        height: 240,
        layer: [
          {
            mark: { type: 'line', point: false, strokeWidth: 1.5, opacity: 0.7 },
            encoding: {
              x: {
                field: 'achievedQps',
                type: 'quantitative',
                title: 'achieved QPS (queries/s)',
                axis: { format: '~s' },
              },
              y: { field: 'p99Ms', type: 'quantitative', title: 'p99 latency (ms, log scale)', scale: LOG_SCALE },
              color: { field: 'runtime', type: 'nominal', title: 'runtime' },
              ...machineDash(isMultiMachine(jobs)),
              detail: { field: 'machine', type: 'nominal' },
              order: { field: 'achievedQps' },
            },
          },
          {
            mark: { type: 'point', size: 70, filled: true },
            encoding: {
              x: { field: 'achievedQps', type: 'quantitative' },
              y: { field: 'p99Ms', type: 'quantitative' },
              color: { field: 'runtime', type: 'nominal', title: 'runtime' },
              shape: {
                field: 'verdict',
                type: 'nominal',
                title: 'step',
                scale: { domain: ['p99 within bound', 'p99 over bound'], range: ['circle', 'cross'] },
              },
            },
          },
          {
            transform: [
              { filter: 'datum.boundMs != null' },
              { aggregate: [{ op: 'max', field: 'boundMs', as: 'boundMs' }] },
            ],
            mark: { type: 'rule', strokeDash: [6, 4], color: '#b00' },
            encoding: { y: { field: 'boundMs', type: 'quantitative' } },
          },
        ],
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    };
  },
};
