/**
 * User data (`csv:path` or `parquet:path` with a target column) as a TabularSource, cached.
 *
 * Missing numeric values (csv.missing = impute) are filled after the split, with the mean of
 * the column over the training rows only (the test rows never inform the fill), and a 0/1
 * `<column>_missing` indicator column is added; the rule and each fill value are recorded in
 * `source.preprocessing` (and so in each training job's result).
 *
 * Split rule (documented, deterministic): row i is 0-based among the data rows; test =
 * sample(all rows, round(rows / 5)) with the smallest-key rule of split/key.ts (seed 42); train =
 * every other row. Slices are named `train` and `test`. The cache key holds the absolute path,
 * size and modification time of the file and the target, so an edited file is decoded again.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../harness/errors.js';
import { loadOrBuild, type CacheArrays } from '../cache/binary-cache.js';
import type { CacheOptions } from '../flights/flights.js';
import { sampleSmallestKeys } from '../split/key.js';
import type { TabularSource, TabularTable } from '../tabular/types.js';
import { DEFAULT_CSV_OPTIONS, readCsvTable, type CsvOptions } from './csv-table.js';
import { readParquetTable } from './parquet-table.js';

/** A parsed `csv:path` / `parquet:path` dataset id. */
export interface UserDataRef {
  format: 'csv' | 'parquet';
  file: string;
}

/** Parses a user dataset id, or returns undefined when `id` is not one. */
export function parseUserDataRef(id: string): UserDataRef | undefined {
  const m = /^(csv|parquet):(.+)$/.exec(id);
  if (!m) return undefined;
  return { format: m[1] as 'csv' | 'parquet', file: m[2]! };
}

/** Fraction of user rows that go to the test slice. */
export const USER_TEST_FRACTION = 0.2;

interface UserExtra {
  numericNames: string[];
  categoricalNames: string[];
  vocabularies: string[][];
  target: string;
  classes: string[];
  rows: number;
}

/** Reads (or loads from the cache) a user table and splits it into train and test. */
export async function loadUserSource(
  ref: UserDataRef,
  target: string | undefined,
  opts: CacheOptions & { csv?: CsvOptions },
): Promise<TabularSource> {
  const csv = opts.csv ?? DEFAULT_CSV_OPTIONS;
  if (!target)
    throw new UsageError(
      'E_BAD_FLAG',
      `--target is required with --dataset ${ref.format}:${ref.file} (the label column).`,
    );
  const file = path.resolve(ref.file);
  const info = await stat(file).catch(() => {
    throw new UsageError('E_BAD_DATA', `${ref.file}: no such file (from --dataset ${ref.format}:${ref.file}).`);
  });
  const key = {
    dataset: 'user',
    format: ref.format,
    file,
    bytes: info.size,
    mtimeMs: info.mtimeMs,
    target,
    ...(ref.format === 'csv' ? { csv } : { na: csv.na, missing: csv.missing }),
  };
  const entry = await loadOrBuild<UserExtra>({
    cacheDir: opts.cacheDir,
    name: `user-${ref.format}`,
    key,
    onRebuild: (reason) => opts.onEvent?.({ phase: 'rebuild', message: reason }),
    build: async () => {
      opts.onEvent?.({ phase: 'decode' });
      const t =
        ref.format === 'csv'
          ? await readCsvTable(ref.file, target, csv)
          : await readParquetTable(ref.file, target, csv);
      const arrays: CacheArrays = { labels: t.labels };
      t.numeric.forEach((col, c) => {
        arrays[`num:${c}`] = col;
      });
      t.categorical.forEach((col, c) => {
        arrays[`cat:${c}`] = col;
      });
      const { numericNames, categoricalNames, vocabularies, classes, rows } = t;
      return { arrays, extra: { numericNames, categoricalNames, vocabularies, target, classes, rows } };
    },
  });
  const x = entry.extra;
  const a = entry.arrays;
  const table: TabularTable = {
    rows: x.rows,
    numericNames: x.numericNames,
    categoricalNames: x.categoricalNames,
    vocabularies: x.vocabularies,
    numeric: x.numericNames.map((_n, c) => a[`num:${c}`] as Float64Array),
    categorical: x.categoricalNames.map((_n, c) => a[`cat:${c}`] as Int32Array),
    target: x.target,
    classes: x.classes,
    labels: a.labels as Uint8Array,
  };
  const slices = userSplit(table.rows);
  const preprocessing = imputeMissing(table, slices.train);
  return {
    id: `${ref.format}:${ref.file}`,
    table,
    slices,
    trainSlices: ['train'],
    checksum: entry.checksum,
    source: {
      package: 'user',
      version: `mtime:${new Date(info.mtimeMs).toISOString()}`,
      file,
      ...(preprocessing.length ? { preprocessing } : {}),
    },
    fromCache: entry.fromCache,
  };
}

/**
 * Fills NaN in numeric columns with the column's mean over `train` rows and appends a 0/1
 * `<name>_missing` column after each filled one. Returns one line per filled column.
 */
export function imputeMissing(table: TabularTable, train: Uint32Array): string[] {
  const records: string[] = [];
  const names: string[] = [];
  const columns: TabularTable['numeric'] = [];
  table.numeric.forEach((col, c) => {
    names.push(table.numericNames[c]!);
    columns.push(col);
    let missing = 0;
    for (let i = 0; i < col.length; i++) if (Number.isNaN(col[i]!)) missing++;
    if (missing === 0) return;
    let sum = 0;
    let n = 0;
    for (const i of train)
      if (!Number.isNaN(col[i]!)) {
        sum += col[i]!;
        n++;
      }
    const mean = n > 0 ? sum / n : 0;
    const filled = Float64Array.from(col, (v) => (Number.isNaN(v) ? mean : v));
    columns[columns.length - 1] = filled;
    names.push(`${table.numericNames[c]}_missing`);
    columns.push(Uint8Array.from(col, (v) => (Number.isNaN(v) ? 1 : 0)));
    records.push(
      `${table.numericNames[c]}: ${missing} missing value(s) imputed with the training-rows mean ${Number(mean.toPrecision(6))} (from ${n} rows); indicator column ${table.numericNames[c]}_missing`,
    );
  });
  table.numericNames = names;
  table.numeric = columns;
  return records;
}

/** The train/test rows of a user table of `rows` rows. */
export function userSplit(rows: number): { train: Uint32Array; test: Uint32Array } {
  const all = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) all[i] = i;
  const [test] = sampleSmallestKeys(all, [Math.round(rows * USER_TEST_FRACTION)]);
  const inTest = new Uint8Array(rows);
  for (const i of test!) inTest[i] = 1;
  const train = all.filter((i) => inTest[i] === 0);
  return { train, test: test! };
}
