/**
 * Accuracy vs train time: each training job's test-set accuracy metric (AUC for benchm-ml)
 * against its train time. Reads the newest run per machine: accuracy.value, accuracy.metric and
 * train.seconds; dataset.rows sizes the points.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, isMultiMachine, LOG_SCALE, measured, runtimeSeries, WIDE_PX } from './theme.js';

interface Row {
  series: string;
  model: string;
  metric: string;
  value: number;
  seconds: number;
  rows: number | null;
}

function rows(jobs: ReportJob[]): Row[] {
  const multi = isMultiMachine(jobs);
  return measured(jobs)
    .filter((j) => j.latest && j.train && j.train.seconds > 0 && j.accuracy && Number.isFinite(j.accuracy.value))
    .map((j) => ({
      series: runtimeSeries(j, multi),
      model: j.model,
      metric: j.accuracy!.metric,
      value: j.accuracy!.value,
      seconds: j.train!.seconds,
      rows: j.datasetRows,
    }));
}

export const accuracyVsTime: ChartDef = {
  id: 'accuracy-vs-time',
  title: 'Accuracy vs train time',
  description:
    'Test-set accuracy metric of each trained model against its training wall time (log scale); up and to the left is better. Point size grows with the training rows.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    const metrics = [...new Set(data.map((r) => (r.metric.length <= 4 ? r.metric.toUpperCase() : r.metric)))].join(
      ' / ',
    );
    const rowValues = [...new Set(data.map((r) => r.rows).filter((r): r is number => r !== null))].sort(
      (a, b) => a - b,
    );
    const unitless = data.every((r) => r.value >= 0 && r.value <= 1);
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title, subtitle: `metric: ${metrics}` },
      config: CHART_CONFIG,
      data: { values: data },
      width: WIDE_PX,
      height: 320,
      mark: { type: 'point', filled: true, opacity: 0.85 },
      encoding: {
        x: { field: 'seconds', type: 'quantitative', title: 'train time (s, log scale)', scale: LOG_SCALE },
        y: {
          field: 'value',
          type: 'quantitative',
          title: `${metrics} (${unitless ? 'unitless, 0–1' : 'metric units'})`,
          scale: { zero: false },
        },
        color: { field: 'series', type: 'nominal', title: 'runtime' },
        shape: { field: 'model', type: 'nominal', title: 'model' },
        size: {
          field: 'rows',
          type: 'quantitative',
          title: 'training rows',
          legend: { format: '~s', values: rowValues },
          scale: { type: 'log', range: [40, 260] },
        },
      },
    };
  },
};
