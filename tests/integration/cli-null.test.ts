/**
 * End to end through the built CLI on the null runtime: a run with healthy jobs beside jobs
 * that crash, hang, throw and run out of memory. Every failure must become data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

function onlyResult(dir: string) {
  const machines = readdirSync(dir);
  expect(machines).toHaveLength(1);
  const files = readdirSync(path.join(dir, machines[0]!)).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const file = path.join(dir, machines[0]!, files[0]!);
  return parseResult(readFileSync(file, 'utf8'), file);
}

describe('mlbench run on the null runtime', () => {
  it('records crash, timeout, failure and OOM as data while the other jobs stay ok', () => {
    const dir = tempDir();
    const run = mlbench(['run', '--suite', 'selftest', '--results-dir', dir, '--no-report']);
    expect(run.code, run.stderr).toBe(0);
    const result = onlyResult(dir);
    const status = Object.fromEntries(result.jobs.map((j) => [j.workload, j.status]));
    expect(status).toEqual({
      'healthy-before': 'ok',
      crash: 'crashed',
      hang: 'timeout',
      throw: 'failed',
      oom: 'oom',
      'healthy-after': 'ok',
    });
    const hang = result.jobs.find((j) => j.workload === 'hang')!;
    expect(hang.wallMs).toBeLessThan(60_000); // ended by SIGKILL, not hung: a bound, not a timing
    expect(hang.error?.message).toMatch(/timeout of 3000 ms/);
    expect(result.jobs.find((j) => j.workload === 'crash')!.error?.message).toMatch(/SIGABRT/);
    for (const j of result.jobs) expect(j.memory?.peakRssBytes).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/result file: /);
  });

  it('exits 1 on a crash only with --fail-on-error', () => {
    const dir = tempDir();
    const args = ['run', '--suite', 'smoke', '--runtime', 'null', '--set', 'null.fail=crash', '--no-report'];
    const plain = mlbench([...args, '--results-dir', dir]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(onlyResult(dir).jobs[0]!.status).toBe('crashed');
    const strict = mlbench([...args, '--results-dir', tempDir(), '--fail-on-error']);
    expect(strict.code).toBe(1);
  });

  it('records a hang that ignores SIGTERM as timeout with --timeout 5s (SIGKILL follows)', () => {
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
      '5s',
      '--results-dir',
      dir,
      '--no-report',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const job = onlyResult(dir).jobs[0]!;
    expect(job.status).toBe('timeout');
    expect(job.wallMs).toBeGreaterThanOrEqual(5000);
    expect(job.wallMs).toBeLessThan(60_000); // ended by SIGKILL, not hung: a bound, not a timing
  });

  it('writes raw samples and nanosecond percentiles for ok jobs', () => {
    const dir = tempDir();
    const run = mlbench([
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--results-dir',
      dir,
      '--no-report',
      '--set',
      'null.latencyUs=50',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const job = onlyResult(dir).jobs[0]!;
    expect(job.status).toBe('ok');
    expect(job.samplesNs!.length).toBe(job.queryCount);
    expect(job.latencyNs!.p50).toBeGreaterThanOrEqual(50_000);
    expect(job.settings['null.latencyUs']).toBe(50);
    expect(run.stdout).toMatch(/logreg-32\s+null\s+single-stream\s+ok/);
  });

  it('refuses an unknown runtime with exit 2, naming it and listing the valid ones', () => {
    const run = mlbench(['run', '--runtime', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_UNKNOWN_RUNTIME.*"nope".*Valid values: null, /);
  });

  it('prints valid JSON from info --json and list --json', () => {
    const info = mlbench(['info', '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).id).toMatch(/^[a-z0-9-]+-[0-9a-f]{10}$/);
    const list = mlbench(['list', '--json']);
    expect(list.code).toBe(0);
    const parsed = JSON.parse(list.stdout);
    expect(parsed.runtimes.find((r: { id: string }) => r.id === 'null').available).toBe(true);
    expect(parsed.suites.map((s: { id: string }) => s.id)).toContain('smoke');
  });
});
