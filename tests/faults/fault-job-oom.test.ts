/** Fault 3: a job fills its V8 heap. It becomes an `oom` result naming the setting to raise. */
import { describe, expect, it } from 'vitest';
import { FAST, mlbench, onlyResult, tempDir } from './helpers.js';

describe('fault: a job runs out of memory', () => {
  it('records oom with the memoryLimitMb advice; the run exits 0', () => {
    const dir = tempDir();
    const run = mlbench([
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--set',
      'null.fail=oom',
      '--set',
      'memoryLimitMb=96',
      '--results-dir',
      dir,
      '--no-report',
      ...FAST,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const job = onlyResult(dir).jobs[0]!;
    expect(job.status).toBe('oom');
    expect(job.error).toMatchObject({ code: 'E_OOM', message: expect.stringMatching(/memoryLimitMb/) });
    expect(job.memory!.peakRssBytes).toBeGreaterThan(0);
  }, 60_000);
});
