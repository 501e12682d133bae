/**
 * The acceptance path end to end: quick runs of the smoke suite on the null runtime, compared
 * through the CLI, and the CI gate (`run --baseline`) with its re-measurement and summary.md.
 * Timings never decide these tests on their own: the injected changes (20%) are far outside the
 * noise, and the small one (0.5%) is far inside the 5% threshold.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

function runSmoke(latencyUs: number, extra: string[] = []) {
  const dir = tempDir();
  const run = mlbench(['run', '--suite', 'smoke', '--runtime', 'null', '--results-dir', dir, '--no-report', '--set', `null.latencyUs=${latencyUs}`, ...extra]);
  const machineDir = path.join(dir, readdirSync(dir)[0]!);
  const file = path.join(machineDir, readdirSync(machineDir).find((f) => f.endsWith('.json'))!);
  return { run, file, machineDir };
}

describe('compare and gate on null-runtime runs', () => {
  const base = runSmoke(200);

  it('A against A: exit 0, unchanged', () => {
    const c = mlbench(['compare', base.file, base.file]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/result: 1 unchanged/);
  });

  it('+20% latency is a regression (exit 1); +0.5% is not', () => {
    const slow = runSmoke(240);
    const c = mlbench(['compare', base.file, slow.file]);
    expect(c.code, c.stdout).toBe(1);
    expect(c.stdout).toMatch(/latency\.p50 .* regression/);
    const tiny = runSmoke(201);
    const t = mlbench(['compare', base.file, tiny.file]);
    expect(t.code, t.stdout).toBe(0);
    expect(t.stdout).not.toMatch(/latency\.p50 .* regression/);
  });

  it('run --baseline confirms a real regression, exits 1 and writes summary.md', () => {
    const gate = runSmoke(240, ['--baseline', base.file, '--confirm', '1']);
    expect(gate.run.code, gate.run.stderr).toBe(1);
    expect(gate.run.stderr).toMatch(/confirmed 1/);
    const summary = readdirSync(gate.machineDir).find((f) => f.endsWith('.summary.md'));
    expect(summary).toBeDefined();
    expect(readFileSync(path.join(gate.machineDir, summary!), 'utf8')).toMatch(/\| job \| metric \|/);
  });

  it('run --baseline passes (exit 0) without a change, and refuses a missing baseline (exit 2)', () => {
    const same = runSmoke(200, ['--baseline', base.file]);
    expect(same.run.code, same.run.stdout).toBe(0);
    const missing = mlbench(['run', '--suite', 'smoke', '--runtime', 'null', '--no-report', '--baseline', '/nonexistent/base.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nonexistent\/base\.json/);
    expect(existsSync('/nonexistent')).toBe(false);
  });
});
