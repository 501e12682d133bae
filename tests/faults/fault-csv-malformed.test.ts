/**
 * Fault 9: malformed CSV files given as user data, through the CLI: every kind exits 2 with
 * E_BAD_DATA naming the file and line, and nothing reaches the cache. NA is refused the same
 * wherever it first appears; a `;`-separated file is read, not called ragged.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from './helpers.js';

const CASES: Array<[string, string, RegExp]> = [
  ['ragged.csv', 'a,b,y\n1,2,x\n3,4\n', /ragged\.csv:3: ragged row/],
  ['quote.csv', 'a,b,y\n1,2,x\n3,"4,x\n', /quote\.csv:\d+: unclosed quote/],
  ['nonnum.csv', 'a,b,y\n1,2,x\n3,4,z\n5,oops,x\n', /nonnum\.csv:4: column "b" is numeric/],
  ['empty.csv', '', /empty\.csv:1: empty file/],
  ['header-only.csv', 'a,b,y\n', /header-only\.csv/],
  ['notarget.csv', 'a,b\n1,2\n', /notarget\.csv:1: target column "y" is not in the header/],
  ['oneclass.csv', 'a,y\n1,x\n2,x\n', /oneclass\.csv:2-3: target column "y" has one class/],
  // NA in a numeric column is refused by default, naming its first line wherever it appears.
  [
    'na-late.csv',
    'a,b,y\n1,2,x\n3,4,z\n5,NA,x\n',
    /na-late\.csv:4: missing value in numeric column "b".*--missing impute/,
  ],
  [
    'na-early.csv',
    'a,b,y\n1,NA,x\n3,4,z\n5,6,x\n',
    /na-early\.csv:2: missing value in numeric column "b".*--missing impute/,
  ],
];

describe('fault: a malformed CSV', () => {
  it('a ;-separated file is not malformed: its separator is detected', () => {
    const dir = tempDir();
    const file = path.join(dir, 'semicolon.csv');
    writeFileSync(file, 'a;b;y\n1;2;x\n3;4;z\n5;6;x\n');
    const r = mlbench(['datasets', 'prepare', `csv:${file}`, '--target', 'y', '--cache-dir', path.join(dir, 'cache')]);
    expect(r.code, r.stderr).toBe(0);
  });

  const dir = tempDir();
  const cacheDir = path.join(dir, 'cache');
  for (const [name, text, pattern] of CASES) {
    it(name, () => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const r = mlbench(['datasets', 'prepare', `csv:${file}`, '--target', 'y', '--cache-dir', cacheDir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/E_BAD_DATA/);
      expect(r.stderr).toMatch(pattern);
      expect(existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.bin')) : []).toEqual([]);
    });
  }
});
