/**
 * The answer a report opens with, per suite: which runtime is fastest on each workload and by
 * how much, and the warnings that change how far to trust it.
 *
 * Speed is the median query latency (inference; raw samples or the HDR histogram, pooled over
 * repeats) or the median full training time (training). Each cell is relative to the fastest
 * runtime of its row (1.00 = fastest). Its 95% interval is conservative: each side's
 * distribution-free CI of the median (median-ci.ts) divided at opposite ends,
 * [low / high_fastest, high / low_fastest]; where a side has too few samples for a CI, none is given.
 * Runtimes are ranked by the geometric mean of their relative times over the rows they ran. The
 * null runtime (no computation) is left out.
 */
import { isBroken, isContender, pool, relativeToBest, speedMetricOf } from '../results/index.js';
import { medianCi } from './median-ci.js';
import type { ReportJob } from './model.js';
import { groupBy, measured } from './charts/theme.js';

export interface LeaderCell {
  /** Median query latency (ns) or training time (s): the row's unit. */
  value: number;
  low: number | null;
  high: number | null;
  /** value / fastest value of the row (>= 1), with its conservative 95% interval. */
  relative: number;
  relLow: number | null;
  relHigh: number | null;
  fastest: boolean;
}

export interface LeaderRow {
  /** `workload · scenario` (plus the machine when several are reported). */
  label: string;
  unit: 'ns' | 's';
  cells: Record<string, LeaderCell>;
}

export interface Leaderboard {
  /** Runtimes, best geometric-mean rank first. */
  runtimes: string[];
  geoMean: Record<string, number>;
  rows: LeaderRow[];
}

/** Generation rows: one per token latency, each ranked by its median over requests (LoadGen's TTFT and TPOT). */
const TOKEN_MEASURES = [
  ['TTFT', (j: ReportJob) => j.generation?.ttftNs ?? []],
  ['TPOT', (j: ReportJob) => j.generation?.tpotNs ?? []],
] as const;

/** The speed of one runtime on one row (speedMetricOf: median latency, training time, or a token latency), with its CI. */
export function speedSample(
  group: ReportJob[],
  measure?: (j: ReportJob) => number[],
): { value: number; low: number | null; high: number | null } | null {
  const first = group[0]!;
  if (measure) {
    const values = group.flatMap(measure);
    if (!values.length) return null;
    const ci = medianCi(values);
    return { value: ci.median, low: ci.low, high: ci.high };
  }
  if (first.kind === 'training') {
    const seconds = group.flatMap((j) => (j.train && j.train.seconds > 0 ? [j.train.seconds] : []));
    if (!seconds.length) return null;
    const ci = medianCi(seconds);
    return { value: ci.median, low: ci.low, high: ci.high };
  }
  const samples = group.flatMap((j) => (j.latencySample ? [j.latencySample.sample] : []));
  if (samples.length) {
    const ci = medianCi(pool(samples));
    return { value: ci.median, low: ci.low, high: ci.high };
  }
  return first.latencyNs ? { value: first.latencyNs.p50, low: null, high: null } : null;
}

/** The leaderboard of one suite's newest runs; null when fewer than two runtimes ran a workload. */
export function buildLeaderboard(jobs: ReportJob[], multiMachine: boolean): Leaderboard | null {
  const usable = measured(jobs).filter((j) => j.latest && j.status === 'ok' && isContender(j.runtime));
  const rows: LeaderRow[] = [];
  const byRow = groupBy(usable, (j) => `${j.machineId}/${j.workload}/${j.scenario}`);
  type RowSpec = { rowJobs: ReportJob[]; name: string; measure: ((j: ReportJob) => number[]) | undefined };
  const rowSpecs = [...byRow.values()].flatMap((rowJobs): RowSpec[] =>
    rowJobs[0]!.kind === 'generation'
      ? TOKEN_MEASURES.map(([name, measure]) => ({ rowJobs, name: ` · ${name}`, measure }))
      : [{ rowJobs, name: '', measure: undefined }],
  );
  for (const { rowJobs, name, measure } of rowSpecs) {
    const first = rowJobs[0]!;
    const metric = speedMetricOf(first);
    // A software adapter's jobs rank under their own label (`(software: llvmpipe)`), never as a GPU.
    const speeds = [...groupBy(rowJobs, (j) => j.rankedAs ?? j.runtime)].flatMap(([runtime, group]) => {
      const s = speedSample(group, measure);
      return s && s.value > 0 ? [{ runtime, ...s }] : [];
    });
    if (speeds.length < 2) continue;
    const relative = relativeToBest(
      speeds.map((s) => s.value),
      metric.better,
    );
    const best = speeds[relative.indexOf(Math.min(...relative))]!;
    const cells: Record<string, LeaderCell> = {};
    speeds.forEach((s, i) => {
      // Conservative interval of the ratio: the two medians' CIs divided at opposite ends (worse / better).
      const ci = s.low !== null && s.high !== null && best.low !== null && best.high !== null && s !== best;
      const [relLow, relHigh] = !ci
        ? [null, null]
        : metric.better === 'lower'
          ? [s.low! / best.high!, s.high! / best.low!]
          : [best.low! / s.high!, best.high! / s.low!];
      cells[s.runtime] = {
        value: s.value,
        low: s.low,
        high: s.high,
        relative: relative[i]!,
        relLow: relLow === null ? null : Math.max(relLow, 0),
        relHigh,
        fastest: s === best,
      };
    });
    const label = `${first.workload} · ${first.kind === 'training' ? 'training' : first.scenario}${name}${multiMachine ? ` · ${first.machineLabel.split(':')[0]}` : ''}`;
    rows.push({ label, unit: metric.unit as LeaderRow['unit'], cells });
  }
  if (!rows.length) return null;
  const all = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))];
  const geoMean = Object.fromEntries(
    all.map((rt) => {
      const rel = rows.flatMap((r) => (r.cells[rt] ? [Math.log(r.cells[rt].relative)] : []));
      return [rt, Math.exp(rel.reduce((a, b) => a + b, 0) / rel.length)];
    }),
  );
  return { runtimes: all.sort((a, b) => geoMean[a]! - geoMean[b]!), geoMean, rows };
}

/**
 * The warnings that matter for one suite, one line each: INVALID runs, parity failures, failed
 * jobs, unavailable runtimes (once each, with the reason), software adapters (llvmpipe: timings
 * that say nothing about GPU speed), known runtime faults with their repro, and a machine busy at the start.
 */
export function suiteWarnings(jobs: ReportJob[]): string[] {
  const latest = jobs.filter((j) => j.latest);
  const out: string[] = [];
  const names = (list: ReportJob[]) =>
    list
      .slice(0, 4)
      .map((j) => `${j.workload} on ${j.runtime} (${j.scenario})`)
      .join(', ') + (list.length > 4 ? `, and ${list.length - 4} more` : '');
  const invalid = latest.filter((j) => j.verdict === 'INVALID');
  if (invalid.length)
    out.push(`${invalid.length} INVALID run(s) by LoadGen rules, not comparable as results: ${names(invalid)}.`);
  const parity = latest.filter((j) => j.error?.code === 'E_PARITY');
  if (parity.length)
    out.push(`${parity.length} parity failure(s), outputs differ from the reference: ${names(parity)}.`);
  const failed = latest.filter((j) => isBroken(j.status) && j.error?.code !== 'E_PARITY');
  if (failed.length)
    out.push(
      `${failed.length} job(s) failed, crashed, timed out or ran out of memory: ${names(failed)} (see Failures).`,
    );
  // Unavailable runtimes: one line for all of them, each with the first clause of its reason.
  const unavailable = [
    ...groupBy(
      latest.filter((j) => j.status === 'unavailable'),
      (j) => j.runtime,
    ),
  ].map(
    ([runtime, group]) =>
      `${runtime} (${group.length}: ${(group[0]!.error?.message ?? 'no reason recorded')
        .split(/[\n;(]/)[0]!
        .trim()
        .slice(0, 90)})`,
  );
  if (unavailable.length) out.push(`Not available on this machine, not run: ${unavailable.join('; ')}.`);
  // A software adapter (llvmpipe): once per adapter, naming the runtimes that ran on it.
  for (const [warning, group] of groupBy(
    latest.filter((j) => j.softwareAdapter),
    (j) => j.softwareAdapter!,
  )) {
    out.push(
      `${[...new Set(group.map((j) => j.runtime))].join(', ')} ran on a software adapter (${group[0]!.adapter}): ${warning}. Not ranked as a GPU.`,
    );
  }
  // Known runtime faults: the runtime computes this op wrongly here (with the minimal repro).
  for (const [, group] of groupBy(
    latest.filter((j) => j.knownFault),
    (j) => `${j.runtime}/${j.knownFault!.id}`,
  )) {
    const f = group[0]!.knownFault!;
    out.push(
      `Known runtime fault, not your model: ${group[0]!.runtime} on ${group[0]!.adapter ?? 'this machine'}: the runtime computes this op wrongly here: ${f.op} (${f.signature}): ${f.message}. Repro: ${f.repro}. Affects ${names(group)}.`,
    );
  }
  return out;
}
