/**
 * What `mlbench run` prints after its summary when the run trained models: the benchm-ml table
 * for the tabular suite, and for other training jobs (vision) one row per job with the train
 * time, time to target, the test metric and the serving agreement of the exported model.
 */
import { formatTable } from '../common/format.js';
import type { JobResult } from '../../results/schema.js';
import { benchmMlTable } from './ladder-table.js';

/** The training tables of a run's jobs; null when none trained. */
export function trainingSummary(jobs: JobResult[]): string | null {
  const parts: string[] = [];
  const ladder = benchmMlTable(jobs);
  if (ladder) parts.push(ladder);
  const other = jobs.filter((j) => j.kind === 'training' && j.suite !== 'tabular' && j.status !== 'unavailable');
  if (other.length) {
    const fix = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '-');
    const rows = other.map((j) => {
      const acc = j.accuracy as Record<string, unknown> | undefined;
      return [
        `${j.suite}/${j.workload}`,
        `${j.runtime.id}:${j.runtime.backend}`,
        j.status,
        fix(j.train?.seconds, 2),
        fix(j.train?.timeToTargetSeconds, 2),
        String(j.train?.epochs ?? '-'),
        acc ? `${String(acc.metric)} ${fix(acc.value, 4)}` : '-',
        typeof acc?.servingMaxAbsDiff === 'number' ? acc.servingMaxAbsDiff.toExponential(1) : '-',
      ];
    });
    parts.push(
      `training (test metric; serve |d| = largest difference of the exported model across runtimes):\n${formatTable(
        ['job', 'runtime', 'status', 'train s', 'to target s', 'epochs', 'test metric', 'serve |d|'],
        rows,
        [false, false, false, true, true, true, false, true],
      )}`,
    );
  }
  return parts.length ? parts.join('\n\n') : null;
}
