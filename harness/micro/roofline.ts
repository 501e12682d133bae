/**
 * The roofline view: each runtime's best matmul figure from the micro suite is that runtime's
 * measured peak on this machine, and every inference job with `achievedGflops` gets
 * `peakGflops`, `peakPercent` (= 100 x achievedGflops / peakGflops) and `peakSource`.
 *
 * Data flow (done by the parent after a run, before the result file is written): peaks come
 * from the micro jobs of the same run first; a runtime the run has no matmul figure for takes
 * it from the newest earlier result file of the same machine id under the results dir. Result
 * files of other machines are never used: a peak is a fact about one machine.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { JobResult } from '../../results/schema.js';
import { readResult } from '../../results/store.js';
import { formatRuntimeId } from '../common/format.js';

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
export function matmulPeaks(jobs: JobResult[], source: { runId: string; sameRun: boolean; file?: string }): Map<string, RuntimePeak> {
  const peaks = new Map<string, RuntimePeak>();
  for (const j of jobs) {
    if (j.status !== 'ok' || j.micro?.op !== 'matmul' || !(typeof j.achievedGflops === 'number' && j.achievedGflops > 0)) continue;
    const key = runtimeKeyOf(j);
    const best = peaks.get(key);
    if (!best || j.achievedGflops > best.gflops) {
      peaks.set(key, { gflops: j.achievedGflops, runId: source.runId, job: j.id, sameRun: source.sameRun, ...(source.file ? { file: source.file } : {}) });
    }
  }
  return peaks;
}

/** Adds peakGflops, peakPercent and peakSource to inference jobs (not micro ones) with a known peak. */
export function annotateRoofline(jobs: JobResult[], peaks: ReadonlyMap<string, RuntimePeak>): JobResult[] {
  return jobs.map((j) => {
    if (j.kind !== 'inference' || j.micro || typeof j.achievedGflops !== 'number') return j;
    const peak = peaks.get(runtimeKeyOf(j));
    if (!peak) return j;
    const { gflops, ...source } = peak;
    return { ...j, peakGflops: gflops, peakPercent: (100 * j.achievedGflops) / gflops, peakSource: source };
  });
}

/** Result files of one machine, newest first (run ids start with their ISO start time). */
async function machineResultFiles(resultsDir: string, machineId: string): Promise<string[]> {
  const dir = path.join(resultsDir, machineId);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.json')).sort().reverse().map((n) => path.join(dir, n));
}

export interface RooflineContext {
  runId: string;
  resultsDir: string;
  machineId: string;
}

/**
 * Peaks for the runtimes of `jobs`: this run's micro jobs first, then the newest earlier result
 * of the same machine that has a matmul figure for a missing runtime. Unreadable files are skipped.
 */
export async function findPeaks(jobs: JobResult[], ctx: RooflineContext): Promise<Map<string, RuntimePeak>> {
  const peaks = matmulPeaks(jobs, { runId: ctx.runId, sameRun: true });
  const wanted = new Set(jobs.filter((j) => j.kind === 'inference' && !j.micro && typeof j.achievedGflops === 'number').map(runtimeKeyOf));
  const missing = () => [...wanted].filter((k) => !peaks.has(k));
  if (missing().length === 0) return peaks;
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
  return annotateRoofline(jobs, await findPeaks(jobs, ctx));
}
