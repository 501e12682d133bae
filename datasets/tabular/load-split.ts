/**
 * loadTabularSplit: the one function a tabular training workload calls. It resolves the
 * dataset's table (flights, iris, synthetic-tabular, csv:path, parquet:path), fits the encoding
 * on the training slice only, encodes the training slice and the test slice with it, and caches
 * the encoded arrays (for cached sources) keyed by the source checksum and the training slice.
 */
import { UsageError } from '../../harness/errors.js';
import { loadOrBuild } from '../cache/binary-cache.js';
import type { CacheOptions } from '../flights/flights.js';
import type { CsvOptions } from '../user/csv-table.js';
import { encodeSlice, fitEncoding } from './encode.js';
import { loadTabularSource } from './sources.js';
import type { EncodedSlice, TabularEncoding, TabularSource, TabularSplit } from './types.js';

/** Options of {@link loadTabularSplit}. */
export interface TabularSplitOptions extends CacheOptions {
  /** Target column of user data (`csv:` / `parquet:`); ignored by built-in datasets. */
  target?: string;
  /** Separator and missing-value handling of user data (settings csv.*); ignored by built-in datasets. */
  csv?: CsvOptions;
}

interface EncodedExtra {
  encoding: TabularEncoding;
  trainChecksum: string;
  testChecksum: string;
}

/**
 * The encoded training slice `trainSlice` and the test slice of `datasetId`, with their encoding.
 * Flights: trainSlice is train_10k | train_100k | train_1m | train_full; user data and iris:
 * `train`; synthetic-tabular: `train_<rows>` (e.g. train_10k).
 */
export async function loadTabularSplit(datasetId: string, trainSlice: string, opts: TabularSplitOptions): Promise<TabularSplit> {
  const source = await loadTabularSource(datasetId, trainSlice, opts);
  if (!source.trainSlices.includes(trainSlice)) {
    throw new UsageError('E_DATASET', `dataset ${datasetId}: "${trainSlice}" is not a training slice. Valid values: ${source.trainSlices.join(', ')}.`);
  }
  const origin = { datasetId, checksum: source.checksum, source: source.source };
  if (!source.fromCache && !isCachedSource(datasetId)) {
    const { train, test, encoding } = encodeSplit(source, datasetId, trainSlice);
    return { train, test, encoding, source: origin, fromCache: false };
  }
  const entry = await loadOrBuild<EncodedExtra>({
    cacheDir: opts.cacheDir,
    name: `${cacheName(datasetId)}-${trainSlice}-encoded`,
    key: { dataset: datasetId, sourceChecksum: source.checksum, trainSlice, testSlice: 'test' },
    onRebuild: (reason) => opts.onEvent?.({ phase: 'rebuild', message: reason }),
    build: async () => {
      const { train, test, encoding } = encodeSplit(source, datasetId, trainSlice);
      return {
        arrays: {
          trainNumeric: train.numeric, trainCategorical: train.categorical, trainLabels: train.labels,
          testNumeric: test.numeric, testCategorical: test.categorical, testLabels: test.labels,
        },
        extra: { encoding, trainChecksum: train.checksum, testChecksum: test.checksum },
      };
    },
  });
  const a = entry.arrays;
  const slice = (name: string, prefix: 'train' | 'test', checksum: string): EncodedSlice => ({
    slice: name,
    rows: (a[`${prefix}Labels`] as Uint8Array).length,
    numeric: a[`${prefix}Numeric`] as Float32Array,
    categorical: a[`${prefix}Categorical`] as Int32Array,
    labels: a[`${prefix}Labels`] as Uint8Array,
    checksum,
  });
  return {
    train: slice(trainSlice, 'train', entry.extra.trainChecksum),
    test: slice('test', 'test', entry.extra.testChecksum),
    encoding: entry.extra.encoding,
    source: origin,
    fromCache: entry.fromCache,
  };
}

function encodeSplit(source: TabularSource, datasetId: string, trainSlice: string): { train: EncodedSlice; test: EncodedSlice; encoding: TabularEncoding } {
  const trainRows = source.slices[trainSlice]!;
  const encoding = fitEncoding(datasetId, source.table, trainSlice, trainRows);
  return {
    train: encodeSlice(source.table, trainSlice, trainRows, encoding),
    test: encodeSlice(source.table, 'test', source.slices.test!, encoding),
    encoding,
  };
}

function isCachedSource(datasetId: string): boolean {
  return datasetId === 'flights' || datasetId.startsWith('csv:') || datasetId.startsWith('parquet:');
}

/** A file-name-safe cache name for a dataset id (user paths become a short hash in the key). */
function cacheName(datasetId: string): string {
  if (datasetId.startsWith('csv:')) return 'user-csv';
  if (datasetId.startsWith('parquet:')) return 'user-parquet';
  return datasetId.replace(/[^a-z0-9_-]/gi, '_');
}
