/**
 * Builds a TabularTable from user rows (CSV or Parquet), one row at a time, with errors that name
 * the file and line. Column kinds are inferred from the first non-empty value: a number (or a
 * string that reads as a plain decimal number without a leading zero, such as "12", "-0.5",
 * "1e3") makes the column numeric; anything else, including codes like "02134", makes it
 * categorical. Values are cast here, never by the parser, so "02134" stays "02134". A later value
 * that is not a number in a numeric column, or an empty one, is an error naming its line.
 */
import { UsageError } from '../../harness/errors.js';
import type { TabularTable } from '../tabular/types.js';

/** A plain decimal number: optional sign, digits with optional fraction, optional exponent. */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const LEADING_ZERO_RE = /^[+-]?0\d/;

/** Largest class count a Uint8Array label can hold. */
export const MAX_CLASSES = 256;

type Kind = 'numeric' | 'categorical' | undefined;
type Cell = string | number | bigint | boolean | null | undefined;

function looksNumeric(s: string): boolean {
  const t = s.trim();
  return NUMBER_RE.test(t) && !LEADING_ZERO_RE.test(t);
}

/** Collects rows of a user table; `where` is the file name used in every error. */
export class TableBuilder {
  private readonly targetIndex: number;
  private readonly kinds: Kind[];
  private readonly numbers: number[][];
  private readonly ids: number[][];
  private readonly vocab: Array<Map<string, number>>;
  private readonly firstEmptyLine: Array<number | undefined>;
  private readonly targets: string[] = [];
  private lastLine = 0;

  constructor(private readonly where: string, private readonly header: string[], private readonly target: string, headerLine: number) {
    this.targetIndex = header.indexOf(target);
    if (this.targetIndex < 0) {
      throw new UsageError('E_BAD_DATA', `${where}:${headerLine}: target column "${target}" is not in the header. Columns: ${header.join(', ')}.`);
    }
    this.kinds = header.map(() => undefined);
    this.numbers = header.map(() => []);
    this.ids = header.map(() => []);
    this.vocab = header.map(() => new Map());
    this.firstEmptyLine = header.map(() => undefined);
  }

  /** Adds one row; `line` is its line number in the file (1-based). */
  addRow(cells: readonly Cell[], line: number): void {
    this.lastLine = line;
    for (let c = 0; c < this.header.length; c++) {
      const v = cells[c];
      if (c === this.targetIndex) {
        const s = v === null || v === undefined ? '' : String(v).trim();
        if (s === '') throw new UsageError('E_BAD_DATA', `${this.where}:${line}: empty value in target column "${this.target}".`);
        this.targets.push(s);
        continue;
      }
      const empty = v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
      let kind = this.kinds[c];
      if (kind === undefined) {
        if (empty) {
          this.firstEmptyLine[c] ??= line;
          this.ids[c]!.push(this.idOf(c, ''));
          continue;
        }
        kind = typeof v === 'string' ? (looksNumeric(v) ? 'numeric' : 'categorical') : 'numeric';
        this.kinds[c] = kind;
        if (kind === 'numeric' && this.firstEmptyLine[c] !== undefined) this.emptyNumeric(c, this.firstEmptyLine[c]!);
      }
      if (kind === 'numeric') {
        if (empty) this.emptyNumeric(c, line);
        const n = typeof v === 'string' ? (NUMBER_RE.test(v.trim()) ? Number(v) : NaN) : Number(v);
        if (!Number.isFinite(n)) {
          throw new UsageError('E_BAD_DATA',
            `${this.where}:${line}: column "${this.header[c]}" is numeric (from its first value) but has the non-numeric value "${String(v)}".`);
        }
        this.numbers[c]!.push(n);
      } else {
        this.ids[c]!.push(this.idOf(c, empty ? '' : String(v)));
      }
    }
  }

  private emptyNumeric(c: number, line: number): never {
    throw new UsageError('E_BAD_DATA', `${this.where}:${line}: empty value in numeric column "${this.header[c]}".`);
  }

  private idOf(c: number, s: string): number {
    const map = this.vocab[c]!;
    let id = map.get(s);
    if (id === undefined) map.set(s, (id = map.size));
    return id;
  }

  /** The finished table; refuses a file with no rows or a target with fewer than two classes. */
  finish(): TabularTable {
    const rows = this.targets.length;
    if (rows === 0) throw new UsageError('E_BAD_DATA', `${this.where}:${this.lastLine || 1}: no data rows after the header.`);
    const classSet = [...new Set(this.targets)];
    if (classSet.length < 2) {
      throw new UsageError('E_BAD_DATA',
        `${this.where}:2-${this.lastLine}: target column "${this.target}" has one class ("${classSet[0]}"); a classification target needs at least two.`);
    }
    if (classSet.length > MAX_CLASSES) {
      throw new UsageError('E_BAD_DATA', `${this.where}: target column "${this.target}" has ${classSet.length} classes; at most ${MAX_CLASSES} are supported.`);
    }
    const allNumeric = classSet.every(looksNumeric);
    const classes = classSet.sort(allNumeric ? (a, b) => Number(a) - Number(b) : undefined);
    const classId = new Map(classes.map((k, i) => [k, i]));
    const labels = Uint8Array.from(this.targets, (t) => classId.get(t)!);
    const table: TabularTable = { rows, numericNames: [], numeric: [], categoricalNames: [], categorical: [], vocabularies: [], target: this.target, classes, labels };
    for (let c = 0; c < this.header.length; c++) {
      if (c === this.targetIndex) continue;
      if (this.kinds[c] === 'numeric') {
        table.numericNames.push(this.header[c]!);
        table.numeric.push(Float64Array.from(this.numbers[c]!));
      } else {
        table.categoricalNames.push(this.header[c]!);
        table.categorical.push(Int32Array.from(this.ids[c]!));
        table.vocabularies.push([...this.vocab[c]!.keys()]);
      }
    }
    return table;
  }
}
