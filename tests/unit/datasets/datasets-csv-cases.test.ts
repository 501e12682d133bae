/**
 * The CSV kinds users bring (tests/fixtures/cases/csv, see its README): the benchm-ml airline
 * layout, a `;`-separated export with decimal commas, and NA / empty cells in numeric columns,
 * wherever the first one appears.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvTable, type CsvOptions } from '../../../datasets/user/csv-table.js';
import { imputeMissing, userSplit } from '../../../datasets/user/user-source.js';
import { ROOT, tempDir } from '../../helpers/cli.js';

const CASES = path.join(ROOT, 'tests/fixtures/cases/csv');
const Y = 'dep_delayed_15min';
const opts = (o: Partial<CsvOptions> = {}): CsvOptions => ({ delimiter: 'auto', na: ['NA'], missing: 'refuse', ...o });
const error = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: Error) => e.message,
  );

/** The file with its first data row moved to the end (so the first NA appears last). */
function naLast(name: string): string {
  const [header, first, ...rest] = readFileSync(path.join(CASES, name), 'utf8').trimEnd().split('\n');
  const file = path.join(tempDir(), `moved-${name}`);
  writeFileSync(file, [header, ...rest, first].join('\n') + '\n');
  return file;
}

describe('CSV cases', () => {
  it('reads the airline layout: c-N calendar columns categorical, DepTime and Distance numeric', async () => {
    const t = await readCsvTable(path.join(CASES, 'airline-2k.csv'), Y, opts());
    expect(t.rows).toBe(2000);
    expect(t.categoricalNames).toEqual(['Month', 'DayofMonth', 'DayOfWeek', 'UniqueCarrier', 'Origin', 'Dest']);
    expect(t.numericNames).toEqual(['DepTime', 'Distance']);
    expect(t.classes).toEqual(['N', 'Y']);
  });

  it('detects ";" with decimal commas, and hints at it when another separator is forced', async () => {
    const file = path.join(CASES, 'airline-semicolon.csv');
    const t = await readCsvTable(file, Y, opts());
    expect(t.numericNames).toEqual(['DepTime', 'Distance', 'AirTime']);
    expect(t.numeric[2]![0]).toBeCloseTo(310.9, 6);
    expect(await error(readCsvTable(file, Y, opts({ delimiter: ',' })))).toMatch(
      /airline-semicolon\.csv:\d+: .* The header looks split by ";", not ",": try --delimiter ';'/,
    );
    expect((await readCsvTable(file, Y, opts({ delimiter: ';' }))).rows).toBe(t.rows);
  });

  for (const name of ['airline-na-only.csv', 'airline-na.csv']) {
    it(`${name}: refused naming file and line wherever the first NA is; imputed by option`, async () => {
      const first = await error(readCsvTable(path.join(CASES, name), Y, opts()));
      expect(first).toMatch(new RegExp(`${name}:2: missing value in numeric column "DepTime" .*--missing impute`));
      const moved = naLast(name);
      const last = await error(readCsvTable(moved, Y, opts()));
      expect(last).toMatch(new RegExp(`moved-${name}:\\d+: missing value in numeric column "DepTime"`));
      for (const file of [path.join(CASES, name), moved]) {
        const t = await readCsvTable(file, Y, opts({ missing: 'impute' }));
        expect(t.numericNames).toEqual(['DepTime', 'Distance']);
        expect(t.categoricalNames).not.toContain('DepTime');
        const records = imputeMissing(t, userSplit(t.rows).train);
        expect(t.numericNames).toContain('DepTime_missing');
        expect(records.join('\n')).toMatch(/DepTime: \d+ missing value\(s\) imputed with the training-rows mean/);
        expect(t.numeric.every((col) => Array.from(col).every(Number.isFinite))).toBe(true);
      }
    });
  }

  it('treats --na tokens as missing and refuses a stray non-number in a numeric column with its line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'q.csv');
    writeFileSync(file, 'a,b,y\n1,2,x\n3,?,z\n5,6,x\n7,8,z\n');
    expect(await error(readCsvTable(file, 'y', opts()))).toMatch(
      /q\.csv:3: column "b" is numeric \(3 of 4 values are numbers\) but has the non-numeric value "\?"; .*--na "\?"/,
    );
    expect(await error(readCsvTable(file, 'y', opts({ na: ['NA', '?'] })))).toMatch(
      /q\.csv:3: missing value in numeric column "b"/,
    );
  });
});
