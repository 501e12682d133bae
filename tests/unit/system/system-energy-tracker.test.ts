/**
 * The per-job energy tracker against a fake nvidia-smi on PATH that replays a recorded H200
 * output (tests/fixtures/energy), one that fails like a machine whose driver does not answer,
 * none at all, and a fake powercap tree for RAPL.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEnergyTracker } from '../../../harness/system/energy-tracker.js';

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'energy');
const PATH0 = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH0;
});

/** A bin folder with an `nvidia-smi` shell script; returns the folder. */
function fakeSmi(body: string): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'fake-smi-'));
  writeFileSync(path.join(bin, 'nvidia-smi'), `#!/bin/sh\n${body}\n`);
  chmodSync(path.join(bin, 'nvidia-smi'), 0o755);
  return bin;
}

describe('energy tracker', () => {
  it('nvidia-smi sampled during measurement: peak device memory, joules and joules per query', async () => {
    const rows = readFileSync(path.join(FIX, 'nvidia-smi-h200.csv'), 'utf8').split('\n').slice(1, 5).join('\\n');
    process.env.PATH = `${fakeSmi(`printf '${rows}\\n'; exec sleep 5`)}:${PATH0}`;
    const tracker = startEnergyTracker({ gpu: true, intervalMs: 100, raplRoot: '/nonexistent' });
    await new Promise((r) => setTimeout(r, 400));
    const e = await tracker.stop(10);
    expect(e.gpu).toMatchObject({
      source: 'nvidia-smi',
      samples: 4,
      peakDeviceMemoryBytes: 6214 * 2 ** 20,
      baselineDeviceMemoryBytes: 2 ** 20,
    });
    const joules = ((74.31 + 118.92) / 2 + (118.92 + 402.57) / 2 + (402.57 + 655.1) / 2) * 0.1;
    expect(e.gpu && 'joules' in e.gpu ? e.gpu.joulesPerQuery : null).toBeCloseTo(joules / 10, 6);
    expect(e.cpu).toMatchObject({ source: 'not exposed', reason: expect.stringContaining('no RAPL counter') });
  });

  it('a driver that does not answer, and no nvidia-smi at all: not exposed, with the reason', async () => {
    process.env.PATH = `${fakeSmi('echo "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver."; exit 9')}:${PATH0}`;
    let tracker = startEnergyTracker({ gpu: true, raplRoot: '/nonexistent' });
    await new Promise((r) => setTimeout(r, 200));
    expect((await tracker.stop(1)).gpu).toEqual({
      source: 'not exposed',
      reason: expect.stringMatching(/exited with code 9: NVIDIA-SMI has failed/),
    });
    process.env.PATH = mkdtempSync(path.join(tmpdir(), 'empty-bin-'));
    tracker = startEnergyTracker({ gpu: true, raplRoot: '/nonexistent' });
    expect((await tracker.stop(1)).gpu).toEqual({
      source: 'not exposed',
      reason: 'no nvidia-smi on PATH (no NVIDIA driver on this machine)',
    });
  });

  it('RAPL: package-0 joules between start and stop; CPU jobs get no GPU block', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'powercap-'));
    mkdirSync(path.join(root, 'intel-rapl:0'));
    const file = path.join(root, 'intel-rapl:0', 'energy_uj');
    writeFileSync(file, '1000000\n');
    writeFileSync(path.join(root, 'intel-rapl:0', 'max_energy_range_uj'), '262143328850\n');
    const tracker = startEnergyTracker({ gpu: false, raplRoot: root });
    writeFileSync(file, '4000000\n');
    expect(await tracker.stop(3)).toEqual({ cpu: { source: 'rapl', detail: file, joules: 3, joulesPerQuery: 1 } });
  });
});
