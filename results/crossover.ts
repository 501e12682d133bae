/**
 * The crossover finder: over a sweep (`--sweep batch=...`, `mlbench model --seq`), where a GPU
 * runtime's throughput overtakes the fastest CPU runtime's, if it does. Pure: jobs in, points and
 * sentences out; the report draws the points (reports/charts/crossover.ts) and prints the sentences.
 *
 * Rule: at each swept value the fastest CPU runtime (highest samples/s among the CPU jobs there) is
 * the bar; the GPU runtime overtakes it at the smallest value from which it stays faster at every
 * larger value swept (so a lucky middle point is not a crossover). A software adapter's sentence
 * carries the software-adapter warning: its figures say nothing about GPU speed.
 */
import { median } from '../harness/measure/percentiles.js';
import { formatRuntimeId } from '../harness/common/format.js';
import { jobSoftwareWarning } from './adapter-label.js';
import type { JobResult } from './schema.js';

/** One runtime at one swept value (the median of its ok jobs' samples/s there). */
export interface CrossoverPoint {
  runtime: string;
  device: 'cpu' | 'gpu';
  /** The software-adapter warning of a GPU runtime on a CPU rasterizer, else null. */
  software: string | null;
  value: number;
  samplesPerS: number;
}

export interface Crossover {
  suite: string;
  /** The swept workload (without its `@batch<v>` suffix). */
  base: string;
  axis: 'batch' | 'seq';
  points: CrossoverPoint[];
  /** One sentence per GPU runtime. */
  sentences: string[];
}

const axisWord = (axis: 'batch' | 'seq') => (axis === 'batch' ? 'batch' : 'sequence length');
const rate = (v: number) => (v >= 100 ? v.toFixed(0) : v.toPrecision(3));

/** What the finder reads of a job: a result file's job (crossoverJobOf) or a report's. */
export interface CrossoverJob {
  suite: string;
  scenario: string;
  status: JobResult['status'];
  /** `runtime:backend`. */
  runtime: string;
  throughputPerS: number | null | undefined;
  sweep?: JobResult['sweep'] | null;
  /** The software-adapter warning, or null. */
  software: string | null;
}

/** A result file's job as the finder reads it. */
export function crossoverJobOf(j: JobResult): CrossoverJob {
  return {
    suite: j.suite,
    scenario: j.scenario,
    status: j.status,
    runtime: formatRuntimeId(j.runtime),
    throughputPerS: j.throughputPerS,
    sweep: j.sweep,
    software: jobSoftwareWarning(j),
  };
}

const runtimeOf = (j: CrossoverJob) => j.runtime;

/** The sentence for one GPU runtime against the fastest CPU runtime at each value. */
function sentence(gpu: CrossoverPoint[], cpuBest: Map<number, CrossoverPoint>, axis: 'batch' | 'seq'): string {
  const runtime = gpu[0]!.runtime;
  const label = gpu[0]!.software ? `${runtime} [software adapter]` : runtime;
  const shared = gpu.filter((p) => cpuBest.has(p.value)).sort((a, b) => a.value - b.value);
  const tail = gpu[0]!.software ? ` (${gpu[0]!.software}.)` : '';
  if (shared.length === 0)
    return `${label}: no CPU runtime ran the same ${axisWord(axis)}s, so there is nothing to cross.${tail}`;
  const ahead = shared.map((p) => p.samplesPerS > cpuBest.get(p.value)!.samplesPerS);
  let from = shared.length;
  while (from > 0 && ahead[from - 1]) from--;
  const first = shared[0]!.value;
  const last = shared.at(-1)!;
  const lastCpu = cpuBest.get(last.value)!;
  if (from === shared.length) {
    return `${label} does not overtake the fastest CPU runtime at any ${axisWord(axis)} from ${first} to ${last.value}: at ${axisWord(axis)} ${last.value} it reaches ${(last.samplesPerS / lastCpu.samplesPerS).toFixed(2)}x the fastest CPU runtime (${lastCpu.runtime}, ${rate(lastCpu.samplesPerS)} vs ${rate(last.samplesPerS)} samples/s).${tail}`;
  }
  const at = shared[from]!;
  const cpuAt = cpuBest.get(at.value)!;
  if (from === 0)
    return `${label} is faster than every CPU runtime at every ${axisWord(axis)} swept (${first}-${last.value}); at ${axisWord(axis)} ${first}: ${rate(at.samplesPerS)} vs ${rate(cpuAt.samplesPerS)} samples/s on ${cpuAt.runtime}.${tail}`;
  return `${label} overtakes the fastest CPU runtime at ${axisWord(axis)} ${at.value} (${rate(at.samplesPerS)} vs ${rate(cpuAt.samplesPerS)} samples/s on ${cpuAt.runtime}) and stays ahead up to ${last.value}.${tail}`;
}

/** Every sweep in `jobs` with both CPU and GPU runtimes (or either alone: points, no crossing). */
export function findCrossovers(jobs: readonly CrossoverJob[]): Crossover[] {
  const groups = new Map<string, CrossoverJob[]>();
  for (const j of jobs) {
    if (
      !j.sweep ||
      (j.status !== 'ok' && j.status !== 'invalid') ||
      typeof j.throughputPerS !== 'number' ||
      !(j.throughputPerS > 0)
    )
      continue;
    const key = `${j.suite}\u0000${j.sweep.base}\u0000${j.sweep.axis}\u0000${j.scenario}`;
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  const out: Crossover[] = [];
  for (const group of groups.values()) {
    const { suite } = group[0]!;
    const { base, axis } = group[0]!.sweep!;
    const byPoint = new Map<string, CrossoverJob[]>();
    for (const j of group)
      byPoint.set(`${runtimeOf(j)}\u0000${j.sweep!.value}`, [
        ...(byPoint.get(`${runtimeOf(j)}\u0000${j.sweep!.value}`) ?? []),
        j,
      ]);
    const points: CrossoverPoint[] = [...byPoint.values()]
      .map((js) => ({
        runtime: runtimeOf(js[0]!),
        device: js[0]!.sweep!.device,
        software: js[0]!.software,
        value: js[0]!.sweep!.value,
        samplesPerS: median(js.map((j) => j.throughputPerS!)),
      }))
      .sort((a, b) => a.runtime.localeCompare(b.runtime) || a.value - b.value);
    const cpuBest = new Map<number, CrossoverPoint>();
    for (const p of points)
      if (p.device === 'cpu' && p.samplesPerS > (cpuBest.get(p.value)?.samplesPerS ?? 0)) cpuBest.set(p.value, p);
    const gpuRuntimes = [...new Set(points.filter((p) => p.device === 'gpu').map((p) => p.runtime))];
    const sentences = gpuRuntimes.map((rt) =>
      sentence(
        points.filter((p) => p.runtime === rt),
        cpuBest,
        axis,
      ),
    );
    out.push({ suite, base, axis, points, sentences });
  }
  return out.sort((a, b) => a.suite.localeCompare(b.suite) || a.base.localeCompare(b.base));
}
