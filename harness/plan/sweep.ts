/**
 * `--sweep <axis>=<v1>,<v2>,...`: the same workloads at several sizes, so a report can show where a
 * GPU runtime overtakes the CPU ones (results/crossover.ts). Axis `batch` sets the offline
 * scenario's batchSize per job (one job per value, workload id `<id>@batch<v>`); axis `seq`
 * (encoder sequence length) is `mlbench model <file> --seq`, which builds the input shapes from
 * the model's inputs. Pure: jobs in, jobs out.
 */
import { UsageError } from '../errors.js';
import type { Job } from '../types.js';

export const SWEEP_AXES = ['batch', 'seq'] as const;
export type SweepAxis = (typeof SWEEP_AXES)[number];

export interface SweepSpec {
  axis: SweepAxis;
  /** Positive integers, ascending, no repeats. */
  values: number[];
}

/** Parses `batch=1,2,4,8`; E_BAD_FLAG naming --sweep on anything else. */
export function parseSweep(text: string): SweepSpec {
  const m = /^\s*([a-z]+)\s*=\s*(.+)$/.exec(text);
  const axis = m?.[1] as SweepAxis | undefined;
  if (!m || !axis || !SWEEP_AXES.includes(axis)) {
    throw new UsageError(
      'E_BAD_FLAG',
      `--sweep ${text}: expected <axis>=<values> with axis ${SWEEP_AXES.join(' or ')}, e.g. --sweep batch=1,2,4,8,16`,
    );
  }
  const values = m[2]!
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map(Number);
  if (values.length < 2 || !values.every((v) => Number.isInteger(v) && v > 0 && v <= 1_000_000)) {
    throw new UsageError(
      'E_BAD_FLAG',
      `--sweep ${text}: expected two or more positive integers after "${axis}=", e.g. --sweep ${axis}=1,2,4,8`,
    );
  }
  return { axis, values: [...new Set(values)].sort((a, b) => a - b) };
}

/** The workload id of a job at one sweep value. */
export function sweptWorkloadId(base: string, axis: SweepAxis, value: number): string {
  return `${base}@${axis}${value}`;
}

/**
 * Expands the plan's jobs along a batch sweep: each offline inference job once per value, with
 * batchSize set to it and `workload.extra.sweep` recording {axis, value, base}. Workloads that
 * run the same model (a suite's batch-1 and batch-N variants) are swept once, preferring the one
 * that declares offline. Throws E_BAD_FLAG when nothing can be swept or the axis is `seq`.
 */
export function applySweep(jobs: Job[], sweep: SweepSpec): Job[] {
  if (sweep.axis === 'seq') {
    throw new UsageError(
      'E_BAD_FLAG',
      '--sweep seq=...: sequence length is an input shape of the model file; run `mlbench model <encoder.onnx> --seq 32,128,512 --runtime ort-node:cpu,ort-node:webgpu`, whose report draws the same crossover chart',
    );
  }
  const candidates = jobs.filter(
    (j) => j.workload.kind === 'inference' && j.scenario === 'offline' && j.workload.model.kind !== 'micro',
  );
  if (candidates.length === 0) {
    throw new UsageError(
      'E_BAD_FLAG',
      "--sweep batch=...: it varies the offline scenario's batch size, and no inference job of the plan runs offline; add --scenario offline (or leave --scenario out)",
    );
  }
  const chosen = new Map<string, Job>();
  for (const j of candidates) {
    const key = `${j.suite}\u0000${JSON.stringify(j.workload.model)}\u0000${j.runtime}\u0000${j.repeat}`;
    const seen = chosen.get(key);
    if (!seen || (!seen.workload.scenarios.includes('offline') && j.workload.scenarios.includes('offline')))
      chosen.set(key, j);
  }
  return [...chosen.values()].flatMap((j) =>
    sweep.values.map((value): Job => {
      const workloadId = sweptWorkloadId(j.workload.id, sweep.axis, value);
      return {
        ...j,
        id: j.id.replace(`/${j.workload.id}/`, `/${workloadId}/`),
        workload: {
          ...j.workload,
          id: workloadId,
          description: `${j.workload.description}; batch ${value} (sweep)`,
          extra: { ...j.workload.extra, sweep: { axis: sweep.axis, value, base: j.workload.id } },
        },
        settings: { ...j.settings, batchSize: value },
      };
    }),
  );
}
