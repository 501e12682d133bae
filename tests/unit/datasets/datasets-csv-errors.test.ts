import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../harness/errors.js';
import { readCsvTable } from '../../../datasets/user/csv-table.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-csv-'));
function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function failure(file: string, target = 'y'): Promise<UsageError> {
  const err = await readCsvTable(file, target).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).code).toBe('E_BAD_DATA');
  expect((err as UsageError).exitCode).toBe(2);
  return err as UsageError;
}

describe('user CSV errors name the file and line', () => {
  it('ragged row', async () => {
    const f = csv('ragged.csv', 'a,b,y\n1,2,x\n3,4\n5,6,z\n');
    expect((await failure(f)).message).toMatch(new RegExp(`${f}:3: ragged row`));
  });
  it('unclosed quote', async () => {
    const f = csv('quote.csv', 'a,b,y\n1,2,x\n3,"4,z\n5,6,z\n');
    expect((await failure(f)).message).toMatch(/quote\.csv:\d+: unclosed quote/);
  });
  it('non-numeric value in a numeric column', async () => {
    const f = csv('nonnum.csv', 'a,b,y\n1,2,x\n3,4,z\n5,q,x\n');
    expect((await failure(f)).message).toMatch(new RegExp(`${f}:4: column "b" is numeric .*"q"`));
  });
  it('empty file', async () => {
    const f = csv('empty.csv', '');
    expect((await failure(f)).message).toMatch(new RegExp(`${f}:1: empty file`));
  });
  it('header without rows', async () => {
    const f = csv('header.csv', 'a,b,y\n');
    expect((await failure(f)).message).toMatch(new RegExp(`${f}:1: no data rows`));
  });
  it('missing target column', async () => {
    const f = csv('target.csv', 'a,b,c\n1,2,3\n');
    expect((await failure(f)).message).toMatch(
      new RegExp(`${f}:1: target column "y" is not in the header. Columns: a, b, c`),
    );
  });
  it('single-class target', async () => {
    const f = csv('one.csv', 'a,b,y\n1,2,x\n3,4,x\n');
    expect((await failure(f)).message).toMatch(new RegExp(`${f}:2-3: target column "y" has one class`));
  });
  it('keeps leading zeros and casts numbers itself', async () => {
    const t = await readCsvTable(csv('ok.csv', 'zip,n,y\n02134,1.5,no\n10001,-2,yes\n'), 'y');
    expect(t.categoricalNames).toEqual(['zip']);
    expect(t.vocabularies[0]).toEqual(['02134', '10001']);
    expect([...t.numeric[0]!]).toEqual([1.5, -2]);
    expect(t.classes).toEqual(['no', 'yes']);
    expect([...t.labels]).toEqual([0, 1]);
  });
});
