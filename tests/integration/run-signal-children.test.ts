/**
 * SIGTERM and SIGINT to `mlbench run` leave no job process behind: the job in flight is a child
 * process (harness/isolate/runner.ts), and it must be gone once mlbench has exited, even when it
 * ignores SIGTERM (`null.fail=hang` installs a handler its busy loop never yields to, so only the
 * SIGKILL that follows the grace period ends it). Linux only: descendants are read from /proc.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

/** Live descendants of `root`, read from /proc/<pid>/stat (field 4 is the parent pid). */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: fields after it follow the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(name), ppid);
    } catch {
      // The process ended while /proc was read.
    }
  }
  const found: number[] = [];
  for (let frontier = [root]; frontier.length;) {
    frontier = [...parentOf].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...frontier);
  }
  return found;
}

/** The command line of `pid` ('' once it is gone). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** True while `pid` exists and is not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The job processes still alive, SIGKILLed so that a failing test leaves no busy loop behind. */
function survivors(pids: number[]): number[] {
  const left = pids.filter(alive);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  return left;
}

/**
 * Starts a hanging null job, sends `signal` to mlbench once its job process exists (`times` times,
 * 300 ms apart: the second abandons the run) and returns that job's pids.
 */
function stopWhileJobRuns(
  signal: NodeJS.Signals,
  times = 1,
): Promise<{ code: number | null; stderr: string; jobPids: number[] }> {
  const args = [
    'run',
    '--suite',
    'smoke',
    '--runtime',
    'null',
    '--set',
    'null.fail=hang',
    '--timeout',
    '120s',
    '--no-report',
    '--results-dir',
    tempDir(),
  ];
  return new Promise((resolve) => {
    const mlbench = spawn(process.execPath, [path.join(ROOT, 'bin', 'mlbench.js'), ...args], { cwd: ROOT });
    let stderr = '';
    let jobPids: number[] = [];
    mlbench.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      // The probes are done (the "N jobs on ..." line follows their process's close) and the job's
      // process is up (harness/isolate/child.js): give the hang a moment to install its handler.
      if (jobPids.length || !/ jobs on /.test(stderr)) return;
      jobPids = descendants(mlbench.pid!).filter((pid) => commandLine(pid).includes('child.js'));
      for (let i = 0; jobPids.length && i < times; i++) setTimeout(() => mlbench.kill(signal), 1500 + 300 * i);
    }, 100);
    mlbench.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stderr, jobPids });
    });
  });
}

describe.skipIf(process.platform !== 'linux')('run stopped by a signal leaves no job process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: the job's process (which ignores SIGTERM) is gone when mlbench exits`, async () => {
      const run = await stopWhileJobRuns(signal);
      expect(run.jobPids.length, run.stderr).toBeGreaterThan(0);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`interrupted (${signal})`);
      expect(survivors(run.jobPids), `job processes still alive after ${signal}`).toEqual([]);
    }, 90_000);
  }

  it('a second SIGTERM abandons the run at once (exit 130) and still takes the job process down', async () => {
    const run = await stopWhileJobRuns('SIGTERM', 2);
    expect(run.jobPids.length, run.stderr).toBeGreaterThan(0);
    expect(run.code, run.stderr).toBe(130);
    await new Promise((r) => setTimeout(r, 500));
    expect(survivors(run.jobPids), 'job processes still alive after a second SIGTERM').toEqual([]);
  }, 90_000);
});
