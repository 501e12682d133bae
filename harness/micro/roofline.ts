/**
 * The roofline view. Every inference job with `achievedGflops` gets:
 * - `peakGflops`, `peakPercent` (= 100 x achievedGflops / peakGflops) and `peakEstimate`: the
 *   machine's theoretical FP32 peak (harness/system/metadata.ts fp32PeakEstimate), a ceiling no
 *   runtime can pass. A percentage above 100 is a bug in the estimate's inputs, and the job's
 *   `peakWarning` says so.
 * - beside it, `measuredPeakGflops` and `peakSource`: the best matmul rate the micro suite
 *   measured for the job's runtime on this machine (what the runtime's best kernel achieves).
 *
 * Data flow (done by the parent after a run, before the result file is written): measured
 * peaks come from the micro jobs of the same run first; a runtime the run has no matmul figure
 * for takes it from the newest earlier result file of the same machine id under the results
 * dir. Result files of other machines are never used: a peak is a fact about one machine.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { JobResult, Machine } from '../../results/schema.js';
import { readResult } from '../../results/store.js';
import { formatRuntimeId } from '../common/format.js';
import { describeRuntime } from '../runtimes/index.js';

/** One runtime's measured matmul peak and where it came from. */
export interface RuntimePeak {
  gflops: number;
  runId: string;
  job: string;
  sameRun: boolean;
  file?: string;
}

/** How many of the newest earlier result files are searched for missing peaks. */
const MAX_FILES_SEARCHED = 50;

/** `ort-node:cpu`, `tfjs:wasm`, `null`: the runtime id a job ran on. */
export const runtimeKeyOf = (job: JobResult): string => formatRuntimeId(job.runtime);

/** Best matmul achievedGflops per runtime among `jobs` (status ok). */
export function matmulPeaks(
  jobs: JobResult[],
  source: { runId: string; sameRun: boolean; file?: string },
): Map<string, RuntimePeak> {
  const peaks = new Map<string, RuntimePeak>();
  for (const j of jobs) {
    if (
      j.status !== 'ok' ||
      j.micro?.op !== 'matmul' ||
      !(typeof j.achievedGflops === 'number' && j.achievedGflops > 0)
    )
      continue;
    const key = runtimeKeyOf(j);
    const best = peaks.get(key);
    if (!best || j.achievedGflops > best.gflops) {
      peaks.set(key, {
        gflops: j.achievedGflops,
        runId: source.runId,
        job: j.id,
        sameRun: source.sameRun,
        ...(source.file ? { file: source.file } : {}),
      });
    }
  }
  return peaks;
}

type Fp32Peak = NonNullable<Machine['fp32Peak']>;

/** Runtimes on an accelerator (descriptor device `gpu`): the CPU's peak is not theirs, so they get no percentage of it. */
const onAccelerator = (runtimeId: string): boolean => describeRuntime(runtimeId)?.device === 'gpu';

/** The warning of a job above 100 % of the theoretical peak: the estimate's inputs are wrong. */
export function peakWarningOf(percent: number, peak: Fp32Peak): string | undefined {
  if (!(percent > 100)) return undefined;
  return (
    `${percent.toFixed(0)} % of the theoretical FP32 peak is impossible: the estimate's inputs are wrong ` +
    `(${peak.cores} cores x ${peak.clockGHz.toFixed(2)} GHz from ${peak.clockSource} x ${peak.flopsPerCycle} FLOPs/cycle from ${peak.isa}, ${peak.fmaUnits} FMA units); ` +
    'the likely culprit is a boost clock above the one read, or a FLOP count of the model that is too high'
  );
}

/**
 * The peak of a job that can use `threads` threads (its runtime's recorded count; null or 0 =
 * every core, as onnxruntime's default intra-op pool): the machine's peak scaled to
 * min(threads, physical cores) of its cores. A single-threaded tfjs:wasm job is rated against
 * one core, not the machine.
 */
export function jobPeak(machinePeak: Fp32Peak, threads: number | null | undefined): Fp32Peak {
  const cores = typeof threads === 'number' && threads > 0 ? Math.min(threads, machinePeak.cores) : machinePeak.cores;
  if (cores === machinePeak.cores) return machinePeak;
  return {
    ...machinePeak,
    gflops: (machinePeak.gflops * cores) / machinePeak.cores,
    cores,
    machineCores: machinePeak.cores,
  };
}

/**
 * Adds the theoretical peak (peakGflops, peakPercent, peakEstimate, peakWarning) and the
 * runtime's measured matmul peak (measuredPeakGflops, peakSource) to inference jobs (not micro ones).
 */
export function annotateRoofline(
  jobs: JobResult[],
  peaks: ReadonlyMap<string, RuntimePeak>,
  machinePeak?: Fp32Peak | null,
): JobResult[] {
  return jobs.map((j) => {
    if (j.kind !== 'inference' || j.micro || typeof j.achievedGflops !== 'number') return j;
    const out: JobResult = { ...j };
    const measured = peaks.get(runtimeKeyOf(j));
    if (measured) {
      const { gflops, ...source } = measured;
      out.measuredPeakGflops = gflops;
      out.peakSource = source;
    }
    if (machinePeak && !onAccelerator(runtimeKeyOf(j))) {
      const peak = jobPeak(machinePeak, j.runtime.threads);
      const percent = (100 * j.achievedGflops) / peak.gflops;
      out.peakGflops = peak.gflops;
      out.peakPercent = percent;
      out.peakEstimate = peak;
      const warning = peakWarningOf(percent, peak);
      if (warning) out.peakWarning = warning;
    }
    return out;
  });
}

/** Result files of one machine, newest first (run ids start with their ISO start time). */
async function machineResultFiles(resultsDir: string, machineId: string): Promise<string[]> {
  const dir = path.join(resultsDir, machineId);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .reverse()
    .map((n) => path.join(dir, n));
}

export interface RooflineContext {
  runId: string;
  /**
   * An explicit results folder (`--peaks-from`) whose earlier runs of this machine supply matmul
   * peaks this run lacks; absent, a run's numbers depend on its own jobs only.
   */
  resultsDir?: string;
  machineId: string;
  /** The machine's theoretical FP32 peak (Machine.fp32Peak); without it no percentage is given. */
  fp32Peak?: Fp32Peak | null;
}

/**
 * Peaks for the runtimes of `jobs`: this run's micro jobs first, then (only with `ctx.resultsDir`)
 * the newest earlier result of the same machine that has a matmul figure for a missing runtime.
 * Unreadable files are skipped.
 */
export async function findPeaks(jobs: JobResult[], ctx: RooflineContext): Promise<Map<string, RuntimePeak>> {
  const peaks = matmulPeaks(jobs, { runId: ctx.runId, sameRun: true });
  const wanted = new Set(
    jobs.filter((j) => j.kind === 'inference' && !j.micro && typeof j.achievedGflops === 'number').map(runtimeKeyOf),
  );
  const missing = () => [...wanted].filter((k) => !peaks.has(k));
  if (missing().length === 0 || ctx.resultsDir === undefined) return peaks;
  const files = (await machineResultFiles(ctx.resultsDir, ctx.machineId)).slice(0, MAX_FILES_SEARCHED);
  for (const file of files) {
    if (missing().length === 0) break;
    const result = await readResult(file).catch(() => null);
    if (!result || result.runId === ctx.runId) continue;
    for (const [key, peak] of matmulPeaks(result.jobs, { runId: result.runId, sameRun: false, file })) {
      if (wanted.has(key) && !peaks.has(key)) peaks.set(key, peak);
    }
  }
  return peaks;
}

/** findPeaks + annotateRoofline: what the parent calls on a run's jobs before writing them. */
export async function applyRoofline(jobs: JobResult[], ctx: RooflineContext): Promise<JobResult[]> {
  return annotateRoofline(jobs, await findPeaks(jobs, ctx), ctx.fp32Peak);
}
