/**
 * Fault 23: a results folder that is not writable. `mlbench run` refuses it before any job runs:
 * exit 2, the folder and the reason named, no job started, no result file. As root (where
 * permission bits do not stop a write) the folder is made immutable, or a read-only tmpfs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

const undo: Array<() => void> = [];
afterAll(() => {
  for (const u of undo.reverse()) u();
});

function writable(dir: string): boolean {
  try {
    writeFileSync(path.join(dir, '.probe'), 'x');
    spawnSync('rm', ['-f', path.join(dir, '.probe')]);
    return true;
  } catch {
    return false;
  }
}

/** Makes `dir` unwritable for this user: permission bits, else chattr +i, else a read-only tmpfs. */
function makeUnwritable(dir: string): void {
  chmodSync(dir, 0o555);
  undo.push(() => chmodSync(dir, 0o755));
  if (!writable(dir)) return;
  if (spawnSync('chattr', ['+i', dir]).status === 0) {
    undo.push(() => spawnSync('chattr', ['-i', dir]));
    if (!writable(dir)) return;
  }
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir]).status === 0) {
    undo.push(() => spawnSync('umount', [dir]));
    if (!writable(dir)) return;
  }
  throw new Error(`cannot make ${dir} unwritable on this machine`);
}

describe('fault: the results folder is not writable', () => {
  it('exits 2 before any job, naming the folder and the reason', () => {
    const root = tempDir();
    const results = path.join(root, 'results');
    mkdirSync(results);
    makeUnwritable(results);
    const r = mlbench([
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--results-dir',
      results,
      '--no-report',
      '--min-duration',
      '50',
      '--min-queries',
      '20',
    ]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--results-dir');
    expect(r.stderr).toContain(results);
    expect(r.stderr).toMatch(/EACCES|EPERM|EROFS/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    // No job ran: no progress line, no summary, nothing written.
    expect(r.stderr).not.toMatch(/\[\d+\/\d+\]/);
    expect(r.stdout).not.toContain('result file:');
    expect(existsSync(results) ? readdirSync(results) : []).toEqual([]);
  });

  it('refuses an unwritable --report-dir the same way, before any job', () => {
    const root = tempDir();
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const r = mlbench([
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--results-dir',
      path.join(root, 'results'),
      '--report-dir',
      path.join(file, 'report'),
    ]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--report-dir ${path.join(file, 'report')}`);
    expect(r.stderr).toContain('ENOTDIR');
    expect(r.stderr).not.toMatch(/\[\d+\/\d+\]/);
  });
});
