/**
 * Fault 17: an optional runtime that is not installed (tfjs-node here). Its job is recorded
 * `unavailable` with the reason and the install command; the other jobs run; exit 0.
 */
import { describe, expect, it } from 'vitest';
import { FAST, mlbench, onlyResult, othersIntact, tempDir } from './helpers.js';

describe('fault: an unavailable optional runtime', () => {
  it('records unavailable with the install command; the ort-node jobs are ok', () => {
    const dir = tempDir();
    const run = mlbench([
      'run',
      '--suite',
      'zoo',
      '--runtime',
      'ort-node:cpu,tfjs-node:tensorflow',
      '--scenario',
      'single-stream',
      '--results-dir',
      dir,
      '--no-report',
      ...FAST,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = onlyResult(dir);
    const missing = result.jobs.filter((j) => j.runtime.id === 'tfjs-node');
    expect(missing.length).toBeGreaterThan(0);
    for (const j of missing) expect(j.status).toBe('unavailable');
    expect(missing[0]!.error!.message).toMatch(
      /@tensorflow\/tfjs-node is not installed: npm install @tensorflow\/tfjs-node/,
    );
    othersIntact(result, (j) => j.runtime.id === 'tfjs-node');
    expect(result.jobs.filter((j) => j.runtime.id === 'ort-node')).toHaveLength(missing.length);
    expect((run.stdout + run.stderr).match(/tfjs-node is not installed/g)).toHaveLength(1); // said once, not per job
  }, 60_000);
});
