/**
 * SIGTERM (a CI cancel, `kubectl delete`) stops a run as Ctrl-C does: the job in flight is stopped
 * (its child gets SIGTERM; it is recorded `skipped`, so --resume runs it again), the jobs left are
 * skipped, the result file is written with what was measured and the resume command is printed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResult } from '../../results/store.js';
import { ROOT, tempDir } from '../helpers/cli.js';

/** Runs `args`, sends `signal` to mlbench alone once the second job has started. */
function stopped(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mlbench.js'), ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/\[1\/3\]/.test(stderr) && !child.killed) setTimeout(() => child.kill(signal), 500);
    });
    child.on('close', (code) => resolve({ code, stderr, ms: Date.now() - t0 }));
  });
}

describe('run stopped by SIGTERM', () => {
  it('stops the job in flight, writes the result and prints the resume command', async () => {
    const results = tempDir();
    const run = await stopped(
      [
        'run',
        '--suite',
        'smoke',
        '--runtime',
        'null',
        '--repeat',
        '3',
        '--set',
        'null.latencyUs=40',
        '--min-duration',
        '20s',
        '--min-queries',
        '50',
        '--timeout',
        '60s',
        '--no-report',
        '--results-dir',
        results,
      ],
      'SIGTERM',
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('interrupted (SIGTERM)');
    // The second job measures for 20 s; stopping it is what makes the run end well before that.
    expect(run.ms).toBeLessThan(60_000);
    const file = /mlbench run --resume (\S+)/.exec(run.stderr)?.[1];
    expect(file, run.stderr).toBeDefined();
    const result = await readResult(file!);
    expect(result.jobs.map((j) => j.status)).toEqual(['ok', 'skipped', 'skipped']);
    expect(result.jobs[1]!.error?.message).toMatch(/interrupted/);
    expect(result.plan?.args.slice(0, 3)).toEqual(['run', '--suite', 'smoke']);
  }, 120_000);
});
