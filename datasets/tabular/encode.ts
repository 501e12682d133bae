/**
 * mlbench's own encoding of a tabular slice (what its tfjs models train on), fitted on the
 * training slice only, from the raw columns and their roles (types.ts NumericRole):
 * - `measure` columns standardised with the training slice's mean and population standard
 *   deviation (float64 accumulation);
 * - `calendar` columns (hour, day of week, day of month) and categorical columns as ids over the
 *   values seen in the training slice (0 = unseen), one-hot in the linear-model layout;
 * - `period` columns (the month a temporal split is cut on) left out.
 * The dense one-hot layout is produced per batch ({@link oneHotRows}), never for a whole slice:
 * 1M rows x 700 columns would be 2.8 GB. Peers get the raw columns and encode them their way.
 */
import { createHash } from 'node:crypto';
import type {
  CategoricalEncoding,
  EncodedSlice,
  NumericEncoding,
  NumericRole,
  TabularEncoding,
  TabularTable,
} from './types.js';

/** The role of numeric column `c` (`measure` when the table declares none). */
export function numericRole(table: TabularTable, c: number): NumericRole {
  return table.numericRoles?.[c] ?? 'measure';
}

/** Fits the encoding on the rows of `trainRows` (and only those). */
export function fitEncoding(
  datasetId: string,
  table: TabularTable,
  trainSlice: string,
  trainRows: Uint32Array,
): TabularEncoding {
  const numeric: NumericEncoding[] = [];
  const calendar: Array<Omit<CategoricalEncoding, 'oneHotOffset'>> = [];
  const dropped: string[] = [];
  table.numeric.forEach((col, c) => {
    const name = table.numericNames[c]!;
    const role = numericRole(table, c);
    if (role === 'period') {
      dropped.push(name);
      return;
    }
    if (role === 'calendar') {
      const seen = new Set<number>();
      for (let j = 0; j < trainRows.length; j++) seen.add(col[trainRows[j]!]!);
      const vocabulary = [...seen].sort((a, b) => a - b).map(String);
      calendar.push({ name, from: 'calendar', column: c, cardinality: vocabulary.length + 1, vocabulary });
      return;
    }
    let sum = 0;
    for (let j = 0; j < trainRows.length; j++) sum += col[trainRows[j]!]!;
    const mean = trainRows.length > 0 ? sum / trainRows.length : 0;
    let sq = 0;
    for (let j = 0; j < trainRows.length; j++) {
      const d = col[trainRows[j]!]! - mean;
      sq += d * d;
    }
    const std = trainRows.length > 0 ? Math.sqrt(sq / trainRows.length) : 0;
    numeric.push({ name, column: c, mean, std: std > 0 ? std : 1 });
  });
  const categories = table.categorical.map((col, c): Omit<CategoricalEncoding, 'oneHotOffset'> => {
    const vocab = table.vocabularies[c]!;
    const seen = new Uint8Array(vocab.length);
    for (let j = 0; j < trainRows.length; j++) seen[col[trainRows[j]!]!] = 1;
    const vocabulary = vocab.filter((_v, id) => seen[id] === 1);
    return {
      name: table.categoricalNames[c]!,
      from: 'categorical',
      column: c,
      cardinality: vocabulary.length + 1,
      vocabulary,
    };
  });
  let offset = numeric.length;
  const categorical = [...calendar, ...categories].map((enc) => {
    const placed = { ...enc, oneHotOffset: offset };
    offset += enc.cardinality;
    return placed;
  });
  return {
    datasetId,
    trainSlice,
    numeric,
    categorical,
    oneHotWidth: offset,
    dropped,
    target: { name: table.target, classes: table.classes.slice() },
  };
}

/** Encodes the rows `rows` of `table` with `encoding` (fitted elsewhere, on the training slice). */
export function encodeSlice(
  table: TabularTable,
  slice: string,
  rows: Uint32Array,
  encoding: TabularEncoding,
): EncodedSlice {
  const nNum = encoding.numeric.length;
  const nCat = encoding.categorical.length;
  const numeric = new Float32Array(rows.length * nNum);
  encoding.numeric.forEach(({ column, mean, std }, c) => {
    const col = table.numeric[column]!;
    const inv = 1 / std;
    for (let j = 0; j < rows.length; j++) numeric[j * nNum + c] = (col[rows[j]!]! - mean) * inv;
  });
  const categorical = new Int32Array(rows.length * nCat);
  encoding.categorical.forEach((enc, c) => {
    if (enc.from === 'calendar') {
      const col = table.numeric[enc.column]!;
      const index = new Map(enc.vocabulary.map((v, k) => [Number(v), k + 1]));
      for (let j = 0; j < rows.length; j++) categorical[j * nCat + c] = index.get(col[rows[j]!]!) ?? 0;
      return;
    }
    const col = table.categorical[enc.column]!;
    const remap = categoryRemap(table.vocabularies[enc.column]!, enc.vocabulary);
    for (let j = 0; j < rows.length; j++) categorical[j * nCat + c] = remap[col[rows[j]!]!]!;
  });
  const labels = new Uint8Array(rows.length);
  for (let j = 0; j < rows.length; j++) labels[j] = table.labels[rows[j]!]!;
  return {
    slice,
    rows: rows.length,
    numeric,
    categorical,
    labels,
    checksum: encodedChecksum(numeric, categorical, labels),
  };
}

/** A short description of an encoding, recorded in job results (`train.encoding`). */
export function describeEncoding(encoding: TabularEncoding): Record<string, unknown> {
  return {
    by: 'mlbench (datasets/tabular/encode.ts), fitted on the training slice',
    standardised: encoding.numeric.map((n) => n.name),
    oneHot: Object.fromEntries(encoding.categorical.map((c) => [c.name, c.cardinality])),
    oneHotNote: 'one column per training value plus one for values unseen in training',
    dropped: encoding.dropped,
    width: encoding.oneHotWidth,
  };
}

/** table id -> encoded id (0 when the value is not in the training vocabulary). */
function categoryRemap(tableVocab: string[], trainVocab: string[]): Int32Array {
  const index = new Map(trainVocab.map((v, k) => [v, k + 1]));
  return Int32Array.from(tableVocab, (v) => index.get(v) ?? 0);
}

/** `sha256:<hex>` over the bytes of an encoded slice's arrays. */
export function encodedChecksum(numeric: Float32Array, categorical: Int32Array, labels: Uint8Array): string {
  const h = createHash('sha256');
  for (const a of [numeric, categorical, labels]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return `sha256:${h.digest('hex')}`;
}

/**
 * Dense rows [start, end) of an encoded slice in the linear-model layout: the standardised
 * numeric values, then one one-hot block per categorical column. Written into `out` when given
 * (length >= (end - start) * oneHotWidth), so a training loop can reuse one batch buffer.
 */
export function oneHotRows(
  slice: EncodedSlice,
  encoding: TabularEncoding,
  start: number,
  end: number,
  out?: Float32Array,
): Float32Array {
  const width = encoding.oneHotWidth;
  const nNum = encoding.numeric.length;
  const nCat = encoding.categorical.length;
  const n = Math.max(0, Math.min(end, slice.rows) - start);
  const dense = out ?? new Float32Array(n * width);
  dense.fill(0, 0, n * width);
  for (let r = 0; r < n; r++) {
    const row = start + r;
    const base = r * width;
    for (let c = 0; c < nNum; c++) dense[base + c] = slice.numeric[row * nNum + c]!;
    for (let c = 0; c < nCat; c++)
      dense[base + encoding.categorical[c]!.oneHotOffset + slice.categorical[row * nCat + c]!] = 1;
  }
  return dense;
}
