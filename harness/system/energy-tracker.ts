/**
 * A per-job energy and device-memory tracker, switched on around a job's measurement (the way
 * optimum-benchmark's trackers wrap a scenario): `start` before the scenario, `stop(queries)`
 * after it. It reads what the platform exposes (harness/system/energy.ts parses it):
 * - GPU jobs: `nvidia-smi -i <gpu> --query-gpu=memory.used,power.draw --format=csv,noheader
 *   -lms <interval>` runs beside the measurement -> peak device memory (device-wide, every process
 *   on the board, with the first sample as the baseline) and joules by the trapezoid rule.
 * - every job: RAPL package 0 (powercap energy_uj) read before and after -> CPU joules.
 * - elsewhere: `not exposed` with the reason (no nvidia-smi on PATH, the driver not answering,
 *   no RAPL counter, a root-only counter, a measurement shorter than two samples).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { JobResultFields } from '../../results/schema.js';
import { parseNvidiaSmiSamples, raplJoules, raplSource, summariseNvidiaSmi } from './energy.js';

/** nvidia-smi's sampling interval (ms): its loop mode's `-lms`. */
export const NVIDIA_SMI_INTERVAL_MS = 100;

export type JobEnergy = NonNullable<JobResultFields['energy']>;

export interface EnergyTracker {
  /** Ends sampling; `queries`: the queries measured meanwhile (for joules per query). */
  stop(queries: number): Promise<JobEnergy>;
}

export interface EnergyTrackerOptions {
  /** Sample nvidia-smi (GPU jobs). */
  gpu: boolean;
  /** The board nvidia-smi reads (`-i`); MLBENCH_NVIDIA_GPU, else 0. */
  gpuIndex?: string;
  intervalMs?: number;
  raplRoot?: string;
}

const perQuery = (joules: number | null, queries: number) =>
  joules === null || queries <= 0 ? null : joules / queries;

interface SmiHandle {
  stop(): Promise<{ text: string; failure: string | null }>;
}

function startNvidiaSmi(index: string, intervalMs: number): SmiHandle {
  let text = '';
  let stderr = '';
  let failure: string | null = null;
  let exited = false;
  const child = spawn(
    'nvidia-smi',
    ['-i', index, '--query-gpu=memory.used,power.draw', '--format=csv,noheader', '-lms', String(intervalMs)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (b: Buffer) => {
    text += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const closed = new Promise<void>((resolve) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      failure =
        err.code === 'ENOENT'
          ? 'no nvidia-smi on PATH (no NVIDIA driver on this machine)'
          : `nvidia-smi could not start: ${err.message}`;
      exited = true;
      resolve();
    });
    child.on('close', (code) => {
      // An exit before we stopped it: the driver did not answer (e.g. "couldn't communicate with the NVIDIA driver").
      if (!exited && code !== null && code !== 0)
        failure ??= `nvidia-smi exited with code ${code}: ${(stderr || text).trim().split('\n')[0] ?? ''}`;
      exited = true;
      resolve();
    });
  });
  return {
    async stop() {
      if (!exited) {
        exited = true;
        child.kill('SIGTERM');
      }
      await closed;
      return { text, failure };
    },
  };
}

/** Starts the tracker; it never throws: what cannot be read becomes `not exposed` with why. */
export function startEnergyTracker(options: EnergyTrackerOptions): EnergyTracker {
  const intervalMs = options.intervalMs ?? NVIDIA_SMI_INTERVAL_MS;
  const index = options.gpuIndex ?? process.env.MLBENCH_NVIDIA_GPU ?? '0';
  const smi = options.gpu ? startNvidiaSmi(index, intervalMs) : null;
  const rapl = raplSource(options.raplRoot);
  const read = (file: string) => readFileSync(file, 'utf8');
  const raplBefore = rapl.source === 'rapl' ? read(rapl.detail) : '';
  return {
    async stop(queries: number): Promise<JobEnergy> {
      let cpu: JobEnergy['cpu'];
      if (rapl.source === 'rapl') {
        const joules = raplJoules(
          raplBefore,
          read(rapl.detail),
          read(rapl.detail.replace('energy_uj', 'max_energy_range_uj')),
        );
        cpu = { source: 'rapl', detail: rapl.detail, joules, joulesPerQuery: perQuery(joules, queries) };
      } else cpu = { source: 'not exposed', reason: rapl.source === 'not exposed' ? rapl.reason : 'unknown' };
      if (!smi) return { cpu };
      const { text, failure } = await smi.stop();
      if (failure) return { cpu, gpu: { source: 'not exposed', reason: failure } };
      const samples = parseNvidiaSmiSamples(text);
      const s = summariseNvidiaSmi(samples, intervalMs);
      const gpu: JobEnergy['gpu'] = {
        source: 'nvidia-smi',
        detail: `nvidia-smi -i ${index}, every ${intervalMs} ms; memory is device-wide`,
        samples: samples.length,
        intervalMs,
        peakDeviceMemoryBytes: s.peakDeviceMemoryBytes,
        baselineDeviceMemoryBytes: samples[0]?.memoryUsedBytes ?? null,
        joules: s.joules,
        joulesPerQuery: perQuery(s.joules, queries),
        ...(s.joules === null
          ? {
              note:
                samples.length < 2
                  ? `fewer than 2 samples: the measurement was shorter than nvidia-smi's ${intervalMs} ms interval`
                  : 'the board reports no power.draw ([N/A])',
            }
          : {}),
      };
      return { cpu, gpu };
    },
  };
}
