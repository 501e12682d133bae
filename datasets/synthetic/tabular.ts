/**
 * Seeded synthetic tabular classification of any size: numeric features ~ N(0, 1), categorical
 * features uniform over `cardinality` values, and a binary label drawn from a hidden logistic
 * model (weights also seeded), so models can learn it and accuracy has a ceiling below 1.
 */
import { UsageError } from '../../harness/errors.js';
import type { Dataset, LoadedSlice } from '../../harness/types.js';
import { arraysChecksum } from '../checksum.js';
import type { TabularSource, TabularTable } from '../tabular/types.js';
import { createRng, normal, type Rng } from '../../harness/measure/random.js';

export const SYNTHETIC_TABULAR_ID = 'synthetic-tabular';

/** Shape of a synthetic table. */
export interface SyntheticTabularOptions {
  rows: number;
  numeric?: number;
  categorical?: number;
  cardinality?: number;
  /** Seed of the rows (features and label draws). */
  seed?: number;
  /** Seed of the hidden model: fixed, so every slice (train, test) follows the same concept. */
  conceptSeed?: number;
}

/** Rows of the test slice of every synthetic-tabular split. */
export const SYNTHETIC_TEST_ROWS = 10_000;

/** Parses a row count such as `5000`, `10k` or `1m`; undefined when it is not one. */
export function parseCount(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Standard normal numbers (Box-Muller) drawn from `uniform`. */
const normals = (uniform: Rng) => (): number => normal(uniform);

/** Generates a table; the same options always give the same table. */
export function syntheticTabular(opts: SyntheticTabularOptions): TabularTable {
  const { rows, numeric = 6, categorical = 2, cardinality = 50, seed = 42, conceptSeed = 0x5eed } = opts;
  const weights = normals(createRng(conceptSeed));
  const w = Array.from({ length: numeric }, () => weights());
  const effects = Array.from({ length: categorical }, () => Array.from({ length: cardinality }, () => 0.5 * weights()));
  const u = createRng(seed);
  const z = normals(u);
  const num = Array.from({ length: numeric }, () => new Float32Array(rows));
  const cat = Array.from({ length: categorical }, () => new Int32Array(rows));
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let logit = -1;
    for (let c = 0; c < numeric; c++) logit += w[c]! * (num[c]![i] = z());
    for (let c = 0; c < categorical; c++) logit += effects[c]![(cat[c]![i] = Math.floor(u() * cardinality))]!;
    labels[i] = u() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const vocab = Array.from({ length: cardinality }, (_v, k) => `v${k}`);
  return {
    rows,
    numericNames: num.map((_c, k) => `x${k}`),
    numeric: num,
    categoricalNames: cat.map((_c, k) => `c${k}`),
    categorical: cat,
    vocabularies: cat.map(() => vocab),
    target: 'y',
    classes: ['0', '1'],
    labels,
  };
}

/** `train_<count>` (e.g. train_10k) -> row count, or a usage error naming the valid form. */
export function syntheticTrainRows(slice: string): number {
  const n = slice.startsWith('train_') ? parseCount(slice.slice(6)) : undefined;
  if (!n)
    throw new UsageError(
      'E_DATASET',
      `${SYNTHETIC_TABULAR_ID}: slice "${slice}" is not train_<rows> (e.g. train_10k, train_1m).`,
    );
  return n;
}

/** A source with `trainSlice` (train_<rows>, seed 42) followed by a 10k-row `test` slice (seed 43). */
export function syntheticTabularSource(trainSlice: string): TabularSource {
  const n = syntheticTrainRows(trainSlice);
  const train = syntheticTabular({ rows: n, seed: 42 });
  const test = syntheticTabular({ rows: SYNTHETIC_TEST_ROWS, seed: 43 });
  const join = <T extends Float32Array | Int32Array | Uint8Array>(a: T, b: T): T => {
    const out = new (a.constructor as new (n: number) => T)(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  const table: TabularTable = {
    ...train,
    rows: n + SYNTHETIC_TEST_ROWS,
    numeric: train.numeric.map((c, k) => join(c as Float32Array, test.numeric[k] as Float32Array)),
    categorical: train.categorical.map((c, k) => join(c as Int32Array, test.categorical[k] as Int32Array)),
    labels: join(train.labels, test.labels),
  };
  const range = (from: number, to: number) => Uint32Array.from({ length: to - from }, (_v, k) => from + k);
  return {
    id: SYNTHETIC_TABULAR_ID,
    table,
    slices: { [trainSlice]: range(0, n), test: range(n, n + SYNTHETIC_TEST_ROWS) },
    trainSlices: [trainSlice],
    checksum: arraysChecksum(...table.numeric, ...table.categorical, table.labels),
    source: { package: 'mlbench', version: 'synthetic-1' },
    fromCache: false,
  };
}

/** The synthetic-tabular Dataset: slice `<rows>` / `train_<rows>` (seed 42) or `test` (seed 43). */
export function syntheticTabularDataset(): Dataset {
  return {
    id: SYNTHETIC_TABULAR_ID,
    load: async (slice): Promise<LoadedSlice> => {
      const test = slice === 'test';
      const rows = test ? SYNTHETIC_TEST_ROWS : (parseCount(slice) ?? syntheticTrainRows(slice));
      const t = syntheticTabular({ rows, seed: test ? 43 : 42 });
      const cols = [...t.numeric, ...t.categorical];
      const features = new Float32Array(rows * cols.length);
      for (let c = 0; c < cols.length; c++) for (let i = 0; i < rows; i++) features[i * cols.length + c] = cols[c]![i]!;
      const columns = [...t.numericNames, ...t.categoricalNames];
      return {
        features,
        labels: t.labels,
        rows,
        columns: cols.length,
        meta: {
          id: SYNTHETIC_TABULAR_ID,
          rows,
          columns,
          checksum: arraysChecksum(features, t.labels),
          source: { package: 'mlbench', version: 'synthetic-1' },
          slice,
        },
      };
    },
  };
}
