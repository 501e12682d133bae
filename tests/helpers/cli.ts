/** Runs the built CLI (bin/mlbench.js -> dist/) in a child process and captures its output. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function mlbench(args: string[], opts: { timeoutMs?: number; env?: Record<string, string> } = {}): CliRun {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mlbench.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
    env: { ...process.env, ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

export function tempDir(prefix = 'mlbench-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
