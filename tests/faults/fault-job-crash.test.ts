/** Fault 1: a job process aborts (SIGABRT). It becomes a `crashed` result; the run goes on. */
import { describe, expect, it } from 'vitest';
import { FAST, mlbench, onlyResult, othersIntact, tempDir } from './helpers.js';

describe('fault: a job segfaults or aborts', () => {
  it('records crashed with the signal, exit 0 (1 with --fail-on-error), the other jobs intact', () => {
    const dir = tempDir();
    const args = ['run', '--suite', 'selftest', '--results-dir', dir, '--no-report', ...FAST];
    const run = mlbench(args);
    expect(run.code, run.stderr).toBe(0);
    const result = onlyResult(dir);
    const crash = result.jobs.find((j) => j.workload === 'crash')!;
    expect(crash.status).toBe('crashed');
    expect(crash.error).toMatchObject({ code: 'E_CRASH', message: expect.stringMatching(/SIGABRT/) });
    othersIntact(result, (j) => ['crash', 'hang', 'throw', 'oom'].includes(j.workload));
    const strict = mlbench([
      'run',
      '--suite',
      'selftest',
      '--results-dir',
      tempDir(),
      '--no-report',
      '--fail-on-error',
      ...FAST,
    ]);
    expect(strict.code).toBe(1);
  }, 120_000);
});
