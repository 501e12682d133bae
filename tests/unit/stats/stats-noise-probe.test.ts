import { describe, expect, it } from 'vitest';
import { formatNoiseProbe, probeNoise } from '../../../harness/system/noise-probe.js';

describe('noise probe', () => {
  it('records load, steal and busy shares, and the calibration loop (shape only: timings never decide a test)', () => {
    const p = probeNoise(3, 10_000);
    expect(p.loadAverage).toHaveLength(3);
    expect(p.cores).toBeGreaterThan(0);
    expect(p.calibration.rounds).toBe(3);
    expect(p.calibration.medianMs).toBeGreaterThan(0);
    expect(p.calibration.cv).toBeGreaterThanOrEqual(0);
    if (p.stealShare !== null) expect(p.stealShare).toBeGreaterThanOrEqual(0);
    expect(formatNoiseProbe(p)).toMatch(/^load \d+\.\d+\/\d+ cores, CPU steal .*calibration loop .* over 3 rounds\)$/);
  });
});
