/**
 * Encoding of a tabular slice, fitted on the training slice only: numeric columns standardised
 * with the training slice's mean and population standard deviation (float64 accumulation),
 * categorical columns as ids over the values seen in the training slice (0 = unseen). The dense
 * one-hot layout for linear models is produced per batch ({@link oneHotRows}), never for a whole
 * slice: 1M rows x 500 columns would be 2 GB.
 */
import { createHash } from 'node:crypto';
import type { CategoricalEncoding, EncodedSlice, NumericEncoding, TabularEncoding, TabularTable } from './types.js';

/** Fits the encoding on the rows of `trainRows` (and only those). */
export function fitEncoding(datasetId: string, table: TabularTable, trainSlice: string, trainRows: Uint32Array): TabularEncoding {
  const numeric: NumericEncoding[] = table.numeric.map((col, c) => {
    let sum = 0;
    for (let j = 0; j < trainRows.length; j++) sum += col[trainRows[j]!]!;
    const mean = trainRows.length > 0 ? sum / trainRows.length : 0;
    let sq = 0;
    for (let j = 0; j < trainRows.length; j++) {
      const d = col[trainRows[j]!]! - mean;
      sq += d * d;
    }
    const std = trainRows.length > 0 ? Math.sqrt(sq / trainRows.length) : 0;
    return { name: table.numericNames[c]!, mean, std: std > 0 ? std : 1 };
  });
  let offset = table.numeric.length;
  const categorical: CategoricalEncoding[] = table.categorical.map((col, c) => {
    const vocab = table.vocabularies[c]!;
    const seen = new Uint8Array(vocab.length);
    for (let j = 0; j < trainRows.length; j++) seen[col[trainRows[j]!]!] = 1;
    const vocabulary = vocab.filter((_v, id) => seen[id] === 1);
    const enc = { name: table.categoricalNames[c]!, cardinality: vocabulary.length + 1, vocabulary, oneHotOffset: offset };
    offset += enc.cardinality;
    return enc;
  });
  return { datasetId, trainSlice, numeric, categorical, oneHotWidth: offset, target: { name: table.target, classes: table.classes.slice() } };
}

/** Encodes the rows `rows` of `table` with `encoding` (fitted elsewhere, on the training slice). */
export function encodeSlice(table: TabularTable, slice: string, rows: Uint32Array, encoding: TabularEncoding): EncodedSlice {
  const nNum = encoding.numeric.length;
  const nCat = encoding.categorical.length;
  const numeric = new Float32Array(rows.length * nNum);
  for (let c = 0; c < nNum; c++) {
    const col = table.numeric[c]!;
    const { mean, std } = encoding.numeric[c]!;
    const inv = 1 / std;
    for (let j = 0; j < rows.length; j++) numeric[j * nNum + c] = (col[rows[j]!]! - mean) * inv;
  }
  const categorical = new Int32Array(rows.length * nCat);
  for (let c = 0; c < nCat; c++) {
    const col = table.categorical[c]!;
    const remap = categoryRemap(table.vocabularies[c]!, encoding.categorical[c]!.vocabulary);
    for (let j = 0; j < rows.length; j++) categorical[j * nCat + c] = remap[col[rows[j]!]!]!;
  }
  const labels = new Uint8Array(rows.length);
  for (let j = 0; j < rows.length; j++) labels[j] = table.labels[rows[j]!]!;
  return { slice, rows: rows.length, numeric, categorical, labels, checksum: encodedChecksum(numeric, categorical, labels) };
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
export function oneHotRows(slice: EncodedSlice, encoding: TabularEncoding, start: number, end: number, out?: Float32Array): Float32Array {
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
    for (let c = 0; c < nCat; c++) dense[base + encoding.categorical[c]!.oneHotOffset + slice.categorical[row * nCat + c]!] = 1;
  }
  return dense;
}
