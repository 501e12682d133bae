/**
 * Reads a user CSV file into a TabularTable through csv-parse's streaming parser. Casting is
 * done by the TableBuilder, never by csv-parse (`cast: true` would strip leading zeros). Parser
 * errors become E_BAD_DATA errors naming the file and line: a ragged row, an unclosed quote.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse, type Info } from 'csv-parse';
import { UsageError } from '../../harness/errors.js';
import type { TabularTable } from '../tabular/types.js';
import { TableBuilder } from './table-builder.js';

/** Reads `file` (first row = header) with `target` as the label column. */
export async function readCsvTable(file: string, target: string): Promise<TabularTable> {
  const size = await stat(file).then((s) => s.size, () => {
    throw new UsageError('E_BAD_DATA', `${file}: cannot read the CSV file (missing or not a file).`);
  });
  if (size === 0) throw new UsageError('E_BAD_DATA', `${file}:1: empty file; expected a header row and data rows.`);
  const parser = createReadStream(file).pipe(parse({ bom: true, info: true, skip_empty_lines: true }));
  let builder: TableBuilder | undefined;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (!builder) {
        const header = rec.record.map((h) => h.trim());
        builder = new TableBuilder(file, header, target, rec.info.lines);
      } else {
        builder.addRow(rec.record, rec.info.lines);
      }
    }
  } catch (err) {
    throw toUsageError(file, err);
  }
  if (!builder) throw new UsageError('E_BAD_DATA', `${file}:1: empty file; expected a header row and data rows.`);
  return builder.finish();
}

function toUsageError(file: string, err: unknown): unknown {
  if (err instanceof UsageError) return err;
  const e = err as { code?: string; lines?: number; message?: string };
  if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
    const line = typeof e.lines === 'number' ? e.lines : '?';
    const what = e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'ragged row: its number of fields differs from the header'
      : e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unclosed quote'
      : e.message ?? e.code;
    return new UsageError('E_BAD_DATA', `${file}:${line}: ${what} (${e.code}).`);
  }
  return err;
}
