/**
 * The gate end to end on the null runtime: `mlbench compare` of single runs (a hint, never a
 * verdict), `mlbench ab` interleaving both sides in fresh processes, and `run --baseline`
 * re-measuring both sides when only a runtime knob differs. The injected change (20%) is far
 * outside the null runtime's run-to-run noise; timings never decide a test on their own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

const SHORT = ['--set', 'minDurationMs=200', '--set', 'minQueryCount=100'];

function runSmoke(latencyUs: number, extra: string[] = []) {
  const dir = tempDir();
  const run = mlbench(
    [
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--results-dir',
      dir,
      '--no-report',
      '--set',
      `null.latencyUs=${latencyUs}`,
      ...SHORT,
      ...extra,
    ],
    { timeoutMs: 300_000 },
  );
  const machineDir = path.join(dir, readdirSync(dir)[0]!);
  const file = path.join(
    machineDir,
    readdirSync(machineDir).find((f) => f.endsWith('.json'))!,
  );
  return { run, file, machineDir };
}

describe('compare, ab and run --baseline on null-runtime runs', () => {
  const base = runSmoke(200);

  it('one run per side: compare reports the ratio as not testable and exits 0, even at +20%', () => {
    const slow = runSmoke(240);
    const c = mlbench(['compare', base.file, slow.file]);
    expect(c.code, c.stdout).toBe(0);
    expect(c.stdout).toMatch(/latency\.p50 .*\+\d+\.\d%.*one run per side: not testable/);
  });

  it('mlbench ab: +20% over 5 interleaved runs per side is a regression (exit 1), with ab.json and the noise probe', () => {
    const dir = tempDir();
    const ab = mlbench(
      [
        'ab',
        '--a',
        'null.latencyUs=200',
        '--b',
        'null.latencyUs=240',
        '-n',
        '5',
        '--results-dir',
        dir,
        '--',
        'run',
        '--suite',
        'smoke',
        '--runtime',
        'null',
        ...SHORT,
      ],
      { timeoutMs: 600_000 },
    );
    expect(ab.code, ab.stdout + ab.stderr).toBe(1);
    expect(ab.stderr).toMatch(/random order \(seed \d+\) [AB]{10}/);
    expect(ab.stdout).toMatch(/latency\.p50 .* regression/);
    const root = path.join(dir, readdirSync(dir)[0]!);
    const record = JSON.parse(readFileSync(path.join(root, 'ab.json'), 'utf8'));
    expect(record.runs).toHaveLength(10);
    expect(record.noise.calibration.rounds).toBeGreaterThan(0);
    expect(record.comparison.regression).toBe(true);
  }, 600_000);

  it('run --baseline with a knob difference re-measures both sides, interleaved, and fails; without a change it passes', () => {
    const gate = runSmoke(240, ['--baseline', base.file, '--confirm', '5']);
    expect(gate.run.code, gate.run.stderr).toBe(1);
    expect(gate.run.stderr).toMatch(/1 re-measured on both sides/);
    const summary = readdirSync(gate.machineDir).find((f) => f.endsWith('.summary.md'));
    expect(readFileSync(path.join(gate.machineDir, summary!), 'utf8')).toMatch(
      /re-measured on both sides, interleaved/,
    );
    const same = runSmoke(200, ['--baseline', base.file]);
    expect(same.run.code, same.run.stdout).toBe(0);
  }, 600_000);

  it('bad input exits 2 naming the flag or file', () => {
    const missing = mlbench([
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--no-report',
      '--baseline',
      '/nonexistent/base.json',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nonexistent\/base\.json/);
    expect(existsSync('/nonexistent')).toBe(false);
    const side = mlbench(['ab', '--a', 'nonsense', '--b', 'null.latencyUs=1', '--', 'run', '--suite', 'smoke']);
    expect(side.code).toBe(2);
    expect(side.stderr).toMatch(/--a nonsense: not a side/);
    const order = mlbench([
      'ab',
      '--a',
      'null.latencyUs=1',
      '--b',
      'null.latencyUs=2',
      '--order',
      'zigzag',
      '--',
      'run',
    ]);
    expect(order.stderr).toMatch(/--order zigzag/);
  });
});
