/**
 * Datasets: one loader per dataset (flights, mnist, iris, synthetic, user CSV/Parquet), the
 * deterministic split rule, the encoding fitted on training slices, and the on-disk cache.
 */
export { DATASETS, resolveDataset, datasetRecord } from './registry.js';
export type { DatasetFactory, DatasetOptions } from './registry.js';
export { loadRawSplit, loadTabularSplit, subsetTable } from './tabular/load-split.js';
export type { TabularSplitOptions } from './tabular/load-split.js';
export { loadTabularSource, TABULAR_DATASETS } from './tabular/sources.js';
export {
  fitEncoding,
  encodeSlice,
  oneHotRows,
  encodedChecksum,
  describeEncoding,
  numericRole,
} from './tabular/encode.js';
export type {
  TabularTable,
  TabularSource,
  TabularSplit,
  TabularEncoding,
  EncodedSlice,
  NumericEncoding,
  CategoricalEncoding,
  NumericRole,
  RawSplit,
  NumericColumn,
  CategoricalColumn,
  DatasetSource,
} from './tabular/types.js';
export {
  FLIGHTS_ID,
  FLIGHTS_COLUMNS,
  FLIGHTS_NUMERIC,
  FLIGHTS_NUMERIC_ROLES,
  FLIGHTS_CATEGORICAL,
  flightsDataset,
  loadFlightsSource,
  loadFlightsSlice,
  flightsCacheStatus,
  sliceChecksum,
  assertFlightsTrainSlice,
} from './flights/flights.js';
export type { CacheOptions, PrepareEvent } from './flights/flights.js';
export {
  FLIGHTS_SLICES,
  FLIGHTS_TRAIN_SLICES,
  FLIGHTS_PROFILE_SLICES,
  FLIGHTS_TEST_ROWS,
  flightsSplit,
} from './flights/split.js';
export type { FlightsSlice, FlightsTrainSlice } from './flights/split.js';
export { decodeFlights, flightsFile, FLIGHTS_FILE, FLIGHTS_PACKAGE } from './flights/decode.js';
export type { FlightsColumns } from './flights/decode.js';
export { fmix32, splitKey, sampleSmallestKeys, indicesSha256, SPLIT_SEED } from './split/key.js';
export { mnistDataset, mnistSliceIndices, MNIST_ID, MNIST_SLICES, MNIST_TEST_ROWS, MNIST_PIXELS } from './mnist.js';
export { irisDataset, irisSource, IRIS_ID, IRIS_COLUMNS, IRIS_SLICES } from './iris.js';
export {
  syntheticTabular,
  syntheticTabularSource,
  syntheticTabularDataset,
  SYNTHETIC_TABULAR_ID,
  SYNTHETIC_TEST_ROWS,
} from './synthetic/tabular.js';
export type { SyntheticTabularOptions } from './synthetic/tabular.js';
export { syntheticImages, syntheticImageDataset, parseImageSlice, SYNTHETIC_IMAGE_ID } from './synthetic/image.js';
export type { SyntheticImageOptions } from './synthetic/image.js';
export { parseCount } from './synthetic/tabular.js';
export { loadUserSource, parseUserDataRef, userSplit, USER_TEST_FRACTION } from './user/user-source.js';
export type { UserDataRef } from './user/user-source.js';
export { readCsvTable } from './user/csv-table.js';
export { readParquetTable } from './user/parquet-table.js';
export { TableBuilder, MAX_CLASSES } from './user/table-builder.js';
export {
  loadOrBuild,
  readCacheEntry,
  writeCacheEntry,
  cacheFile,
  cacheExists,
  stableJson,
  CACHE_FORMAT_VERSION,
} from './cache/binary-cache.js';
export type { CacheArray, CacheArrays, CacheEntry, LoadedEntry } from './cache/binary-cache.js';
export { describeDatasets, describeFlights } from './catalog.js';
export type { DatasetSummary, SliceSummary } from './catalog.js';
export { arraysChecksum } from './checksum.js';
export { packageInfo } from './package-source.js';
