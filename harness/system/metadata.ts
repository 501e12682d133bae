/**
 * System metadata for every result file (via systeminformation, naming only the fields needed:
 * a bare `versions()` takes about a second), the machine fingerprint, and a job process's peak
 * RSS from /proc.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import si from 'systeminformation';
import type { Machine } from '../../results/schema.js';
import { PROJECT_ROOT } from '../paths.js';

/** Runtime packages whose versions go into every result (absent ones are recorded as null). */
export const RUNTIME_PACKAGES = [
  'onnxruntime-node', 'onnxruntime-web', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'systeminformation', 'hyparquet',
] as const;

const require = createRequire(path.join(PROJECT_ROOT, 'package.json'));

/** The installed version of a package, or null when it is not installed. Reads package.json only. */
export function packageVersion(name: string): string | null {
  try {
    const dir = path.dirname(require.resolve(`${name}/package.json`));
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version ?? null;
  } catch {
    // Some packages do not export ./package.json: walk node_modules directly.
    try {
      return JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version ?? null;
    } catch {
      return null;
    }
  }
}

const SIMD_FLAGS = ['avx', 'avx2', 'fma', 'avx512f', 'avx512bw', 'avx512vl', 'avx512_vnni', 'avx512_bf16', 'amx_tile', 'neon', 'sse4_2'];

/**
 * A fingerprint of the hardware and OS that a benchmark figure depends on: CPU model and core
 * counts, memory (GiB), OS distro/release/arch and GPU models. Not the hostname: the same
 * machine renamed is the same machine, and two identical cloud runners share a fingerprint.
 */
export function fingerprint(parts: Record<string, unknown>, label: string): string {
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 10);
  return `${label}-${hash}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 24) || 'cpu';
}

export async function collectMachine(): Promise<Machine> {
  const [cpu, flagsText, mem, osInfo, graphics, system] = await Promise.all([
    si.cpu(), si.cpuFlags(), si.mem(), si.osInfo(), si.graphics().catch(() => ({ controllers: [] })), si.system(),
  ]);
  const flags = flagsText.split(/\s+/).filter((f) => SIMD_FLAGS.includes(f));
  const gpus = graphics.controllers
    .filter((g) => g.model || g.vendor)
    .map((g) => ({ vendor: g.vendor ?? '', model: g.model ?? '', vramMb: g.vram ?? null }));
  const brand = [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ');
  const memoryGiB = Math.round(mem.total / 2 ** 30);
  const id = fingerprint({
    cpu: [cpu.manufacturer, cpu.brand, cpu.family, cpu.model, cpu.stepping, cpu.cores, cpu.physicalCores],
    memoryGiB,
    os: [osInfo.platform, osInfo.distro, osInfo.release, osInfo.arch],
    gpus: gpus.map((g) => g.model),
  }, `${slug(brand)}-${cpu.cores}c-${memoryGiB}g`);
  const packages = Object.fromEntries(RUNTIME_PACKAGES.map((name) => [name, packageVersion(name)]));
  const virtualization = system.virtual ? (system.virtualHost || system.model || 'virtual') : null;
  const framework = Object.entries(packages).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ');
  return {
    id,
    hostname: os.hostname(),
    cpu: {
      brand,
      manufacturer: cpu.manufacturer,
      cores: cpu.cores,
      physicalCores: cpu.physicalCores,
      speedGHz: cpu.speed || null,
      flags,
    },
    memoryBytes: mem.total,
    os: { platform: osInfo.platform, distro: osInfo.distro, release: osInfo.release, kernel: osInfo.kernel, arch: osInfo.arch },
    virtualization,
    gpus,
    node: process.versions.node,
    v8: process.versions.v8,
    packages,
    loadAverage: os.loadavg(),
    mlperf: {
      host_processor_model_name: brand,
      host_processor_core_count: cpu.physicalCores,
      host_memory_capacity: `${memoryGiB} GB`,
      accelerator_model_name: gpus[0]?.model ?? 'N/A',
      accelerators_per_node: gpus.length,
      framework: `Node.js ${process.versions.node}; ${framework}`,
      operating_system: `${osInfo.distro} ${osInfo.release} (${osInfo.kernel})`,
    },
  };
}

/**
 * Peak resident set size of a running process (the kernel's VmHWM high-water mark), in bytes;
 * null when it cannot be read (the process is gone, or not Linux). Synchronous: one small read.
 */
export function vmHwmBytes(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
