/**
 * How a machine is described in a report: a short label for legends and the rows of the machine
 * table (one column per machine fingerprint), from the result file's machine metadata.
 */
import type { Machine } from '../results/schema.js';
import { formatBytes } from './format.js';

/** `A: hostname (8-char fingerprint)`; the letter keeps legends short and stable per report. */
export function machineLabel(machine: Machine, index: number): string {
  const letter = index < 26 ? String.fromCharCode(65 + index) : `M${index + 1}`;
  return `${letter}: ${machine.hostname} (${machine.id.slice(0, 8)})`;
}

/** Ordered `[name, value]` rows describing a machine; every value is a plain string to escape later. */
export function machineFacts(m: Machine): Array<[string, string]> {
  const gpus = m.gpus.length ? m.gpus.map((g) => `${g.vendor} ${g.model}${g.vramMb ? ` (${g.vramMb} MB)` : ''}`).join('; ') : 'none';
  const simd = m.cpu.flags.filter((f) => /^(avx2|avx512f|avx512_vnni|avx512vnni|fma|neon|sse4_2|f16c|amx.*)$/.test(f));
  const packages = Object.entries(m.packages)
    .map(([name, version]) => `${name} ${version ?? 'absent'}`)
    .join(', ');
  return [
    ['fingerprint', m.id],
    ['hostname', m.hostname],
    ['CPU', m.cpu.brand],
    ['cores (logical / physical)', `${m.cpu.cores} / ${m.cpu.physicalCores}`],
    ['CPU speed', m.cpu.speedGHz === null ? 'unknown' : `${m.cpu.speedGHz} GHz`],
    ['SIMD flags', simd.length ? simd.join(', ') : 'none listed'],
    ['memory', formatBytes(m.memoryBytes)],
    ['OS', `${m.os.distro} ${m.os.release} (${m.os.platform} ${m.os.arch}, kernel ${m.os.kernel})`],
    ['virtualisation', m.virtualization ?? 'none detected'],
    ['GPUs', gpus],
    ['Node.js / V8', `${m.node} / ${m.v8}`],
    ['runtime packages', packages || 'none recorded'],
    ['load average at start', m.loadAverage.map((v) => v.toFixed(2)).join(', ')],
    ['framework (MLPerf)', m.mlperf.framework],
    ['accelerator (MLPerf)', `${m.mlperf.accelerator_model_name} x ${m.mlperf.accelerators_per_node}`],
  ];
}
