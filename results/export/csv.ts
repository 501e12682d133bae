/**
 * The benchm-ml training table as CSV (github.com/szilard/benchm-ml: Tool, n, Time (sec),
 * RAM (GB), AUC), one row per model x tool x training size of the tabular suite, repeats
 * summarised as `mlbench run` prints them (harness/train/ladder-table.ts: olympic mean of times).
 * Quoting follows RFC 4180; it is three lines, so no CSV writer is added for it.
 */
import { ladderRows } from '../ladder-table.js';
import { sliceRows } from '../../harness/common/slice-rows.js';
import type { Exporter } from './exporter.js';

/** benchm-ml's columns first, as its README tables name them (AUC as a fraction, not a percentage); then ours. */
const HEADER = ['Tool', 'n', 'Time (sec)', 'RAM (GB)', 'AUC', 'Model', 'Time to target (sec)', 'Status', 'Runs'];

function field(v: string | number | null): string {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));

export const csvExporter: Exporter = {
  render(inputs) {
    const rows = ladderRows(inputs.flatMap((i) => i.result.jobs)).filter((r) => r.status !== 'unavailable');
    if (!rows.length) return [];
    const lines = [HEADER.join(',')];
    for (const r of rows) {
      lines.push(
        [
          r.runtime,
          sliceRows(`train_${r.size}`) ?? r.size,
          round(r.trainSeconds, 3),
          round(r.peakRssMb === null ? null : r.peakRssMb / 1024, 3),
          round(r.auc, 4),
          r.model,
          round(r.timeToTargetSeconds, 3),
          r.status,
          r.runs,
        ]
          .map(field)
          .join(','),
      );
    }
    return [{ name: 'benchm-ml.csv', content: `${lines.join('\n')}\n` }];
  },
};
