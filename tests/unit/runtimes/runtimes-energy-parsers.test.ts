/**
 * Energy and device-memory parsers on recorded outputs: nvidia-smi's CSV (units in the header and
 * cells, [N/A] power) and powercap's energy_uj counters (with the wrap at max_energy_range_uj).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiSamples, raplJoules, raplSource, summariseNvidiaSmi } from '../../../harness/system/energy.js';
import { parseNvidiaSmiGpus } from '../../../harness/system/gpus.js';

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'energy');
const read = (name: string) => readFileSync(path.join(FIX, name), 'utf8');

describe('energy parsers', () => {
  it('nvidia-smi: peak memory in bytes and joules by the trapezoid rule, [N/A] skipped', () => {
    const samples = parseNvidiaSmiSamples(read('nvidia-smi-h200.csv'));
    expect(samples).toHaveLength(5);
    expect(samples[4]).toEqual({ memoryUsedBytes: 6210 * 2 ** 20, powerDrawW: null });
    const s = summariseNvidiaSmi(samples, 100);
    expect(s.peakDeviceMemoryBytes).toBe(6214 * 2 ** 20);
    expect(s.joules).toBeCloseTo(((74.31 + 118.92) / 2 + (118.92 + 402.57) / 2 + (402.57 + 655.1) / 2) * 0.1, 6);
  });

  it('nvidia-smi GPU list: name, memory and driver', () => {
    expect(parseNvidiaSmiGpus('NVIDIA H200, 143771, 570.86.15\n')).toEqual([
      {
        vendor: 'NVIDIA',
        model: 'NVIDIA H200',
        vramMb: 143771,
        source: 'nvidia-smi',
        driver: '570.86.15',
        software: false,
      },
    ]);
  });

  it('RAPL: joules between two readings, and across the counter wrap', () => {
    expect(
      raplJoules(
        read('intel-rapl-0-energy_uj-before'),
        read('intel-rapl-0-energy_uj-after'),
        read('intel-rapl-0-max_energy_range_uj'),
      ),
    ).toBeCloseTo(15, 6);
    expect(raplJoules('262143000000\n', '1000000\n', '262143328850\n')).toBeCloseTo(1.32885, 6);
    expect(() => raplJoules('x', '1', '2')).toThrow(/not a number/);
  });

  it('no RAPL: not exposed, with the reason', () => {
    expect(raplSource('/nonexistent-powercap')).toMatchObject({
      source: 'not exposed',
      reason: expect.stringMatching(/no RAPL counter.*ENOENT/),
    });
  });
});
