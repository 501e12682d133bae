/**
 * `mlbench run --resume <file>` from the file alone: an interrupted run prints the exact command
 * to finish it, that command (no other flag) reuses the recorded suites, runtimes and settings,
 * runs only the jobs the file lacks, and prints no hint once nothing is left.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResult } from '../../results/store.js';
import { mlbench, ROOT, tempDir } from '../helpers/cli.js';

const RUN = [
  'run',
  '--suite',
  'smoke',
  '--runtime',
  'null',
  '--repeat',
  '4',
  '--set',
  'null.latencyUs=40',
  '--min-duration',
  '300',
  '--min-queries',
  '50',
  '--no-report',
];

/** Runs `args` and sends SIGINT once the first job has ended. */
function interrupted(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mlbench.js'), ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/\[1\/4\]/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('run --resume <file>', () => {
  it('finishes an interrupted run from the file alone, with the printed command', async () => {
    const results = tempDir();
    const first = await interrupted([...RUN, '--results-dir', results]);
    expect(first.code, first.stderr).toBe(1);
    const hint = /\n {2}(mlbench run --resume (\S+))\n/.exec(first.stderr);
    expect(hint, first.stderr).not.toBeNull();
    const file = hint![2]!;
    const before = await readResult(file);
    const kept = before.jobs.filter((j) => j.status !== 'skipped');
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(4);

    // The printed command, word for word: no suite, runtime or setting repeated.
    const second = mlbench(hint![1]!.split(' ').slice(1));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`${kept.length} jobs carried over, ${4 - kept.length} to run`);
    expect(second.stderr).not.toContain('--resume');
    const resumed = await readResult(/result file: (\S+)/.exec(second.stdout)![1]!);
    expect(resumed.jobs.map((j) => j.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(resumed.settings).toEqual(before.settings);
    expect(resumed.command).toBe(before.command);
    // Jobs carried over are the same measurements, not re-runs.
    for (const j of kept) expect(resumed.jobs.find((r) => r.id === j.id)?.startedAt).toBe(j.startedAt);
  }, 120_000);

  it('refuses flags the file decides, naming them', async () => {
    const results = tempDir();
    const done = mlbench([
      ...RUN.slice(0, 5),
      '--min-duration',
      '50',
      '--min-queries',
      '20',
      '--no-report',
      '--results-dir',
      results,
    ]);
    expect(done.code, done.stderr).toBe(0);
    const file = /result file: (\S+)/.exec(done.stdout)![1]!;
    const r = mlbench(['run', '--resume', file, '--suite', 'smoke', '--min-queries', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('drop --suite, --min-queries');
  }, 60_000);
});
