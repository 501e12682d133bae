/**
 * Terminal tables of the roofline view, printed after a run's summary table: micro jobs with
 * their GFLOP/s or GB/s, and inference jobs with achievedGflops, the percentage of the machine's
 * theoretical FP32 peak, the runtime's best measured matmul rate beside it, parity and cold start.
 */
import type { JobResult } from '../../results/schema.js';
import { formatTable } from '../common/format.js';
import { runtimeKeyOf } from './roofline.js';

const fixed = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));

/** `pass (1.2e-7)` with the max abs diff, `FAIL`, or `not checked (reference)` for the reference job itself. */
export function parityCell(parity: JobResult['parity']): string {
  if (!parity) return '-';
  if (!('pass' in parity)) return parity.note;
  return parity.pass ? `pass (${parity.maxAbsDiff.toExponential(1)})` : 'FAIL';
}

/** Micro jobs: op, size, runtime, figure. null when there are none. */
export function microTable(jobs: JobResult[]): string | null {
  // Runtimes unavailable here have no figures to show (the run names them once, at the start).
  const micro = jobs.filter((j) => j.model?.kind === 'micro' && j.status !== 'unavailable');
  if (micro.length === 0) return null;
  const rows = micro.map((j) => [
    String(j.model?.op ?? j.workload),
    j.micro?.label ?? j.workload.replace(`${String(j.model?.op ?? '')}-`, ''),
    runtimeKeyOf(j),
    j.status,
    j.micro?.bound === 'memory'
      ? `${fixed(j.achievedGBPerS)} GB/s`
      : j.achievedGflops !== undefined
        ? `${fixed(j.achievedGflops)} GFLOP/s`
        : '-',
  ]);
  return formatTable(['op', 'size', 'runtime', 'status', 'median call'], rows, [false, false, false, false, true]);
}

/** Inference jobs that counted FLOPs: GFLOP/s, % of the theoretical peak, measured matmul peak, parity, cold start. null when none. */
export function rooflineTable(jobs: JobResult[]): string | null {
  const inference = jobs.filter(
    (j) => j.kind === 'inference' && j.model?.kind !== 'micro' && j.achievedGflops !== undefined,
  );
  if (inference.length === 0) return null;
  const rows = inference.map((j) => [
    `${j.suite}/${j.workload}`,
    runtimeKeyOf(j),
    j.scenario,
    fixed(j.achievedGflops),
    j.peakPercent !== undefined ? `${j.peakPercent.toFixed(1)} %${j.peakWarning ? ' (estimate wrong)' : ''}` : '-',
    fixed(j.measuredPeakGflops),
    parityCell(j.parity),
    j.coldStart ? `${fixed(j.coldStart.sessionCreateMs, 0)} + ${fixed(j.coldStart.firstRunMs, 0)} ms` : '-',
  ]);
  const peak = inference.find((j) => j.peakEstimate)?.peakEstimate;
  const table = formatTable(
    ['job', 'runtime', 'scenario', 'GFLOP/s', '% FP32 peak', 'best matmul GFLOP/s', 'parity', 'create + first run'],
    rows,
    [false, false, false, true, true, true, false, true],
  );
  const note = peak
    ? `FP32 peak ${peak.gflops.toFixed(1)} GFLOP/s = ${peak.cores} cores x ${peak.clockGHz.toFixed(2)} GHz (${peak.clockSource}) x ${peak.flopsPerCycle} FLOPs/cycle (${peak.isa}, ${peak.fmaUnits} FMA units)`
    : 'FP32 peak unknown (no CPU clock): no percentages';
  const warnings = [...new Set(inference.flatMap((j) => (j.peakWarning ? [j.peakWarning] : [])))];
  return [table, note, ...warnings.map((w) => `warning: ${w}`)].join('\n');
}
