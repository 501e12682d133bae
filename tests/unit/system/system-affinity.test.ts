/** The CPUs a job could use, recorded under taskset; virtualization from the hypervisor flag and container signs. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuAffinity, parseCpuList, virtualizationSigns } from '../../../harness/system/affinity.js';
import { fp32PeakEstimate } from '../../../harness/system/metadata.js';

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

  it('rates the FP32 peak against the CPUs the affinity allows, not every physical core', () => {
    const zen3 = {
      manufacturer: 'AMD',
      family: '25',
      model: '33',
      physicalCores: 2,
      speedGHz: 2.5,
      flags: ['avx2', 'fma'],
    };
    expect(fp32PeakEstimate({ ...zen3, affinityCpus: 1 }, null)).toMatchObject({
      cores: 1,
      affinityCpus: 1,
      gflops: 2.5 * 32,
    });
    expect(fp32PeakEstimate({ ...zen3, affinityCpus: 2 }, null)).toMatchObject({ cores: 2, gflops: 2 * 2.5 * 32 });
  });

  const METADATA = path.resolve(__dirname, '../../../dist/harness/system/metadata.js');
  it.skipIf(!existsSync(TASKSET) || !existsSync(METADATA) || cpuAffinity().cpus.length < 2)(
    'a run under taskset -c 0 records a one-core peak',
    () => {
      const script = `import(${JSON.stringify(METADATA)}).then(async (m) => { const x = await m.collectMachine(); console.log(JSON.stringify({ peak: x.fp32Peak ?? null, unknown: x.fp32PeakUnknown ?? null })); })`;
      const r = spawnSync(TASKSET, ['-c', '0', process.execPath, '-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const { peak, unknown } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
        peak: { cores: number } | null;
        unknown: string | null;
      };
      // A CPU outside the microarchitecture table has no peak at all (then there is nothing to cap).
      if (peak) expect(peak.cores).toBe(1);
      else expect(unknown).toBeTruthy();
    },
    60_000,
  );

  it('names a VM from the hypervisor flag when systeminformation saw none', () => {
    expect(virtualizationSigns(['avx2', 'hypervisor'], null)).toMatch(/^virtual machine \(hypervisor CPU flag\)/);
    expect(virtualizationSigns(['avx2'], 'KVM')).toMatch(/^KVM/);
  });
});
