/**
 * benchm-ml scaling: training time against training rows, log-log, one line per model and
 * runtime (and machine). Reads the newest run per machine: train.seconds and dataset.rows of
 * training jobs; repeats are reduced to their median.
 */
import type { TopLevelSpec } from 'vega-lite';
import { median } from '../../harness/measure/percentiles.js';
import type { ReportJob } from '../model.js';
import type { ChartDef } from './index.js';
import { CHART_CONFIG, groupBy, isMultiMachine, LOG_SCALE, linesWithPoints, measured, WIDE_PX } from './theme.js';

interface Row {
  series: string;
  machine: string;
  rows: number;
  seconds: number;
}

function rows(jobs: ReportJob[]): Row[] {
  const usable = measured(jobs).filter(
    (j) => j.latest && j.kind === 'training' && j.train && j.datasetRows && j.train.seconds > 0,
  );
  const out: Row[] = [];
  for (const group of groupBy(usable, (j) => `${j.machineId}/${j.key}/${j.datasetRows}`).values()) {
    const first = group[0]!;
    out.push({
      series: `${first.model} · ${first.runtime}`,
      machine: first.machineLabel,
      rows: first.datasetRows!,
      seconds: median(group.map((j) => j.train!.seconds)),
    });
  }
  return out;
}

export const trainingScaling: ChartDef = {
  id: 'training-scaling',
  title: 'Training time vs training rows (benchm-ml scaling)',
  description:
    'Wall time to train each model on growing training sets, log-log; a slope of 1 is linear scaling. Median over repeats of the newest run on each machine.',
  spec(jobs: ReportJob[]): TopLevelSpec | null {
    const data = rows(jobs);
    if (!data.length) return null;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: this.title, subtitle: 'log-log; one line per model and runtime' },
      config: CHART_CONFIG,
      data: { values: data },
      width: WIDE_PX,
      height: 320,
      layer: linesWithPoints(
        {
          x: {
            field: 'rows',
            type: 'quantitative',
            title: 'training rows (log scale)',
            scale: LOG_SCALE,
            axis: { format: '~s' },
          },
          y: { field: 'seconds', type: 'quantitative', title: 'train time (s, log scale)', scale: LOG_SCALE },
          color: { field: 'series', type: 'nominal', title: 'model · runtime' },
        },
        isMultiMachine(jobs),
        60,
      ),
    };
  },
};
