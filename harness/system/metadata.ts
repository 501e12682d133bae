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
  'onnxruntime-node',
  'onnxruntime-web',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-backend-webgpu',
  'webgpu',
  'systeminformation',
  'hyparquet',
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
      return (
        JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version ?? null
      );
    } catch {
      return null;
    }
  }
}

const SIMD_FLAGS = [
  'avx',
  'avx2',
  'fma',
  'avx512f',
  'avx512bw',
  'avx512vl',
  'avx512_vnni',
  'avx512_bf16',
  'amx_tile',
  'neon',
  'sse4_2',
];

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
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 24) || 'cpu'
  );
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

/** A CPU core's FP32 vector throughput, from the microarchitecture table. */
export interface CoreFp32 {
  uarch: string;
  isa: string;
  lanes: number;
  fmaUnits: number;
  flopsPerCycle: number;
}

/**
 * FP32 FLOPs per cycle per core from a table of known microarchitectures (vendor, family,
 * model), never guessed: an unlisted one answers `{ unknown: <why> }` and the machine gets no
 * theoretical peak (no "% of peak"). FLOPs/cycle = FP32 lanes of the FMA datapath x 2 (an FMA is
 * a multiply and an add) x FMA pipes, as the vendors' optimisation manuals give them (AMD's
 * Software Optimization Guides for family 17h/19h/1Ah; Intel's Optimization Reference Manual):
 * - AMD family 23 (17h): Zen/Zen+ (models < 0x30) 2 x 128-bit FMA = 16; Zen 2 2 x 256-bit = 32.
 * - AMD family 25 (19h): Zen 3 and Zen 4 (AVX-512 on a 256-bit datapath) 2 x 256-bit = 32.
 * - AMD family 26 (1Ah), models 0x00-0x1f (server Zen 5, full 512-bit datapath) with avx512f: 64.
 *   Other Zen 5 models (client parts run AVX-512 on 256-bit halves) are left unknown.
 * - Intel family 6 with avx2 + fma and no avx512f (Haswell and later client/server cores): 2 x 256-bit = 32.
 *   With avx512f the count of 512-bit FMA units (1 or 2) depends on the SKU, not the flags: unknown.
 */
export function coreFp32(cpu: {
  manufacturer: string;
  family?: string;
  model?: string;
  flags: string[];
}): CoreFp32 | { unknown: string } {
  const has = (f: string) => cpu.flags.includes(f);
  const family = Number(cpu.family ?? Number.NaN);
  const model = Number(cpu.model ?? Number.NaN);
  const row = (uarch: string, isa: string, lanes: number, fmaUnits: number): CoreFp32 => ({
    uarch,
    isa,
    lanes,
    fmaUnits,
    flopsPerCycle: lanes * 2 * fmaUnits,
  });
  const what = `${cpu.manufacturer || 'unknown vendor'} family ${cpu.family ?? '?'} model ${cpu.model ?? '?'}`;
  if (/amd/i.test(cpu.manufacturer) && has('fma')) {
    if (family === 23)
      return model >= 0x30 ? row('Zen 2', 'avx2', 8, 2) : row('Zen/Zen+ (128-bit FMA datapath)', 'avx2', 4, 2);
    if (family === 25)
      return row(
        has('avx512f') ? 'Zen 4 (AVX-512 on a 256-bit datapath)' : 'Zen 3',
        has('avx512f') ? 'avx512f (256-bit datapath)' : 'avx2',
        8,
        2,
      );
    if (family === 26 && has('avx512f') && model >= 0 && model <= 0x1f)
      return row('Zen 5 (server, 512-bit datapath)', 'avx512f', 16, 2);
  }
  if (/intel/i.test(cpu.manufacturer) && family === 6 && has('avx2') && has('fma')) {
    if (!has('avx512f')) return row('Intel AVX2 core (Haswell or later)', 'avx2', 8, 2);
    return {
      unknown: `${what}: an AVX-512 Intel core has one or two 512-bit FMA units depending on the SKU, which the CPU flags do not tell`,
    };
  }
  return { unknown: `${what} is not in the microarchitecture table (harness/system/metadata.ts coreFp32)` };
}

/**
 * The machine's theoretical FP32 peak: cores (physical, within the CPU affinity) x clock x FP32 FLOPs per cycle per core
 * (coreFp32's table). The clock is the highest one known: systeminformation's speedMax (boost),
 * else its speed (base), else /proc/cpuinfo; `clockRangeGHz` records [base, boost] as read (null where not read; the clock is not measured under load). A
 * job's own peak counts only the cores it can use (harness/micro/roofline.ts). A figure above
 * 100 % of this peak means these inputs are wrong (a boost clock above the one read): results
 * say so instead of printing it as a success. `{ unknown }` when the clock or the
 * microarchitecture is unknown: no percentage of peak is given then.
 */
export function fp32PeakEstimate(
  cpu: {
    manufacturer: string;
    family?: string;
    model?: string;
    physicalCores: number;
    speedGHz: number | null;
    speedMaxGHz?: number | null;
    flags: string[];
    affinityCpus?: number | null;
  },
  procGHz: number | null,
): Fp32Peak | { unknown: string } {
  // The cores this process may run on: physical cores, at most the CPUs of its affinity (taskset, cpusets).
  const cores =
    cpu.affinityCpus && cpu.affinityCpus > 0 ? Math.min(cpu.physicalCores, cpu.affinityCpus) : cpu.physicalCores;
  const [clockGHz, clockSource] = cpu.speedMaxGHz
    ? ([cpu.speedMaxGHz, 'systeminformation speedMax'] as const)
    : cpu.speedGHz
      ? ([cpu.speedGHz, 'systeminformation speed'] as const)
      : procGHz
        ? ([procGHz, '/proc/cpuinfo cpu MHz'] as const)
        : ([null, 'unknown'] as const);
  if (!clockGHz) return { unknown: 'no clock found (systeminformation and /proc/cpuinfo give none)' };
  const core = coreFp32(cpu);
  if ('unknown' in core) return core;
  return {
    gflops: cores * clockGHz * core.flopsPerCycle,
    method:
      'physical cores within the CPU affinity x clock x FP32 FLOPs/cycle (lanes x 2 per FMA x FMA units, from the microarchitecture table)',
    cores,
    ...(cores < cpu.physicalCores ? { affinityCpus: cpu.affinityCpus! } : {}),
    clockGHz,
    clockSource,
    isa: core.isa,
    lanes: core.lanes,
    fmaUnits: core.fmaUnits,
    flopsPerCycle: core.flopsPerCycle,
    uarch: core.uarch,
    clockRangeGHz: [cpu.speedGHz ?? null, cpu.speedMaxGHz ?? null],
  };
}

export async function collectMachine(): Promise<Machine> {
  const [cpu, flagsText, mem, osInfo, graphics, system] = await Promise.all([
    si.cpu(),
    si.cpuFlags(),
    si.mem(),
    si.osInfo(),
    si.graphics().catch(() => ({ controllers: [] })),
    si.system(),
  ]);
  const flags = flagsText.split(/\s+/).filter((f) => SIMD_FLAGS.includes(f));
  const gpus = await probeGpus(
    graphics.controllers
      .filter((g) => g.model || g.vendor)
      .map((g) => ({ vendor: g.vendor ?? '', model: g.model ?? '', vramMb: g.vram ?? null })),
  );
  const brand = [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ');
  const memoryGiB = Math.round(mem.total / 2 ** 30);
  const id = fingerprint(
    {
      cpu: [cpu.manufacturer, cpu.brand, cpu.family, cpu.model, cpu.stepping, cpu.cores, cpu.physicalCores],
      memoryGiB,
      os: [osInfo.platform, osInfo.distro, osInfo.release, osInfo.arch],
      // A software adapter (llvmpipe) is no hardware: it leaves the fingerprint as it was without one.
      gpus: gpus.filter((g) => !g.software).map((g) => g.model),
    },
    `${slug(brand)}-${cpu.cores}c-${memoryGiB}g`,
  );
  const packages = Object.fromEntries(RUNTIME_PACKAGES.map((name) => [name, packageVersion(name)]));
  const virtualization = virtualizationSigns(
    flags,
    system.virtual ? system.virtualHost || system.model || 'virtual' : null,
  );
  const affinity = cpuAffinity();
  const framework = Object.entries(packages)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
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
    ...((peak) => ('unknown' in peak ? { fp32PeakUnknown: peak.unknown } : { fp32Peak: peak }))(
      fp32PeakEstimate(
        {
          manufacturer: cpu.manufacturer,
          family: cpu.family,
          model: cpu.model,
          physicalCores: cpu.physicalCores,
          speedGHz: cpu.speed || null,
          speedMaxGHz: cpu.speedMax || null,
          flags,
          affinityCpus: affinity.cpus.length,
        },
        procCpuinfoGHz(),
      ),
    ),
    os: {
      platform: osInfo.platform,
      distro: osInfo.distro,
      release: osInfo.release,
      kernel: osInfo.kernel,
      arch: osInfo.arch,
    },
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
