/** Fault 11: a truncated result JSON, given to report and compare: exit 2 naming the file. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST, mlbench, resultFiles, tempDir } from './helpers.js';

describe('fault: a truncated result JSON', () => {
  it('exits 2 with E_RESULT_FILE naming the file and saying it may be truncated', () => {
    const dir = tempDir();
    const run = mlbench(['run', '--suite', 'smoke', '--runtime', 'null', '--results-dir', dir, '--no-report', ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    const [good] = resultFiles(dir);
    const cut = path.join(dir, 'cut.json');
    const text = readFileSync(good!, 'utf8');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    for (const args of [
      ['compare', good!, cut],
      ['compare', cut, good!],
    ]) {
      const r = mlbench(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/E_RESULT_FILE/);
      expect(r.stderr).toContain(cut);
      expect(r.stderr).toMatch(/truncated/);
    }
    expect(readFileSync(good!, 'utf8')).toBe(text);
  }, 60_000);
});
