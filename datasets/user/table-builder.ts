/**
 * Builds a TabularTable from user rows (CSV or Parquet), with errors that name the file and line.
 *
 * Column types are decided from the whole column, never from its first row (rows are kept until
 * finish()):
 *   1. a value that reads as a number with a leading zero ("02134") makes the column
 *      categorical: it holds codes;
 *   2. a column whose non-missing values are all numbers is numeric;
 *   3. a column whose non-missing values are at least half numbers, but not all, is refused,
 *      naming the first value that is not a number and its line (a missing-value marker such as
 *      "?" can be added with --na);
 *   4. any other column is categorical.
 * Missing values are empty cells and the `na` tokens (default "NA"), the same wherever they
 * appear. In a categorical column they are one level, "(missing)". In a numeric column they are
 * refused naming the first one's line (`missing: 'refuse'`), or kept as NaN for imputation
 * (`missing: 'impute'`, done by user-source.ts on the training rows). Numbers may use a decimal
 * comma ("310,9") when the separator is not a comma. Values are cast here, never by the parser.
 */
import { UsageError } from '../../harness/errors.js';
import type { TabularTable } from '../tabular/types.js';

/** A plain decimal number: optional sign, digits with optional fraction, optional exponent. */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA_RE = /^[+-]?\d+,\d+$/;
const LEADING_ZERO_RE = /^[+-]?0\d/;

/** Largest class count a Uint8Array label can hold. */
export const MAX_CLASSES = 256;

/** The level missing values take in a categorical column. */
export const MISSING_LEVEL = '(missing)';

/** How a user table treats missing values and numbers. */
export interface TableOptions {
  /** Tokens read as missing besides the empty cell. */
  na: string[];
  missing: 'refuse' | 'impute';
  /** Accept "310,9" as 310.9 (the separator is not a comma). */
  decimalComma: boolean;
}

export const DEFAULT_TABLE_OPTIONS: TableOptions = { na: ['NA'], missing: 'refuse', decimalComma: false };

type Cell = string | number | bigint | boolean | null | undefined;

function looksNumeric(s: string): boolean {
  const t = s.trim();
  return NUMBER_RE.test(t) && !LEADING_ZERO_RE.test(t);
}

/** Collects rows of a user table; `where` is the file name used in every error. */
export class TableBuilder {
  private readonly targetIndex: number;
  /** Cells per column: null for missing, else the raw value. */
  private readonly cells: Cell[][];
  private readonly lines: number[] = [];
  private readonly targets: string[] = [];
  private readonly na: Set<string>;
  private lastLine = 0;

  constructor(
    private readonly where: string,
    private readonly header: string[],
    private readonly target: string,
    headerLine: number,
    private readonly options: TableOptions = DEFAULT_TABLE_OPTIONS,
  ) {
    this.targetIndex = header.indexOf(target);
    if (this.targetIndex < 0) {
      throw new UsageError(
        'E_BAD_DATA',
        `${where}:${headerLine}: target column "${target}" is not in the header. Columns: ${header.join(', ')}.`,
      );
    }
    this.cells = header.map(() => []);
    this.na = new Set(options.na);
  }

  private isMissing(v: Cell): boolean {
    return (
      v === null ||
      v === undefined ||
      (typeof v === 'number' && Number.isNaN(v)) ||
      (typeof v === 'string' && (v.trim() === '' || this.na.has(v.trim())))
    );
  }

  /** Adds one row; `line` is its line number in the file (1-based). */
  addRow(cells: readonly Cell[], line: number): void {
    this.lastLine = line;
    this.lines.push(line);
    for (let c = 0; c < this.header.length; c++) {
      const v = cells[c];
      if (c === this.targetIndex) {
        if (this.isMissing(v))
          throw new UsageError(
            'E_BAD_DATA',
            `${this.where}:${line}: missing value ${v === null || v === undefined || String(v).trim() === '' ? '(empty)' : `"${String(v)}"`} in target column "${this.target}".`,
          );
        this.targets.push(String(v).trim());
        continue;
      }
      this.cells[c]!.push(this.isMissing(v) ? null : v);
    }
  }

  private toNumber(v: Cell): number {
    if (typeof v !== 'string') return Number(v);
    const t = v.trim();
    if (NUMBER_RE.test(t)) return Number(t);
    return this.options.decimalComma && DECIMAL_COMMA_RE.test(t) ? Number(t.replace(',', '.')) : Number.NaN;
  }

  /** The kind of column `c`, from all of its values (rules 1-4 above). */
  private kindOf(c: number): 'numeric' | 'categorical' {
    const column = this.cells[c]!;
    let numbers = 0;
    let present = 0;
    let firstOther = -1;
    for (let r = 0; r < column.length; r++) {
      const v = column[r];
      if (v === null) continue;
      present++;
      if (typeof v === 'string' && LEADING_ZERO_RE.test(v.trim()) && NUMBER_RE.test(v.trim())) return 'categorical';
      if (
        typeof v !== 'string'
          ? typeof v !== 'boolean'
          : looksNumeric(v) || (this.options.decimalComma && DECIMAL_COMMA_RE.test(v.trim()))
      )
        numbers++;
      else if (firstOther < 0) firstOther = r;
    }
    if (present > 0 && numbers === present) return 'numeric';
    if (numbers * 2 >= present) {
      const bad = String(column[firstOther]);
      throw new UsageError(
        'E_BAD_DATA',
        `${this.where}:${this.lines[firstOther]}: column "${this.header[c]}" is numeric (${numbers} of ${present} values are numbers) but has the non-numeric value "${bad}"; if it marks a missing value, add it with --na ${JSON.stringify(bad)}.`,
      );
    }
    return 'categorical';
  }

  /** The finished table; refuses a file with no rows or a target with fewer than two classes. */
  finish(): TabularTable {
    const rows = this.targets.length;
    if (rows === 0)
      throw new UsageError('E_BAD_DATA', `${this.where}:${this.lastLine || 1}: no data rows after the header.`);
    const classSet = [...new Set(this.targets)];
    if (classSet.length < 2) {
      throw new UsageError(
        'E_BAD_DATA',
        `${this.where}:2-${this.lastLine}: target column "${this.target}" has one class ("${classSet[0]}"); a classification target needs at least two.`,
      );
    }
    if (classSet.length > MAX_CLASSES) {
      throw new UsageError(
        'E_BAD_DATA',
        `${this.where}: target column "${this.target}" has ${classSet.length} classes; at most ${MAX_CLASSES} are supported.`,
      );
    }
    const allNumeric = classSet.every(looksNumeric);
    const classes = classSet.sort(allNumeric ? (a, b) => Number(a) - Number(b) : undefined);
    const classId = new Map(classes.map((k, i) => [k, i]));
    const labels = Uint8Array.from(this.targets, (t) => classId.get(t)!);
    const table: TabularTable = {
      rows,
      numericNames: [],
      numeric: [],
      categoricalNames: [],
      categorical: [],
      vocabularies: [],
      target: this.target,
      classes,
      labels,
    };
    for (let c = 0; c < this.header.length; c++) {
      if (c === this.targetIndex) continue;
      const column = this.cells[c]!;
      if (this.kindOf(c) === 'numeric') {
        const firstMissing = column.indexOf(null);
        if (firstMissing >= 0 && this.options.missing === 'refuse') {
          const count = column.filter((v) => v === null).length;
          throw new UsageError(
            'E_BAD_DATA',
            `${this.where}:${this.lines[firstMissing]}: missing value in numeric column "${this.header[c]}" (${count} missing in all; missing = empty or ${[...this.na].join(', ') || 'nothing else'}). Impute them with --missing impute (training-rows mean plus a "${this.header[c]}_missing" indicator), or fix the file.`,
          );
        }
        table.numericNames.push(this.header[c]!);
        table.numeric.push(Float64Array.from(column, (v) => (v === null ? Number.NaN : this.toNumber(v))));
      } else {
        const vocab = new Map<string, number>();
        const ids = Int32Array.from(column, (v) => {
          const s = v === null ? MISSING_LEVEL : String(v);
          let id = vocab.get(s);
          if (id === undefined) vocab.set(s, (id = vocab.size));
          return id;
        });
        table.categoricalNames.push(this.header[c]!);
        table.categorical.push(ids);
        table.vocabularies.push([...vocab.keys()]);
      }
    }
    return table;
  }
}
