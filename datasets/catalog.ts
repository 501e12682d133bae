/**
 * The dataset catalog shown by `mlbench datasets`: per dataset its rows, columns, classes,
 * positive rate, checksum, source package and version, slices and whether it is cached. Flights
 * is described from its cache entry when there is one (verified), else from the parquet footer.
 */
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { FLIGHTS_COLUMNS, flightsCacheStatus, loadFlightsSource } from './flights/flights.js';
import { FLIGHTS_FILE, FLIGHTS_PACKAGE, flightsFile } from './flights/decode.js';
import { FLIGHTS_SLICES } from './flights/split.js';
import { DATASETS } from './registry.js';
import type { DatasetSource } from './tabular/types.js';

/** One slice in the catalog. */
export interface SliceSummary {
  name: string;
  rows: number;
  positives?: number;
  positiveRate?: number;
}

/** One dataset in the catalog. Values not known without decoding are null. */
export interface DatasetSummary {
  id: string;
  rows: number | null;
  columns: string[];
  classes: number;
  /** Fraction of label 1 over the whole source (binary datasets only). */
  positiveRate: number | null;
  checksum: string | null;
  source: DatasetSource;
  slices: SliceSummary[];
  cached: boolean | 'not-applicable';
  cacheFile?: string;
  note?: string;
}

function positives(labels: Uint8Array, rows?: Uint32Array): number {
  let n = 0;
  if (rows) for (let j = 0; j < rows.length; j++) n += labels[rows[j]!]!;
  else for (let i = 0; i < labels.length; i++) n += labels[i]!;
  return n;
}

/** Flights: read from the cache when it is there, else the row count from the parquet footer. */
export async function describeFlights(cacheDir: string): Promise<DatasetSummary> {
  const { file: cachePath, cached } = await flightsCacheStatus(cacheDir);
  const { file, version } = flightsFile();
  const source = { package: FLIGHTS_PACKAGE, version, file: FLIGHTS_FILE };
  if (cached) {
    const src = await loadFlightsSource({ cacheDir });
    const labels = src.table.labels;
    const total = positives(labels);
    return {
      id: 'flights',
      rows: src.table.rows,
      columns: FLIGHTS_COLUMNS,
      classes: 2,
      positiveRate: total / src.table.rows,
      checksum: src.checksum,
      source,
      cached: true,
      cacheFile: cachePath,
      slices: FLIGHTS_SLICES.map((name) => {
        const rows = src.slices[name]!;
        const p = positives(labels, rows);
        return { name, rows: rows.length, positives: p, positiveRate: p / rows.length };
      }),
      note: src.fromCache ? undefined : 'the cache entry was corrupt or stale and has been rebuilt',
    };
  }
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
  return {
    id: 'flights',
    rows: Number(metadata.num_rows),
    columns: FLIGHTS_COLUMNS,
    classes: 2,
    positiveRate: null,
    checksum: null,
    source,
    cached: false,
    cacheFile: cachePath,
    slices: [],
    note: 'run `mlbench datasets prepare flights` to decode, split and cache',
  };
}

/** Every registered dataset, described. Small datasets are loaded to count and checksum them. */
export async function describeDatasets(cacheDir: string): Promise<DatasetSummary[]> {
  const out: DatasetSummary[] = [await describeFlights(cacheDir)];
  for (const [id, sliceNames, all] of [
    ['mnist', ['train', 'test'], 'all'],
    ['iris', ['train', 'test'], 'all'],
  ] as const) {
    const ds = DATASETS[id]!({ cacheDir });
    const whole = await ds.load(all);
    const slices: SliceSummary[] = [];
    for (const s of sliceNames) slices.push({ name: s, rows: (await ds.load(s)).rows });
    out.push({
      id,
      rows: whole.rows,
      columns: whole.meta.columns,
      classes: new Set(whole.labels).size,
      positiveRate: null,
      checksum: whole.meta.checksum,
      source: whole.meta.source,
      slices,
      cached: 'not-applicable',
    });
  }
  for (const [id, slice, note] of [
    ['synthetic-tabular', '10k', 'any size: slice <rows> or train_<rows> (seed 42), test (10k rows, seed 43)'],
    ['synthetic-image', '100', 'any size and shape: slice <count> or <count>x<c>x<h>x<w>'],
  ] as const) {
    const loaded = await DATASETS[id]!({ cacheDir }).load(slice);
    const binary = id === 'synthetic-tabular';
    out.push({
      id,
      rows: null,
      columns: loaded.meta.columns,
      classes: binary ? 2 : 10,
      positiveRate: binary ? positives(loaded.labels as Uint8Array) / loaded.rows : null,
      checksum: loaded.meta.checksum,
      source: loaded.meta.source,
      slices: [{ name: slice, rows: loaded.rows }],
      cached: 'not-applicable',
      note,
    });
  }
  return out;
}
