/** Fault 12: a result JSON of a future schemaVersion: refused with exit 2, naming the file and the upgrade. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST, mlbench, resultFiles, tempDir } from './helpers.js';

describe('fault: a result JSON of a future schema', () => {
  it('exits 2 with E_RESULT_VERSION naming the file', () => {
    const dir = tempDir();
    const run = mlbench(['run', '--suite', 'smoke', '--runtime', 'null', '--results-dir', dir, '--no-report', ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    const [good] = resultFiles(dir);
    const future = path.join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ ...JSON.parse(readFileSync(good!, 'utf8')), schemaVersion: 99 }));
    for (const args of [
      ['compare', good!, future],
      ['compare', future, good!],
    ]) {
      const r = mlbench(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/E_RESULT_VERSION/);
      expect(r.stderr).toContain(future);
      expect(r.stderr).toMatch(/schemaVersion 99 is newer.*upgrade mlbench/);
    }
    const report = mlbench(['report', good!, future, '--output', path.join(dir, 'report')]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain(future);
  }, 60_000);
});
