/**
 * The explicit registry of built-in datasets (`Record<id, factory>`), plus user data
 * (`csv:path`, `parquet:path`) resolved by {@link resolveDataset}.
 */
import { UsageError } from '../harness/errors.js';
import type { Dataset, LoadedSlice } from '../harness/types.js';
import { arraysChecksum } from './checksum.js';
import { flightsDataset, type CacheOptions } from './flights/flights.js';
import { irisDataset } from './iris.js';
import { mnistDataset } from './mnist.js';
import { syntheticImageDataset } from './synthetic/image.js';
import { syntheticTabularDataset } from './synthetic/tabular.js';
import { loadUserSource, parseUserDataRef } from './user/user-source.js';

/** What every dataset factory receives. */
export type DatasetOptions = CacheOptions;

/** Builds a Dataset for the given options. */
export type DatasetFactory = (opts: DatasetOptions) => Dataset;

/** Built-in datasets, in listing order. */
export const DATASETS: Record<string, DatasetFactory> = {
  flights: (opts) => flightsDataset(opts),
  mnist: () => mnistDataset(),
  iris: () => irisDataset(),
  'synthetic-tabular': () => syntheticTabularDataset(),
  'synthetic-image': () => syntheticImageDataset(),
};

/** A built-in dataset by id, or user data (`csv:path`/`parquet:path`, which need `target`). */
export function resolveDataset(id: string, opts: DatasetOptions & { target?: string }): Dataset {
  const user = parseUserDataRef(id);
  if (user) return userDataset(id, opts);
  const factory = DATASETS[id];
  if (!factory) {
    throw new UsageError(
      'E_DATASET',
      `--dataset: unknown dataset "${id}". Valid values: ${Object.keys(DATASETS).join(', ')}, csv:<file>, parquet:<file>.`,
    );
  }
  return factory(opts);
}

/**
 * User data as a Dataset: slices `train` and `test` (user-source.ts split rule); features are
 * rows x (numeric columns, raw, then categorical ids), labels index `meta.classes`.
 */
function userDataset(id: string, opts: DatasetOptions & { target?: string }): Dataset {
  return {
    id,
    load: async (slice): Promise<LoadedSlice> => {
      const src = await loadUserSource(parseUserDataRef(id)!, opts.target, opts);
      const rows = src.slices[slice];
      if (!rows) throw new UsageError('E_DATASET', `${id}: unknown slice "${slice}". Valid values: train, test.`);
      const t = src.table;
      const cols = [...t.numeric, ...t.categorical];
      const features = new Float32Array(rows.length * cols.length);
      const labels = new Uint8Array(rows.length);
      rows.forEach((i, j) => {
        for (let c = 0; c < cols.length; c++) features[j * cols.length + c] = cols[c]![i]!;
        labels[j] = t.labels[i]!;
      });
      return {
        features,
        labels,
        rows: rows.length,
        columns: cols.length,
        meta: {
          id,
          rows: rows.length,
          columns: [...t.numericNames, ...t.categoricalNames],
          checksum: arraysChecksum(features, labels),
          source: src.source,
          slice,
          classes: t.classes,
          sourceChecksum: src.checksum,
        },
      };
    },
  };
}

/** What a job records about the data it used (results/schema.ts `dataset`). */
export function datasetRecord(slice: LoadedSlice): { id: string; slice: string; rows: number; checksum: string } {
  return { id: slice.meta.id, slice: String(slice.meta.slice ?? ''), rows: slice.rows, checksum: slice.meta.checksum };
}
