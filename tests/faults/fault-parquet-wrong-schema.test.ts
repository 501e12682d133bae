/**
 * Fault 10: a Parquet file with the wrong schema (the real flights file of vega-datasets, asked for
 * a column it does not have) and a truncated Parquet file: exit 2 naming the file and the column.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, mlbench, tempDir } from './helpers.js';

const FLIGHTS = path.join(ROOT, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');

describe('fault: a parquet file with the wrong schema', () => {
  const dir = tempDir();
  it('a missing target column: exit 2 naming the file, the column and the columns it has', () => {
    const r = mlbench(
      ['datasets', 'prepare', `parquet:${FLIGHTS}`, '--target', 'late', '--cache-dir', path.join(dir, 'cache')],
      { timeoutMs: 120_000 },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_BAD_DATA/);
    expect(r.stderr).toContain(FLIGHTS);
    expect(r.stderr).toMatch(/target column "late" is not in the header.*delay/);
  }, 120_000);

  it('a truncated file: exit 2 naming the file', () => {
    const cut = path.join(dir, 'cut.parquet');
    writeFileSync(cut, readFileSync(FLIGHTS).subarray(0, 4096));
    const r = mlbench([
      'datasets',
      'prepare',
      `parquet:${cut}`,
      '--target',
      'delay',
      '--cache-dir',
      path.join(dir, 'cache'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_BAD_DATA/);
    expect(r.stderr).toContain(`${cut}: not a readable Parquet file`);
  });
});
