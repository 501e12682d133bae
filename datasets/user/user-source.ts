/**
 * User data (`csv:path` or `parquet:path` with a target column) as a TabularSource, cached.
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
import { readCsvTable } from './csv-table.js';
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
export async function loadUserSource(ref: UserDataRef, target: string | undefined, opts: CacheOptions): Promise<TabularSource> {
  if (!target) throw new UsageError('E_BAD_FLAG', `--target is required with --dataset ${ref.format}:${ref.file} (the label column).`);
  const file = path.resolve(ref.file);
  const info = await stat(file).catch(() => {
    throw new UsageError('E_BAD_DATA', `${ref.file}: no such file (from --dataset ${ref.format}:${ref.file}).`);
  });
  const key = { dataset: 'user', format: ref.format, file, bytes: info.size, mtimeMs: info.mtimeMs, target };
  const entry = await loadOrBuild<UserExtra>({
    cacheDir: opts.cacheDir,
    name: `user-${ref.format}`,
    key,
    onRebuild: (reason) => opts.onEvent?.({ phase: 'rebuild', message: reason }),
    build: async () => {
      opts.onEvent?.({ phase: 'decode' });
      const t = ref.format === 'csv' ? await readCsvTable(ref.file, target) : await readParquetTable(ref.file, target);
      const arrays: CacheArrays = { labels: t.labels };
      t.numeric.forEach((col, c) => { arrays[`num:${c}`] = col; });
      t.categorical.forEach((col, c) => { arrays[`cat:${c}`] = col; });
      const { numericNames, categoricalNames, vocabularies, classes, rows } = t;
      return { arrays, extra: { numericNames, categoricalNames, vocabularies, target, classes, rows } };
    },
  });
  const x = entry.extra;
  const a = entry.arrays;
  const table: TabularTable = {
    rows: x.rows, numericNames: x.numericNames, categoricalNames: x.categoricalNames, vocabularies: x.vocabularies,
    numeric: x.numericNames.map((_n, c) => a[`num:${c}`] as Float64Array),
    categorical: x.categoricalNames.map((_n, c) => a[`cat:${c}`] as Int32Array),
    target: x.target, classes: x.classes, labels: a.labels as Uint8Array,
  };
  return {
    id: `${ref.format}:${ref.file}`, table, slices: userSplit(table.rows), trainSlices: ['train'], checksum: entry.checksum,
    source: { package: 'user', version: `mtime:${new Date(info.mtimeMs).toISOString()}`, file }, fromCache: entry.fromCache,
  };
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
