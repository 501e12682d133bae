/**
 * Resolves a tabular dataset id to its TabularSource: flights, iris, synthetic-tabular, or user
 * data (`csv:path`, `parquet:path`, which need a target column).
 */
import { UsageError } from '../../harness/errors.js';
import { loadFlightsSource, type CacheOptions } from '../flights/flights.js';
import type { CsvOptions } from '../user/csv-table.js';
import { irisSource } from '../iris.js';
import { syntheticTabularSource } from '../synthetic/tabular.js';
import { loadUserSource, parseUserDataRef } from '../user/user-source.js';
import type { TabularSource } from './types.js';

/** Dataset ids loadTabularSplit accepts besides `csv:path` and `parquet:path`. */
export const TABULAR_DATASETS = ['flights', 'iris', 'synthetic-tabular'] as const;

/** The source of `datasetId`; `trainSlice` sizes synthetic data. */
export async function loadTabularSource(
  datasetId: string,
  trainSlice: string,
  opts: CacheOptions & { target?: string; csv?: CsvOptions },
): Promise<TabularSource> {
  const user = parseUserDataRef(datasetId);
  if (user) return loadUserSource(user, opts.target, opts);
  switch (datasetId) {
    case 'flights':
      return loadFlightsSource(opts);
    case 'iris':
      return irisSource();
    case 'synthetic-tabular':
      return syntheticTabularSource(trainSlice);
    default:
      throw new UsageError(
        'E_DATASET',
        `--dataset: "${datasetId}" is not a tabular dataset. Valid values: ${TABULAR_DATASETS.join(', ')}, csv:<file>, parquet:<file>.`,
      );
  }
}
