/**
 * Reads a user Parquet file into a TabularTable with hyparquet (+ hyparquet-compressors). Row
 * numbers in errors are 1-based data rows ("row 17"), since a Parquet file has no lines.
 */
import { stat } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { UsageError } from '../../harness/errors.js';
import type { TabularTable } from '../tabular/types.js';
import { DEFAULT_TABLE_OPTIONS, TableBuilder } from './table-builder.js';

/** Reads `file` with `target` as the label column. */
export async function readParquetTable(
  file: string,
  target: string,
  missing: { na: string[]; missing: 'refuse' | 'impute' } = DEFAULT_TABLE_OPTIONS,
): Promise<TabularTable> {
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new UsageError('E_BAD_DATA', `${file}: cannot read the Parquet file (missing or not a file).`);
    },
  );
  if (size === 0) throw new UsageError('E_BAD_DATA', `${file}: empty file; expected a Parquet file.`);
  let rows: Array<Record<string, unknown>>;
  let header: string[];
  try {
    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer);
    header = parquetSchema(metadata).children.map((c) => c.element.name);
    // The schema is checked before any row is decoded, so a wrong column is named in milliseconds
    // (TableBuilder's constructor throws naming the target and the columns there are).
    if (!header.includes(target)) new TableBuilder(`${file} (row numbers)`, header, target, 0);
    rows = await parquetReadObjects({ file: buffer, metadata, compressors });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError('E_BAD_DATA', `${file}: not a readable Parquet file (${(err as Error).message}).`);
  }
  // The header is "line 0"; row k (1-based) is reported as line k.
  const builder = new TableBuilder(`${file} (row numbers)`, header, target, 0, {
    na: missing.na,
    missing: missing.missing,
    decimalComma: false,
  });
  rows.forEach((row, k) => {
    builder.addRow(
      header.map((h) => cell(row[h])),
      k + 1,
    );
  });
  return builder.finish();
}

function cell(v: unknown): string | number | bigint | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Date) return v.getTime();
  return JSON.stringify(v);
}
