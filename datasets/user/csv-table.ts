/**
 * Reads a user CSV file into a TabularTable through csv-parse's streaming parser. Casting is
 * done by the TableBuilder, never by csv-parse (`cast: true` would strip leading zeros). Parser
 * errors become E_BAD_DATA errors naming the file and line: a ragged row, an unclosed quote.
 *
 * The separator is detected (`delimiter: 'auto'`) from the first lines: among , ; TAB and |,
 * the one found the same number of times (at least once) on each of the first 20 lines, the
 * most frequent on ties in that order; a comma otherwise. When the header splits into one field
 * by the separator used but into several by another, the error hints at that one.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { parse, type Info } from 'csv-parse';
import { UsageError } from '../../harness/errors.js';
import type { ResolvedSettings } from '../../harness/types.js';
import type { TabularTable } from '../tabular/types.js';
import { DEFAULT_TABLE_OPTIONS, TableBuilder, type TableOptions } from './table-builder.js';

/** CSV reading options (settings csv.delimiter, csv.na, csv.missing). */
export interface CsvOptions {
  /** One character, or 'auto' to detect it. */
  delimiter: string;
  na: string[];
  missing: TableOptions['missing'];
}

export const DEFAULT_CSV_OPTIONS: CsvOptions = {
  delimiter: 'auto',
  na: DEFAULT_TABLE_OPTIONS.na,
  missing: DEFAULT_TABLE_OPTIONS.missing,
};

/** CSV options from resolved settings. */
export function csvOptionsFrom(
  settings: Pick<ResolvedSettings, 'csv.delimiter' | 'csv.na' | 'csv.missing'>,
): CsvOptions {
  return {
    delimiter: settings['csv.delimiter'],
    na: settings['csv.na']
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    missing: settings['csv.missing'],
  };
}

const CANDIDATES = [',', ';', '\t', '|'];
const show = (d: string) => (d === '\t' ? '\\t' : d);

/** The separator of `lines` (header first), by the rule in the file comment. */
export function detectDelimiter(lines: string[]): string {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 20);
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const counts = sample.map((l) => l.split(d).length - 1);
    if (counts.length && counts[0]! > 0 && counts.every((n) => n === counts[0]) && counts[0]! > bestCount) {
      best = d;
      bestCount = counts[0]!;
    }
  }
  return best;
}

/** A hint when `header` looks split by another separator than `used`, else ''. */
export function delimiterHint(header: string, used: string): string {
  if (header.split(used).length > 1) return '';
  const other = CANDIDATES.find((d) => d !== used && header.split(d).length > 2);
  return other
    ? ` The header looks split by "${show(other)}", not "${show(used)}": try --delimiter '${show(other)}'.`
    : '';
}

async function firstLines(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const lines = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    return bytesRead === buffer.length ? lines.slice(0, -1) : lines;
  } finally {
    await handle.close();
  }
}

/** Reads `file` (first row = header) with `target` as the label column. */
export async function readCsvTable(
  file: string,
  target: string,
  options: CsvOptions = DEFAULT_CSV_OPTIONS,
): Promise<TabularTable> {
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new UsageError('E_BAD_DATA', `${file}: cannot read the CSV file (missing or not a file).`);
    },
  );
  if (size === 0) throw new UsageError('E_BAD_DATA', `${file}:1: empty file; expected a header row and data rows.`);
  const lines = await firstLines(file);
  const delimiter = options.delimiter === 'auto' ? detectDelimiter(lines) : options.delimiter;
  const hint = delimiterHint(lines[0] ?? '', delimiter);
  const tableOptions: TableOptions = { na: options.na, missing: options.missing, decimalComma: delimiter !== ',' };
  const parser = createReadStream(file).pipe(parse({ bom: true, info: true, skip_empty_lines: true, delimiter }));
  let builder: TableBuilder | undefined;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (!builder) {
        const header = rec.record.map((h) => h.trim());
        try {
          builder = new TableBuilder(file, header, target, rec.info.lines, tableOptions);
        } catch (err) {
          throw hint && err instanceof UsageError ? new UsageError(err.code, `${err.message}${hint}`) : err;
        }
      } else {
        builder.addRow(rec.record, rec.info.lines);
      }
    }
  } catch (err) {
    throw toUsageError(file, err, hint);
  }
  if (!builder) throw new UsageError('E_BAD_DATA', `${file}:1: empty file; expected a header row and data rows.`);
  return builder.finish();
}

function toUsageError(file: string, err: unknown, hint: string): unknown {
  if (err instanceof UsageError) return err;
  const e = err as { code?: string; lines?: number; message?: string };
  if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
    const line = typeof e.lines === 'number' ? e.lines : '?';
    const what =
      e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? 'ragged row: its number of fields differs from the header'
        : e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'unclosed quote'
          : (e.message ?? e.code);
    return new UsageError('E_BAD_DATA', `${file}:${line}: ${what} (${e.code}).${hint}`);
  }
  return err;
}
