/**
 * Decodes `vega-datasets/data/flights-3m.parquet` (3,000,000 US flights, Jan-Jun 2001, ZSTD)
 * with hyparquet into compact columns. Row i is the i-th row of the file.
 *
 * Only the five needed columns are read. The timestamp is wall-clock time
 * (isAdjustedToUTC=false): its fields are the UTC fields of the stored value. A custom parser
 * keeps it as epoch milliseconds (a number) instead of a Date per row; calendar fields are
 * computed once per distinct day. Airports become ids into a sorted vocabulary.
 */
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { UsageError } from '../../harness/errors.js';
import { packageInfo } from '../package-source.js';

export const FLIGHTS_PACKAGE = 'vega-datasets';
export const FLIGHTS_FILE = 'data/flights-3m.parquet';

/** The decoded flights columns, one entry per row of the file. */
export interface FlightsColumns {
  rows: number;
  month: Uint8Array;
  dayOfMonth: Uint8Array;
  /** 1 = Monday .. 7 = Sunday. */
  dayOfWeek: Uint8Array;
  depHour: Uint8Array;
  depMinute: Uint8Array;
  /** Miles. */
  distance: Uint16Array;
  /** Ids into `airports`. */
  origin: Uint16Array;
  dest: Uint16Array;
  /** Departure delay in minutes. */
  delay: Int16Array;
  /** `delay >= 15`. */
  delayed: Uint8Array;
  /** Every airport code of origin or destination, sorted. */
  airports: string[];
}

/** Progress of a decode: rows of all requested columns decoded so far. */
export type DecodeProgress = (doneRows: number, totalRows: number) => void;

/** Absolute path and package version of the flights parquet file. */
export function flightsFile(): { file: string; version: string } {
  const pkg = packageInfo(FLIGHTS_PACKAGE);
  return { file: path.join(pkg.dir, FLIGHTS_FILE), version: pkg.version };
}

const DAY_MS = 86_400_000;
const COLUMNS = ['date', 'delay', 'distance', 'origin', 'destination'] as const;

/** Reads and decodes the flights parquet file. */
export async function decodeFlights(file: string, onProgress?: DecodeProgress): Promise<FlightsColumns> {
  const buffer = await asyncBufferFromFile(file).catch((err: Error) => {
    throw new UsageError('E_DATASET', `${file}: cannot open the flights parquet file (${err.message}).`);
  });
  const metadata = await parquetMetadataAsync(buffer);
  const rows = Number(metadata.num_rows);
  const c: FlightsColumns = {
    rows,
    month: new Uint8Array(rows),
    dayOfMonth: new Uint8Array(rows),
    dayOfWeek: new Uint8Array(rows),
    depHour: new Uint8Array(rows),
    depMinute: new Uint8Array(rows),
    distance: new Uint16Array(rows),
    origin: new Uint16Array(rows),
    dest: new Uint16Array(rows),
    delay: new Int16Array(rows),
    delayed: new Uint8Array(rows),
    airports: [],
  };
  // Airport codes get provisional ids in order of appearance; renumbered in sorted order below.
  const airportIds = new Map<string, number>();
  // Calendar fields per day since 1970, packed month | dayOfMonth << 8 | dayOfWeek << 16 (0 = not
  // yet computed): one Date per distinct day instead of one per row.
  const dayFields = new Int32Array(1 << 16);
  let done = 0;
  const total = rows * COLUMNS.length;
  await parquetRead({
    file: buffer,
    metadata,
    compressors,
    columns: [...COLUMNS],
    parsers: { timestampFromMicroseconds: (micros: bigint) => Number(micros) / 1000 },
    onChunk: ({ columnName, columnData, rowStart }) => {
      const data = columnData as ArrayLike<unknown>;
      const n = data.length;
      switch (columnName) {
        case 'date':
          for (let j = 0; j < n; j++) {
            const ms = data[j] as number;
            const day = Math.floor(ms / DAY_MS);
            let f = day >= 0 && day < dayFields.length ? dayFields[day]! : 0;
            if (f === 0) {
              const d = new Date(day * DAY_MS);
              f = (d.getUTCMonth() + 1) | (d.getUTCDate() << 8) | ((((d.getUTCDay() + 6) % 7) + 1) << 16);
              if (day >= 0 && day < dayFields.length) dayFields[day] = f;
            }
            const minuteOfDay = Math.floor((ms - day * DAY_MS) / 60_000);
            const i = rowStart + j;
            c.month[i] = f & 0xff;
            c.dayOfMonth[i] = (f >>> 8) & 0xff;
            c.dayOfWeek[i] = f >>> 16;
            c.depHour[i] = (minuteOfDay / 60) | 0;
            c.depMinute[i] = minuteOfDay % 60;
          }
          break;
        case 'delay':
          for (let j = 0; j < n; j++) {
            const v = Number(data[j] as bigint);
            c.delay[rowStart + j] = v;
            c.delayed[rowStart + j] = v >= 15 ? 1 : 0;
          }
          break;
        case 'distance':
          for (let j = 0; j < n; j++) c.distance[rowStart + j] = Number(data[j] as bigint);
          break;
        case 'origin':
        case 'destination': {
          const out = columnName === 'origin' ? c.origin : c.dest;
          for (let j = 0; j < n; j++) {
            const code = data[j] as string;
            let id = airportIds.get(code);
            if (id === undefined) airportIds.set(code, (id = airportIds.size));
            out[rowStart + j] = id;
          }
          break;
        }
      }
      done += n;
      onProgress?.(done, total);
    },
  });
  const provisional = [...airportIds.keys()];
  c.airports = provisional.slice().sort();
  const rank = new Map(c.airports.map((a, k) => [a, k]));
  const remap = Uint16Array.from(provisional, (a) => rank.get(a)!);
  for (let i = 0; i < rows; i++) {
    c.origin[i] = remap[c.origin[i]!]!;
    c.dest[i] = remap[c.dest[i]!]!;
  }
  return c;
}
