/**
 * `mlbench list`: every suite shows its expected time (the plan's cost estimate over the runtimes
 * available here) and, once a run at the profile recorded it on this machine, the time it took;
 * when the output is not a terminal the unavailable reasons are whole.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('mlbench list', () => {
  it('shows the expected time per suite and keeps whole reasons off a terminal', () => {
    const json = mlbench(['list', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const { suites, runtimes } = JSON.parse(json.stdout) as {
      suites: Array<{ id: string; expectedSeconds: number }>;
      runtimes: Array<{ id: string; reason?: string }>;
    };
    for (const s of suites) expect(s.expectedSeconds, s.id).toBeGreaterThan(0);
    const empty = tempDir();
    const text = mlbench(['list', '--results-dir', empty]).stdout;
    for (const s of suites)
      expect(text).toMatch(new RegExp(`\\n  ${s.id}( \\*)?: .*\\(expected ~${s.expectedSeconds} s\\)`));
    // Piped (spawnSync is not a TTY): the first line of every reason is printed whole, however long.
    for (const r of runtimes.filter((x) => x.reason)) expect(text, r.id).toContain(r.reason!.split('\n')[0]!);
  }, 120_000);

  it('shows the time a suite took in the last run here at the profile', () => {
    const results = tempDir();
    const run = mlbench([
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--min-duration',
      '100',
      '--min-queries',
      '32',
      '--no-report',
      '--results-dir',
      results,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const json = mlbench(['list', '--json', '--results-dir', results]);
    const { suites } = JSON.parse(json.stdout) as {
      suites: Array<{ id: string; measured: { seconds: number; startedAt: string } | null }>;
    };
    const smoke = suites.find((s) => s.id === 'smoke')!;
    expect(smoke.measured, json.stderr).not.toBeNull();
    const [machine] = readdirSync(results);
    const file = readdirSync(path.join(results, machine!)).find((f) => f.endsWith('.json'))!;
    const result = JSON.parse(readFileSync(path.join(results, machine!, file), 'utf8')) as {
      startedAt: string;
      jobs: Array<{ suite: string; wallMs: number }>;
    };
    const wallMs = result.jobs.filter((j) => j.suite === 'smoke').reduce((sum, j) => sum + j.wallMs, 0);
    expect(wallMs).toBeGreaterThan(0);
    expect(smoke.measured).toEqual({ seconds: Math.round(wallMs / 1000), startedAt: result.startedAt });
    expect(suites.find((s) => s.id === 'tabular')!.measured).toBeNull();
    expect(mlbench(['list', '--results-dir', results]).stdout).toMatch(
      /\n {2}smoke \*: .*; took \d+ s here on \d{4}-\d\d-\d\d\)/,
    );
  }, 180_000);
});
