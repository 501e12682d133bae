/** `mlbench history`: 10 runs with a +10% step at run 6 -> one regression at run 6; flat runs -> none. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';
import { historyRuns, noisySeries, stepLevels } from '../helpers/history-runs.js';

function writeRuns(dir: string, values: number[]): void {
  for (const r of historyRuns(values)) {
    mkdirSync(path.join(dir, r.machine.id), { recursive: true });
    writeFileSync(path.join(dir, r.machine.id, `${r.runId}.json`), JSON.stringify(r));
  }
}

describe('mlbench history', () => {
  it('finds the +10% step at run 6 and nothing else, writes JSON, Markdown and the trend chart', () => {
    const root = tempDir();
    writeRuns(path.join(root, 'results'), noisySeries(stepLevels(10, 6, 0.1), 0.03, 11));
    const out = path.join(root, 'history');
    const run = mlbench(['history', path.join(root, 'results'), '-o', out, '--json', '--fail-on-regression']);
    expect(run.code, run.stderr).toBe(1);
    const { regressions, improvements } = JSON.parse(run.stdout);
    expect(
      regressions.map((s: { job: string; metric: string; at: { run: number } }) => [s.job, s.metric, s.at.run]),
    ).toEqual([['smoke/w/null/single-stream', 'latency', 6]]);
    expect(improvements).toEqual([]);
    expect(readFileSync(path.join(out, 'regressions.md'), 'utf8')).toMatch(/## Regressions \(1\)/);
    expect(JSON.parse(readFileSync(path.join(out, 'history.json'), 'utf8')).runs).toHaveLength(10);
    const chart = path.join(out, 'report', 'charts', 'smoke-history-trend.svg');
    expect(existsSync(chart)).toBe(true);
    expect(readFileSync(chart, 'utf8')).toMatch(/\+\d+\.\d%/);
  });

  it('finds nothing in 10 flat runs with ±3% noise, and names a bad --threshold', () => {
    const root = tempDir();
    writeRuns(path.join(root, 'results'), noisySeries(stepLevels(10, 11, 0), 0.03, 12));
    const run = mlbench([
      'history',
      path.join(root, 'results'),
      '-o',
      path.join(root, 'h'),
      '--no-report',
      '--fail-on-regression',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/## Regressions \(0\)\n\nNone\./);
    expect(run.stdout).toMatch(/## Improvements \(0\)/);
    const bad = mlbench(['history', path.join(root, 'results'), '--threshold', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--threshold lots/);
  });
});
