/**
 * The GPUs a machine has, for `machine.gpus`: NVIDIA GPUs from nvidia-smi where it is present
 * (`--query-gpu=name,memory.total,driver_version --format=csv,noheader,nounits`, nvidia-smi(1)
 * "GPU attributes"), else the default WebGPU adapter (harness/system/gpu-adapter.ts, labelled
 * software for a CPU rasterizer), else systeminformation's display controllers.
 */
import { execFile } from 'node:child_process';
import type { Machine } from '../../results/schema.js';
import { probeAdapterInChild } from './gpu-adapter.js';

export type MachineGpu = Machine['gpus'][number];

/** Rows of `nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader,nounits`. */
export function parseNvidiaSmiGpus(csv: string): MachineGpu[] {
  return csv
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', memMiB = '', driver = ''] = line.split(',').map((c) => c.trim());
      const vram = Number(memMiB);
      return {
        vendor: 'NVIDIA',
        model: name,
        vramMb: Number.isFinite(vram) && memMiB !== '' ? vram : null,
        source: 'nvidia-smi',
        driver: driver || null,
        software: false,
      };
    });
}

/** Runs a command, resolving its stdout or null (absent, failing, timed out). */
export function runQuiet(cmd: string, args: string[], timeoutMs = 10_000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs }, (err, stdout) => resolve(err ? null : stdout));
  });
}

/** The GPUs found, by the order above; `fallback` are systeminformation's controllers. */
export async function probeGpus(fallback: MachineGpu[]): Promise<MachineGpu[]> {
  const smi = await runQuiet('nvidia-smi', [
    '--query-gpu=name,memory.total,driver_version',
    '--format=csv,noheader,nounits',
  ]);
  if (smi) {
    const gpus = parseNvidiaSmiGpus(smi);
    if (gpus.length) return gpus;
  }
  const probe = await probeAdapterInChild();
  if ('adapter' in probe) {
    const a = probe.adapter;
    return [
      {
        vendor: a.vendor,
        model: a.description || a.device,
        vramMb: null,
        source: 'webgpu (Dawn)',
        driver: a.driver,
        software: a.software,
        adapter: a,
      },
    ];
  }
  return fallback.map((g) => ({ ...g, source: 'systeminformation' }));
}
