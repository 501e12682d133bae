/**
 * Device memory and energy where the platform exposes them, as pure parsers plus a reader:
 * - NVIDIA: `nvidia-smi --query-gpu=memory.used,power.draw --format=csv` (nvidia-smi(1), "GPU
 *   attributes": memory.used in MiB, power.draw in W, `[N/A]` where the board does not report
 *   it), sampled during measurement -> peak device memory and joules (trapezoid over the samples).
 * - CPU: RAPL from /sys/class/powercap/intel-rapl:<n>/energy_uj (Linux powercap sysfs ABI,
 *   Documentation/power/powercap/powercap.rst: a cumulative counter in microjoules that wraps at
 *   max_energy_range_uj).
 * - Elsewhere: `not exposed`, with the reason.
 */
import { readFileSync } from 'node:fs';

export interface NvidiaSmiSample {
  memoryUsedBytes: number | null;
  powerDrawW: number | null;
}

/** Rows of `nvidia-smi --query-gpu=memory.used,power.draw --format=csv` (header optional; units and [N/A] handled). */
export function parseNvidiaSmiSamples(csv: string): NvidiaSmiSample[] {
  const value = (cell: string | undefined): number | null => {
    const m = /^\s*([\d.]+)/.exec(cell ?? '');
    return m ? Number(m[1]) : null;
  };
  return csv
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^memory\.used/.test(l))
    .map((line) => {
      const [mem, power] = line.split(',');
      const mib = value(mem);
      return { memoryUsedBytes: mib === null ? null : mib * 2 ** 20, powerDrawW: value(power) };
    });
}

/** Peak device memory and energy of samples taken every `intervalMs` (trapezoid rule; unknown power is skipped). */
export function summariseNvidiaSmi(
  samples: NvidiaSmiSample[],
  intervalMs: number,
): { peakDeviceMemoryBytes: number | null; joules: number | null } {
  const mem = samples.flatMap((s) => (s.memoryUsedBytes === null ? [] : [s.memoryUsedBytes]));
  const power = samples.flatMap((s) => (s.powerDrawW === null ? [] : [s.powerDrawW]));
  let joules = 0;
  for (let i = 1; i < power.length; i++) joules += ((power[i - 1]! + power[i]!) / 2) * (intervalMs / 1000);
  return { peakDeviceMemoryBytes: mem.length ? Math.max(...mem) : null, joules: power.length > 1 ? joules : null };
}

/** Joules between two energy_uj readings, unwrapping once at max_energy_range_uj. */
export function raplJoules(beforeUj: string, afterUj: string, maxRangeUj: string): number {
  const [a, b, max] = [Number(beforeUj.trim()), Number(afterUj.trim()), Number(maxRangeUj.trim())];
  if (![a, b, max].every(Number.isFinite))
    throw new Error(`RAPL energy_uj is not a number: ${beforeUj.trim()}, ${afterUj.trim()}, ${maxRangeUj.trim()}`);
  return (b >= a ? b - a : max - a + b) / 1e6;
}

export type EnergySource =
  { source: 'nvidia-smi' | 'rapl'; detail: string } | { source: 'not exposed'; reason: string };

/** What this machine exposes (checked once): RAPL's package-0 counter, else `not exposed` with why. */
export function raplSource(root = '/sys/class/powercap'): EnergySource {
  const file = `${root}/intel-rapl:0/energy_uj`;
  try {
    readFileSync(file, 'utf8');
    return { source: 'rapl', detail: file };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      source: 'not exposed',
      reason:
        code === 'EACCES'
          ? `${file} is readable by root only (chmod o+r it, or run as root)`
          : `no RAPL counter at ${file} (${code ?? 'unreadable'}: a VM or a CPU without RAPL)`,
    };
  }
}
