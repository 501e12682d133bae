/**
 * How a machine is described: a short label for legends, the rows of a report's machine table
 * (one column per machine fingerprint), and the facts compare checks when two results come from
 * different fingerprints. One list of fields (MACHINE_FIELDS) serves both, so a field added for
 * the report is compared too, unless it is marked as time-varying.
 */
import type { Machine } from './schema.js';
import { formatBytes } from '../harness/common/format.js';

/** One row of the machine table. */
export interface MachineField {
  /** Row name in the report. */
  label: string;
  /** Display text (a plain string, escaped by the renderer). */
  text(m: Machine): string;
  /**
   * The raw facts compare checks, keyed by dotted name (`cpu.brand`); absent for facts that vary
   * from run to run on one machine (load average, clock speed) or that the fingerprint itself is.
   */
  compared?(m: Machine): Record<string, unknown>;
}

const SIMD = /^(avx2|avx512f|avx512_vnni|avx512vnni|fma|neon|sse4_2|f16c|amx.*)$/;

/**
 * One GPU as text: vendor and model, memory, the source that found it, and a software adapter
 * named as such (harness/system/gpu-adapter.ts softwareAdapterWarning).
 */
export function formatGpu(g: Machine['gpus'][number]): string {
  const model = g.model.toLowerCase().startsWith(g.vendor.toLowerCase()) ? g.model : `${g.vendor} ${g.model}`.trim();
  const extra = [
    g.vramMb ? `${g.vramMb} MB` : '',
    g.source ? `via ${g.source}` : '',
    g.software ? 'SOFTWARE adapter: a rasterizer on the CPU, not a GPU' : '',
  ].filter(Boolean);
  return extra.length ? `${model} (${extra.join(', ')})` : model;
}

/** Every machine fact, in table order. */
export const MACHINE_FIELDS: readonly MachineField[] = [
  { label: 'fingerprint', text: (m) => m.id },
  { label: 'hostname', text: (m) => m.hostname, compared: (m) => ({ hostname: m.hostname }) },
  { label: 'CPU', text: (m) => m.cpu.brand, compared: (m) => ({ 'cpu.brand': m.cpu.brand }) },
  {
    label: 'cores (logical / physical)',
    text: (m) => `${m.cpu.cores} / ${m.cpu.physicalCores}`,
    compared: (m) => ({ 'cpu.cores': m.cpu.cores, 'cpu.physicalCores': m.cpu.physicalCores }),
  },
  { label: 'CPU speed', text: (m) => (m.cpu.speedGHz === null ? 'unknown' : `${m.cpu.speedGHz} GHz`) },
  {
    label: 'SIMD flags',
    text: (m) => m.cpu.flags.filter((f) => SIMD.test(f)).join(', ') || 'none listed',
    compared: (m) => ({ 'cpu.flags': [...m.cpu.flags].sort().join(',') }),
  },
  { label: 'memory', text: (m) => formatBytes(m.memoryBytes), compared: (m) => ({ memoryBytes: m.memoryBytes }) },
  {
    label: 'OS',
    text: (m) => `${m.os.distro} ${m.os.release} (${m.os.platform} ${m.os.arch}, kernel ${m.os.kernel})`,
    compared: (m) => ({
      'os.platform': m.os.platform,
      'os.distro': m.os.distro,
      'os.release': m.os.release,
      'os.kernel': m.os.kernel,
      'os.arch': m.os.arch,
    }),
  },
  {
    label: 'virtualisation',
    text: (m) => m.virtualization ?? 'none detected',
    compared: (m) => ({ virtualization: m.virtualization }),
  },
  {
    label: 'GPUs',
    text: (m) => (m.gpus.length ? m.gpus.map(formatGpu).join('; ') : 'none'),
    compared: (m) => ({ gpus: m.gpus.map((g) => `${g.vendor} ${g.model}`).join(', ') }),
  },
  { label: 'Node.js / V8', text: (m) => `${m.node} / ${m.v8}`, compared: (m) => ({ node: m.node, v8: m.v8 }) },
  {
    label: 'runtime packages',
    text: (m) =>
      Object.entries(m.packages)
        .map(([name, version]) => `${name} ${version ?? 'absent'}`)
        .join(', ') || 'none recorded',
    compared: (m) => Object.fromEntries(Object.entries(m.packages).map(([k, v]) => [`packages.${k}`, v])),
  },
  { label: 'load average at start', text: (m) => m.loadAverage.map((v) => v.toFixed(2)).join(', ') },
  { label: 'framework (MLPerf)', text: (m) => m.mlperf.framework },
  {
    label: 'accelerator (MLPerf)',
    text: (m) => `${m.mlperf.accelerator_model_name} x ${m.mlperf.accelerators_per_node}`,
  },
];

/** `A: hostname (8-char fingerprint)`; the letter keeps legends short and stable per report. */
export function machineLabel(machine: Machine, index: number): string {
  const letter = index < 26 ? String.fromCharCode(65 + index) : `M${index + 1}`;
  return `${letter}: ${machine.hostname} (${machine.id.slice(0, 8)})`;
}

/** Ordered `[name, value]` rows describing a machine; every value is a plain string to escape later. */
export function machineFacts(m: Machine): Array<[string, string]> {
  return MACHINE_FIELDS.map((f) => [f.label, f.text(m)]);
}

/** The facts compare checks across machines (load average and other time-varying facts left out). */
export function comparedMachineFacts(m: Machine): Record<string, unknown> {
  return Object.assign({}, ...MACHINE_FIELDS.map((f) => f.compared?.(m) ?? {})) as Record<string, unknown>;
}
