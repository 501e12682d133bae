/**
 * The two functions a tabular training workload calls:
 * - loadRawSplit: the raw columns of the training slice and of the test slice (benchm-ml gives
 *   every tool these and lets each encode them its own way; the peers get them as files);
 * - loadTabularSplit: the same, encoded with mlbench's own encoding (encode.ts), fitted on the
 *   training slice only, for the tfjs models.
 * Flights splits are cached one entry per training slice, keyed by the source file, so a job
 * that finds its entry reads its own rows only and never the 3M-row table (its peak RSS then
 * holds the data it trains on, as a peer's does).
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../../harness/errors.js';
import { loadOrBuild, type CacheArrays } from '../cache/binary-cache.js';
import { flightsSourceKey, type CacheOptions } from '../flights/flights.js';
import type { CsvOptions } from '../user/csv-table.js';
import { encodeSlice, fitEncoding } from './encode.js';
import { loadTabularSource } from './sources.js';
import type {
  CategoricalColumn,
  DatasetSource,
  NumericColumn,
  NumericRole,
  RawSplit,
  TabularSource,
  TabularSplit,
  TabularTable,
} from './types.js';

/** Options of {@link loadTabularSplit}. */
export interface TabularSplitOptions extends CacheOptions {
  /** Target column of user data (`csv:` / `parquet:`); ignored by built-in datasets. */
  target?: string;
  /** Separator and missing-value handling of user data (settings csv.*); ignored by built-in datasets. */
  csv?: CsvOptions;
}

/** Bump when the raw split entry's layout changes. */
const RAW_SPLIT_LAYOUT = 'raw-split/1';

interface RawExtra {
  numericNames: string[];
  numericRoles: NumericRole[] | null;
  categoricalNames: string[];
  vocabularies: string[][];
  target: string;
  classes: string[];
  sourceChecksum: string;
  source: DatasetSource;
  trainChecksum: string;
  testChecksum: string;
}

/**
 * The raw training slice `trainSlice` and test slice of `datasetId`. Flights: trainSlice is
 * train_10k | train_100k | train_1m | train_full; user data and iris: `train`;
 * synthetic-tabular: `train_<rows>` (e.g. train_10k).
 */
export async function loadRawSplit(
  datasetId: string,
  trainSlice: string,
  opts: TabularSplitOptions,
): Promise<RawSplit> {
  if (datasetId !== 'flights')
    return rawSplitOf(await checkedSource(datasetId, trainSlice, opts), datasetId, trainSlice);
  const entry = await loadOrBuild<RawExtra>({
    cacheDir: opts.cacheDir,
    name: `flights-${trainSlice}-raw`,
    key: { ...(await flightsSourceKey()), trainSlice, testSlice: 'test', layout: RAW_SPLIT_LAYOUT },
    onRebuild: (reason) => opts.onEvent?.({ phase: 'rebuild', message: reason }),
    build: async () => {
      const split = rawSplitOf(await checkedSource(datasetId, trainSlice, opts), datasetId, trainSlice);
      const arrays: CacheArrays = {};
      for (const part of ['train', 'test'] as const) {
        const t = split[part];
        t.numeric.forEach((col, c) => {
          arrays[`${part}:num:${c}`] = col;
        });
        t.categorical.forEach((col, c) => {
          arrays[`${part}:cat:${c}`] = col;
        });
        arrays[`${part}:labels`] = t.labels;
      }
      const t = split.train;
      return {
        arrays,
        extra: {
          numericNames: t.numericNames,
          numericRoles: t.numericRoles ?? null,
          categoricalNames: t.categoricalNames,
          vocabularies: t.vocabularies,
          target: t.target,
          classes: t.classes,
          sourceChecksum: split.source.checksum,
          source: split.source.source,
          trainChecksum: split.trainChecksum,
          testChecksum: split.testChecksum,
        },
      };
    },
  });
  const x = entry.extra;
  const a = entry.arrays;
  const table = (part: 'train' | 'test'): TabularTable => ({
    rows: (a[`${part}:labels`] as Uint8Array).length,
    numericNames: x.numericNames,
    numeric: x.numericNames.map((_n, c) => a[`${part}:num:${c}`] as NumericColumn),
    ...(x.numericRoles ? { numericRoles: x.numericRoles } : {}),
    categoricalNames: x.categoricalNames,
    categorical: x.categoricalNames.map((_n, c) => a[`${part}:cat:${c}`] as CategoricalColumn),
    vocabularies: x.vocabularies,
    target: x.target,
    classes: x.classes,
    labels: a[`${part}:labels`] as Uint8Array,
  });
  return {
    train: table('train'),
    test: table('test'),
    trainSlice,
    trainChecksum: x.trainChecksum,
    testChecksum: x.testChecksum,
    source: { datasetId, checksum: x.sourceChecksum, source: x.source },
    fromCache: entry.fromCache,
  };
}

/** The raw split encoded with mlbench's own encoding, fitted on the training slice only. */
export async function loadTabularSplit(
  datasetId: string,
  trainSlice: string,
  opts: TabularSplitOptions,
): Promise<TabularSplit> {
  const raw = await loadRawSplit(datasetId, trainSlice, opts);
  const all = (t: TabularTable) => Uint32Array.from({ length: t.rows }, (_v, i) => i);
  const encoding = fitEncoding(datasetId, raw.train, trainSlice, all(raw.train));
  return {
    train: encodeSlice(raw.train, trainSlice, all(raw.train), encoding),
    test: encodeSlice(raw.test, 'test', all(raw.test), encoding),
    encoding,
    source: raw.source,
    fromCache: raw.fromCache,
  };
}

async function checkedSource(datasetId: string, trainSlice: string, opts: TabularSplitOptions): Promise<TabularSource> {
  const source = await loadTabularSource(datasetId, trainSlice, opts);
  if (!source.trainSlices.includes(trainSlice)) {
    throw new UsageError(
      'E_DATASET',
      `dataset ${datasetId}: "${trainSlice}" is not a training slice. Valid values: ${source.trainSlices.join(', ')}.`,
    );
  }
  return source;
}

function rawSplitOf(source: TabularSource, datasetId: string, trainSlice: string): RawSplit {
  const train = subsetTable(source.table, source.slices[trainSlice]!);
  const test = subsetTable(source.table, source.slices.test!);
  return {
    train,
    test,
    trainSlice,
    trainChecksum: tableChecksum(train),
    testChecksum: tableChecksum(test),
    source: { datasetId, checksum: source.checksum, source: source.source },
    fromCache: source.fromCache,
  };
}

/** The rows `rows` of `table`, as a table of their own (same column types and vocabularies). */
export function subsetTable(table: TabularTable, rows: Uint32Array): TabularTable {
  const take = <T extends NumericColumn | CategoricalColumn | Uint8Array>(col: T): T => {
    const out = new (col.constructor as new (n: number) => T)(rows.length);
    for (let j = 0; j < rows.length; j++) out[j] = col[rows[j]!]!;
    return out;
  };
  return {
    ...table,
    rows: rows.length,
    numeric: table.numeric.map(take),
    categorical: table.categorical.map(take),
    labels: take(table.labels),
  };
}

/** `sha256:<hex>` over the bytes of a table's columns and labels. */
function tableChecksum(t: TabularTable): string {
  const h = createHash('sha256');
  for (const a of [...t.numeric, ...t.categorical, t.labels])
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return `sha256:${h.digest('hex')}`;
}
