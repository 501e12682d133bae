/**
 * System metadata for every result file (via systeminformation, naming only the fields needed:
 * a bare `versions()` takes about a second), the machine fingerprint, and a job process's peak
 * RSS from /proc.
 */
import { cpuAffinity, virtualizationSigns } from './affinity.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import si from 'systeminformation';
import type { Machine } from '../../results/schema.js';
import { PROJECT_ROOT } from '../paths.js';
import { probeGpus } from './gpus.js';

/** Runtime packages whose versions go into every result (absent ones are recorded as null). */
export const RUNTIME_PACKAGES = [
  'onnxruntime-node', 'onnxruntime-web', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-backend-webgpu', 'webgpu', 'systeminformation', 'hyparquet',
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

/** Inputs and result of the theoretical FP32 peak (results/schema.ts Fp32PeakSchema). */
export type Fp32Peak = NonNullable<Machine['fp32Peak']>;

/** The highest "cpu MHz" line of /proc/cpuinfo in GHz, or null (not Linux, unreadable). */
export function procCpuinfoGHz(text?: string): number | null {
  try {
    const body = text ?? readFileSync('/proc/cpuinfo', 'utf8');
    const mhz = [...body.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)].map((m) => Number(m[1]));
    return mhz.length ? Math.max(...mhz) / 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The machine's theoretical FP32 peak: physical cores x clock x FP32 FLOPs per cycle per core,
 * with FLOPs per cycle = vector lanes (avx512f 16, avx/avx2 8, sse or neon 4) x 2 (an FMA is a
 * multiply and an add) x FMA units (2 on x86 cores with FMA since Haswell and Zen 2, the usual
 * datasheet figure; without FMA one multiply and one add unit, i.e. the same 2 x lanes x 1).
 * AMD cores before Zen 5 split 512-bit ops into two 256-bit halves, so avx512f counts 8 lanes
 * there. The clock is the highest one known: systeminformation's speedMax, else its speed, else
 * /proc/cpuinfo. A figure above 100 % of this peak means these inputs are wrong (a boost clock
 * above the one read, more FMA units): results say so instead of printing it as a success.
 * null when the clock is unknown.
 */
export function fp32PeakEstimate(cpu: { manufacturer: string; family?: string; physicalCores: number; speedGHz: number | null; speedMaxGHz?: number | null; flags: string[] }, procGHz: number | null): Fp32Peak | null {
  const [clockGHz, clockSource] = cpu.speedMaxGHz ? [cpu.speedMaxGHz, 'systeminformation speedMax'] as const
    : cpu.speedGHz ? [cpu.speedGHz, 'systeminformation speed'] as const
      : procGHz ? [procGHz, '/proc/cpuinfo cpu MHz'] as const : [null, 'unknown'] as const;
  if (!clockGHz) return null;
  const has = (f: string) => cpu.flags.includes(f);
  const amdBeforeZen5 = /amd/i.test(cpu.manufacturer) && Number(cpu.family ?? 0) < 26;
  const [isa, lanes] = has('avx512f') ? (amdBeforeZen5 ? ['avx512f (256-bit datapath)', 8] as const : ['avx512f', 16] as const)
    : has('avx2') || has('avx') ? [has('avx2') ? 'avx2' : 'avx', 8] as const
      : has('neon') ? ['neon', 4] as const : ['sse', 4] as const;
  const fmaUnits = has('fma') || has('neon') ? 2 : 1;
  const flopsPerCycle = lanes * 2 * fmaUnits;
  return {
    gflops: cpu.physicalCores * clockGHz * flopsPerCycle,
    method: 'physical cores x clock x FP32 FLOPs/cycle (lanes x 2 per FMA x FMA units)',
    cores: cpu.physicalCores, clockGHz, clockSource, isa, lanes, fmaUnits, flopsPerCycle,
  };
}

export async function collectMachine(): Promise<Machine> {
  const [cpu, flagsText, mem, osInfo, graphics, system] = await Promise.all([
    si.cpu(), si.cpuFlags(), si.mem(), si.osInfo(), si.graphics().catch(() => ({ controllers: [] })), si.system(),
  ]);
  const flags = flagsText.split(/\s+/).filter((f) => SIMD_FLAGS.includes(f));
  const gpus = await probeGpus(graphics.controllers
    .filter((g) => g.model || g.vendor)
    .map((g) => ({ vendor: g.vendor ?? '', model: g.model ?? '', vramMb: g.vram ?? null })));
  const brand = [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ');
  const memoryGiB = Math.round(mem.total / 2 ** 30);
  const id = fingerprint({
    cpu: [cpu.manufacturer, cpu.brand, cpu.family, cpu.model, cpu.stepping, cpu.cores, cpu.physicalCores],
    memoryGiB,
    os: [osInfo.platform, osInfo.distro, osInfo.release, osInfo.arch],
    // A software adapter (llvmpipe) is no hardware: it leaves the fingerprint as it was without one.
    gpus: gpus.filter((g) => !g.software).map((g) => g.model),
  }, `${slug(brand)}-${cpu.cores}c-${memoryGiB}g`);
  const packages = Object.fromEntries(RUNTIME_PACKAGES.map((name) => [name, packageVersion(name)]));
  const virtualization = virtualizationSigns(flags, system.virtual ? (system.virtualHost || system.model || 'virtual') : null);
  const affinity = cpuAffinity();
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
      affinity: affinity.cpus,
      affinitySource: affinity.source,
    },
    memoryBytes: mem.total,
    fp32Peak: fp32PeakEstimate({ manufacturer: cpu.manufacturer, family: cpu.family, physicalCores: cpu.physicalCores, speedGHz: cpu.speed || null, speedMaxGHz: cpu.speedMax || null, flags }, procCpuinfoGHz()),
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
      accelerator_model_name: gpus.find((g) => !g.software)?.model ?? 'N/A',
      accelerators_per_node: gpus.filter((g) => !g.software).length,
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
