/**
 * The flights dataset: decode (flights/decode.ts), split (flights/split.ts) and cache the result
 * as one cache entry, then serve it as a TabularSource (for loadTabularSplit) or as the
 * Dataset contract's LoadedSlice (raw feature matrix).
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Dataset, LoadedSlice } from '../../harness/types.js';
import { UsageError, unknownChoice } from '../../harness/errors.js';
import { cacheExists, cacheFile, loadOrBuild, type CacheArrays } from '../cache/binary-cache.js';
import type { NumericRole, TabularSource, TabularTable } from '../tabular/types.js';
import { FLIGHTS_FILE, FLIGHTS_PACKAGE, decodeFlights, flightsFile } from './decode.js';
import { FLIGHTS_SLICES, FLIGHTS_TRAIN_SLICES, flightsSplit, type FlightsSlice } from './split.js';

export const FLIGHTS_ID = 'flights';

/** Numeric and categorical feature columns, in feature-matrix order. */
export const FLIGHTS_NUMERIC = ['month', 'dayOfMonth', 'dayOfWeek', 'depHour', 'depMinute', 'distance'] as const;
export const FLIGHTS_CATEGORICAL = ['origin', 'dest'] as const;
/**
 * Roles of the numeric columns (types.ts NumericRole): month is the split's period (the test
 * month, June, never occurs in training), day of month, day of week and hour are calendar
 * fields, minute and distance are measures.
 */
export const FLIGHTS_NUMERIC_ROLES: NumericRole[] = [
  'period',
  'calendar',
  'calendar',
  'calendar',
  'measure',
  'measure',
];
export const FLIGHTS_COLUMNS: string[] = [...FLIGHTS_NUMERIC, ...FLIGHTS_CATEGORICAL];

/** A step of preparing flights, for progress displays. */
export interface PrepareEvent {
  phase: 'read-cache' | 'decode' | 'split' | 'write-cache' | 'rebuild';
  done?: number;
  total?: number;
  /** Why a cache entry was rebuilt (phase `rebuild`). */
  message?: string;
}

/** Options of every dataset load that may touch the cache. */
export interface CacheOptions {
  cacheDir: string;
  onEvent?: (event: PrepareEvent) => void;
}

interface FlightsExtra {
  airports: string[];
  sourceRows: number;
  sliceRows: Record<string, number>;
}

/** The key of the flights cache entry: package, version, file and its size (cheap: no read). */
export async function flightsSourceKey(): Promise<Record<string, unknown>> {
  const { file, version } = flightsFile();
  const bytes = (await stat(file)).size;
  return { dataset: FLIGHTS_ID, package: FLIGHTS_PACKAGE, version, file: FLIGHTS_FILE, bytes };
}

/** Path of the flights cache entry and whether it exists (without verifying it). */
export async function flightsCacheStatus(cacheDir: string): Promise<{ file: string; cached: boolean }> {
  const file = cacheFile(cacheDir, FLIGHTS_ID, await flightsSourceKey());
  return { file, cached: await cacheExists(file) };
}

/** Decodes, splits and caches flights, or reads it from the cache. */
export async function loadFlightsSource(opts: CacheOptions): Promise<TabularSource & { extra: FlightsExtra }> {
  const emit = opts.onEvent ?? (() => undefined);
  const key = await flightsSourceKey();
  emit({ phase: 'read-cache' });
  const entry = await loadOrBuild<FlightsExtra>({
    cacheDir: opts.cacheDir,
    name: FLIGHTS_ID,
    key,
    onRebuild: (reason) => emit({ phase: 'rebuild', message: reason }),
    build: async () => {
      const c = await decodeFlights(flightsFile().file, (done, total) => emit({ phase: 'decode', done, total }));
      emit({ phase: 'split' });
      const slices = flightsSplit(c.month);
      emit({ phase: 'write-cache' });
      const arrays: CacheArrays = {
        month: c.month,
        dayOfMonth: c.dayOfMonth,
        dayOfWeek: c.dayOfWeek,
        depHour: c.depHour,
        depMinute: c.depMinute,
        distance: c.distance,
        origin: c.origin,
        dest: c.dest,
        delay: c.delay,
        delayed: c.delayed,
      };
      for (const s of FLIGHTS_SLICES) arrays[`slice:${s}`] = slices[s];
      const sliceRows = Object.fromEntries(FLIGHTS_SLICES.map((s) => [s, slices[s].length]));
      return { arrays, extra: { airports: c.airports, sourceRows: c.rows, sliceRows } };
    },
  });
  const a = entry.arrays;
  const table: TabularTable = {
    rows: entry.extra.sourceRows,
    numericNames: [...FLIGHTS_NUMERIC],
    numeric: FLIGHTS_NUMERIC.map((n) => a[n] as Uint8Array | Uint16Array),
    numericRoles: FLIGHTS_NUMERIC_ROLES.slice(),
    categoricalNames: [...FLIGHTS_CATEGORICAL],
    categorical: [a.origin as Uint16Array, a.dest as Uint16Array],
    vocabularies: [entry.extra.airports, entry.extra.airports],
    target: 'delayed',
    classes: ['on-time', 'delayed'],
    labels: a.delayed as Uint8Array,
  };
  const slices = Object.fromEntries(FLIGHTS_SLICES.map((s) => [s, a[`slice:${s}`] as Uint32Array]));
  const { version } = flightsFile();
  return {
    id: FLIGHTS_ID,
    table,
    slices,
    trainSlices: [...FLIGHTS_TRAIN_SLICES],
    checksum: entry.checksum,
    source: { package: FLIGHTS_PACKAGE, version, file: FLIGHTS_FILE },
    fromCache: entry.fromCache,
    extra: entry.extra,
  };
}

/**
 * Checksum of a slice of a cached source: sha256 of the source checksum and the slice name. The
 * source checksum covers the decoded columns and every slice's row indices, so it pins the data.
 */
export function sliceChecksum(sourceChecksum: string, slice: string): string {
  return `sha256:${createHash('sha256').update(`${sourceChecksum}\n${slice}\n`).digest('hex')}`;
}

/**
 * Raw feature matrix of a slice: rows x 8 float32 (the 6 numeric columns unscaled, then origin and
 * dest as airport ids into `meta.airports`), labels `delayed` as Uint8Array. Slice `all` is every
 * row of the file (July included). Training workloads want loadTabularSplit instead.
 */
export async function loadFlightsSlice(slice: string, opts: CacheOptions): Promise<LoadedSlice> {
  if (slice !== 'all' && !(FLIGHTS_SLICES as readonly string[]).includes(slice)) {
    throw unknownChoice('E_DATASET', 'flights slice', slice, [...FLIGHTS_SLICES, 'all']);
  }
  const src = await loadFlightsSource(opts);
  const t = src.table;
  const rows = slice === 'all' ? null : src.slices[slice as FlightsSlice]!;
  const n = rows ? rows.length : t.rows;
  const width = FLIGHTS_COLUMNS.length;
  const features = new Float32Array(n * width);
  const labels = new Uint8Array(n);
  const cols = [...t.numeric, ...t.categorical];
  for (let c = 0; c < width; c++) {
    const col = cols[c]!;
    if (rows) for (let j = 0; j < n; j++) features[j * width + c] = col[rows[j]!]!;
    else for (let j = 0; j < n; j++) features[j * width + c] = col[j]!;
  }
  if (rows) for (let j = 0; j < n; j++) labels[j] = t.labels[rows[j]!]!;
  else labels.set(t.labels);
  return {
    features,
    labels,
    rows: n,
    columns: width,
    meta: {
      id: FLIGHTS_ID,
      rows: n,
      columns: FLIGHTS_COLUMNS,
      checksum: sliceChecksum(src.checksum, slice),
      source: src.source,
      slice,
      sourceRows: t.rows,
      sourceChecksum: src.checksum,
      airports: src.extra.airports,
      fromCache: src.fromCache,
    },
  };
}

/** The flights Dataset (contract of harness/types.ts). */
export function flightsDataset(opts: CacheOptions): Dataset {
  return { id: FLIGHTS_ID, load: (slice) => loadFlightsSlice(slice, opts) };
}

/** Refuses a slice name that is not a flights training slice. */
export function assertFlightsTrainSlice(slice: string, flag: string): void {
  if (!(FLIGHTS_TRAIN_SLICES as readonly string[]).includes(slice)) {
    throw new UsageError(
      'E_DATASET',
      `${flag}: "${slice}" is not a flights training slice. Valid values: ${FLIGHTS_TRAIN_SLICES.join(', ')}.`,
    );
  }
}
