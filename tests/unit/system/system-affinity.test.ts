/** The CPUs a job could use, recorded under taskset; virtualization from the hypervisor flag and container signs. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuAffinity, parseCpuList, virtualizationSigns } from '../../../harness/system/affinity.js';

const TASKSET = '/usr/bin/taskset';
const DIST = path.resolve(__dirname, '../../../dist/harness/system/affinity.js');

describe('system: affinity and virtualization', () => {
  it('parses Linux CPU lists', () => {
    expect(parseCpuList('0-2,5')).toEqual([0, 1, 2, 5]);
    expect(parseCpuList('1')).toEqual([1]);
    expect(parseCpuList('x')).toBeNull();
  });

  it.skipIf(!existsSync(TASKSET) || !existsSync(DIST))('records one CPU under taskset -c 0', () => {
    const script = `import(${JSON.stringify(DIST)}).then((m) => console.log(JSON.stringify(m.cpuAffinity())))`;
    const r = spawnSync(TASKSET, ['-c', '0', process.execPath, '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ cpus: [0], source: '/proc/self/status Cpus_allowed_list' });
    expect(cpuAffinity().cpus.length).toBeGreaterThanOrEqual(1);
  });

  it('names a VM from the hypervisor flag when systeminformation saw none', () => {
    expect(virtualizationSigns(['avx2', 'hypervisor'], null)).toMatch(/^virtual machine \(hypervisor CPU flag\)/);
    expect(virtualizationSigns(['avx2'], 'KVM')).toMatch(/^KVM/);
  });
});
