/**
 * The CPUs this process may run on, and the signs that it runs virtualised. Linux first:
 * - affinity: `Cpus_allowed_list` of /proc/self/status (what `taskset -c` and cgroup cpusets set),
 *   else os.availableParallelism() CPUs numbered from 0;
 * - virtualization: the `hypervisor` CPU flag (set by every x86 hypervisor: KVM, Xen, Hyper-V,
 *   VMware) and container signs (/.dockerenv, /run/.containerenv, container names in
 *   /proc/1/cgroup), beside systeminformation's own answer, which misses a KVM guest in docker.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** Parses a Linux CPU list (`0-3,6`) into CPU numbers; null when malformed. */
export function parseCpuList(list: string): number[] | null {
  const out: number[] = [];
  for (const part of list.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return null;
    for (let c = Number(m[1]); c <= Number(m[2] ?? m[1]); c++) out.push(c);
  }
  return out;
}

/** The CPUs this process may run on (sorted), and where that came from. */
export function cpuAffinity(): { cpus: number[]; source: string } {
  const line = /^Cpus_allowed_list:\s*(.+)$/m.exec(read('/proc/self/status'))?.[1];
  const cpus = line ? parseCpuList(line) : null;
  if (cpus && cpus.length) return { cpus, source: '/proc/self/status Cpus_allowed_list' };
  return { cpus: Array.from({ length: os.availableParallelism() }, (_, i) => i), source: 'os.availableParallelism()' };
}

/** `kvm (hypervisor flag); container: docker` and the like; null when no sign is found. */
export function virtualizationSigns(flags: string[], fromSysteminformation: string | null): string | null {
  const signs: string[] = [];
  if (fromSysteminformation) signs.push(fromSysteminformation);
  else if (flags.includes('hypervisor')) signs.push('virtual machine (hypervisor CPU flag)');
  const cgroup = read('/proc/1/cgroup');
  const container = existsSync('/.dockerenv')
    ? 'docker'
    : existsSync('/run/.containerenv')
      ? 'podman'
      : (/docker|containerd|kubepods|lxc/.exec(cgroup)?.[0] ?? null);
  if (container) signs.push(`container: ${container}`);
  return signs.length ? signs.join('; ') : null;
}
