/**
 * Types of the tabular layer: a decoded table (flights, user CSV/Parquet, iris, synthetic), its
 * named row slices, and the encoded train/test split the training workloads consume.
 */

/** A numeric column, in whatever compact type its loader chose. */
export type NumericColumn = Uint8Array | Uint16Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A categorical column: ids into its vocabulary. */
export type CategoricalColumn = Uint8Array | Uint16Array | Int32Array;

/**
 * What a numeric column is, so each tool can encode the raw column as its users do (benchm-ml
 * hands every tool the raw columns): `measure` is a quantity (distance), `calendar` a small
 * integer field (hour, day of week) that linear models one-hot and trees split as a number,
 * `period` the field a temporal split is cut on (its test value never occurs in training), which
 * linear models leave out.
 */
export type NumericRole = 'measure' | 'calendar' | 'period';

/** A decoded table, column by column. Categorical values are ids into `vocabularies`. */
export interface TabularTable {
  rows: number;
  numericNames: string[];
  numeric: NumericColumn[];
  /** Role of each numeric column; absent = every column a `measure` (user data). */
  numericRoles?: NumericRole[];
  categoricalNames: string[];
  /** Ids into the matching vocabulary, one array per categorical column. */
  categorical: CategoricalColumn[];
  vocabularies: string[][];
  /** Name of the target column. */
  target: string;
  /** Class names; `labels[i]` indexes this list. At least two classes. */
  classes: string[];
  labels: Uint8Array;
}

/** Where a dataset's data comes from. `file` is relative to the package, or a user path. */
export interface DatasetSource {
  package: string;
  version: string;
  file?: string;
  /** What was done to the data before encoding (user data: missing-value imputation), one line each. */
  preprocessing?: string[];
}

/** A table with its named slices (row indices, ascending) and identity. */
export interface TabularSource {
  id: string;
  table: TabularTable;
  /** Row indices of each slice. Every source has a `test` slice. */
  slices: Record<string, Uint32Array>;
  /** Slices a training workload may train on (the others are for testing). */
  trainSlices: string[];
  /** `sha256:<hex>` of the decoded table (the cache payload). */
  checksum: string;
  source: DatasetSource;
  /** Whether the decoded table came from the on-disk cache. */
  fromCache: boolean;
}

/** Standardisation of one numeric column: (x - mean) / std, with the training slice's values. */
export interface NumericEncoding {
  name: string;
  /** Index of the column in the table's numeric columns. */
  column: number;
  mean: number;
  /** Population standard deviation of the training slice; 1 when it is 0 (a constant column). */
  std: number;
}

/**
 * One categorical column's encoding. Ids are 0 for a value not seen in the training slice and
 * 1..cardinality-1 for `vocabulary[id - 1]`, so embeddings and one-hot blocks have `cardinality`
 * rows and a test value the model never saw has a row of its own.
 */
export interface CategoricalEncoding {
  name: string;
  /** Where the column comes from: a categorical column, or a numeric `calendar` field one-hot by value. */
  from: 'categorical' | 'calendar';
  /** Index of the column in the table's categorical (or, for `calendar`, numeric) columns. */
  column: number;
  cardinality: number;
  /** The training values (`calendar`: the numbers as strings, ascending). */
  vocabulary: string[];
  /** Offset of this column's block in the one-hot layout (after the numeric columns). */
  oneHotOffset: number;
}

/** How features were encoded, fitted on the training slice only. Recorded in the metadata. */
export interface TabularEncoding {
  datasetId: string;
  trainSlice: string;
  numeric: NumericEncoding[];
  categorical: CategoricalEncoding[];
  /** Width of a dense one-hot row: nNumeric + the sum of the cardinalities. */
  oneHotWidth: number;
  /** Numeric columns left out (role `period`). */
  dropped: string[];
  target: { name: string; classes: string[] };
}

/** One encoded slice: row-major numeric block, row-major categorical ids, labels. */
export interface EncodedSlice {
  slice: string;
  rows: number;
  /** rows x nNumeric, standardised with the training slice's statistics. */
  numeric: Float32Array;
  /** rows x nCategorical, ids as in {@link CategoricalEncoding}. */
  categorical: Int32Array;
  labels: Uint8Array;
  /** `sha256:<hex>` of this slice's encoded arrays. */
  checksum: string;
}

/**
 * The raw columns of a training slice and of the test slice, each a table of that slice's rows
 * only (vocabularies shared): what every tool starts from, to encode it its own way.
 */
export interface RawSplit {
  train: TabularTable;
  test: TabularTable;
  trainSlice: string;
  /** `sha256:<hex>` of each slice's raw arrays. */
  trainChecksum: string;
  testChecksum: string;
  /** Checksum and origin of the decoded table both slices come from. */
  source: { datasetId: string; checksum: string; source: DatasetSource };
  fromCache: boolean;
}

/** What a tabular training workload loads: the train slice, the test slice and their encoding. */
export interface TabularSplit {
  train: EncodedSlice;
  test: EncodedSlice;
  encoding: TabularEncoding;
  /** Checksum and origin of the decoded table both slices come from. */
  source: { datasetId: string; checksum: string; source: DatasetSource };
  fromCache: boolean;
}
