/**
 * Terminal tables of the roofline view, printed after a run's summary table: micro jobs with
 * their GFLOP/s or GB/s, and inference jobs with achievedGflops, the runtime's measured matmul
 * peak and the percentage of it, plus parity and cold start.
 */
import type { JobResult } from '../../results/schema.js';
import { formatTable } from '../common/format.js';
import { runtimeKeyOf } from './roofline.js';

const fixed = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));

/** Micro jobs: op, size, runtime, figure. null when there are none. */
export function microTable(jobs: JobResult[]): string | null {
  const micro = jobs.filter((j) => j.model?.kind === 'micro');
  if (micro.length === 0) return null;
  const rows = micro.map((j) => [
    String(j.model?.op ?? j.workload),
    j.micro?.label ?? j.workload,
    runtimeKeyOf(j),
    j.status,
    j.micro?.bound === 'memory' ? `${fixed(j.achievedGBPerS)} GB/s` : j.achievedGflops !== undefined ? `${fixed(j.achievedGflops)} GFLOP/s` : '-',
  ]);
  return formatTable(['op', 'size', 'runtime', 'status', 'median call'], rows, [false, false, false, false, true]);
}

/** Inference jobs that counted FLOPs: GFLOP/s, % of peak, parity, cold start. null when none. */
export function rooflineTable(jobs: JobResult[]): string | null {
  const inference = jobs.filter((j) => j.kind === 'inference' && j.model?.kind !== 'micro' && j.achievedGflops !== undefined);
  if (inference.length === 0) return null;
  const rows = inference.map((j) => [
    `${j.suite}/${j.workload}`,
    runtimeKeyOf(j),
    j.scenario,
    fixed(j.achievedGflops),
    fixed(j.peakGflops),
    j.peakPercent !== undefined ? `${j.peakPercent.toFixed(1)} %` : '-',
    j.parity ? (j.parity.pass ? `pass (${j.parity.maxAbsDiff.toExponential(1)})` : 'FAIL') : '-',
    j.coldStart ? `${fixed(j.coldStart.sessionCreateMs, 0)} + ${fixed(j.coldStart.firstRunMs, 0)} ms` : '-',
  ]);
  return formatTable(['job', 'runtime', 'scenario', 'GFLOP/s', 'peak', '% peak', 'parity', 'create + first run'], rows,
    [false, false, false, true, true, true, false, true]);
}
