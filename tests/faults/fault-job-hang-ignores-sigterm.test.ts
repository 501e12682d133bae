/**
 * Fault 2: a job hangs in a busy loop with a SIGTERM handler installed, so SIGTERM cannot stop it
 * (`null.fail=hang` does exactly that); the harness escalates to SIGKILL after the grace period.
 */
import { describe, expect, it } from 'vitest';
import { FAST, mlbench, onlyResult, tempDir } from './helpers.js';

describe('fault: a job hangs past the timeout while ignoring SIGTERM', () => {
  it('records timeout, naming the timeout flag and the SIGKILL that followed', () => {
    const dir = tempDir();
    const run = mlbench([
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--set',
      'null.fail=hang',
      '--timeout',
      '8s',
      '--results-dir',
      dir,
      '--no-report',
      ...FAST,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const job = onlyResult(dir).jobs[0]!;
    expect(job.status).toBe('timeout');
    expect(job.error!.code).toBe('E_TIMEOUT');
    expect(job.error!.message).toMatch(/timeout of 8000 ms.*--timeout.*SIGTERM, then SIGKILL/);
    expect(job.wallMs).toBeGreaterThanOrEqual(8000);
  }, 60_000);
});
