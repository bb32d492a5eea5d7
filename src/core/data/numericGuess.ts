/**
 * Numbers read while the tokenizer passes over each field, so that a numeric column (most columns
 * of most files) is built in the same pass instead of being gathered and scanned again later.
 *
 * It is only a guess: a column stops being guessed at its first cell that is not a plain number or
 * blank (a quoted cell, a missing-value token, text, a leading zero ...), and the reader then
 * builds it the ordinary way. A column that survives is exactly what `inferColumnType` would
 * build: the same scanner, the same trimming, blank cells missing. Record 0 is kept apart
 * because the tokenizer does not yet know whether it is a header.
 */
import { trimmedEnd, trimmedStart } from './columnCells';
import { NUM_OK, POW10, scanNumber } from './parseCell';
import type { Column } from './table';

const NUMBER = 0;
const BLANK = 1;
const OTHER = 2;
/** Records held before the columns still read as numbers are given their full size. */
const FIRST_RECORDS = 16;

/** A numeric column's values over some rows, how many are present, and whether any is blank (NaN). */
export interface GuessedPart {
  values: Float64Array;
  present: number;
  blanks: boolean;
}

export class NumericGuess {
  /** Column j's values for records 1, 2, ... (index record - 1); null once the column is not numeric. */
  readonly values: Array<Float64Array | null>;
  /** Non-blank cells per column among records 1, 2, ... */
  readonly nonMissing: Uint32Array;
  /** False once a record has a field count other than record 0's. */
  rectangular = true;
  /** Blank cells per column after record 0: none (the usual case) spares that column a scan for missing cells. */
  private readonly blanks: Uint32Array;
  private readonly firstStatus: Uint8Array;
  private readonly firstValue: Float64Array;
  private readonly out = new Float64Array(1);
  private size = FIRST_RECORDS;
  /** Records expected after record 0: the columns still numbers after the first few get this size at once. */
  private readonly expected: number;

  /**
   * `firstCells` is record 0 as content ranges, null for a quoted cell; room for `capacity`
   * records after it. `offset`: record r's value is at index offset + r - 1 (the tokenizer adds it
   * to the records it passes; see AsciiTokenizeOptions.recordOffset).
   */
  constructor(
    text: string,
    firstCells: ReadonlyArray<readonly [number, number] | null>,
    capacity: number,
    readonly offset = 0,
  ) {
    const width = firstCells.length;
    this.firstStatus = new Uint8Array(width);
    this.firstValue = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      const range = firstCells[j];
      this.firstStatus[j] = range === null ? OTHER : this.classify(text, range[0], range[1]);
      this.firstValue[j] = this.out[0];
    }
    this.expected = Math.max(FIRST_RECORDS, capacity);
    // Small at first: a text column drops out within a few records and never costs a full column.
    this.values = Array.from({ length: width }, () => new Float64Array(this.size));
    this.nonMissing = new Uint32Array(width);
    this.blanks = new Uint32Array(width);
  }

  /** Records expected after record 0 (room is made for more when they come). */
  get capacity(): number {
    return this.expected;
  }

  get width(): number {
    return this.values.length;
  }

  /** Makes room for record `record` (1-based among the records after record 0). */
  reserve(record: number): void {
    if (record <= this.size) return;
    this.size = record <= this.expected ? this.expected : Math.max(record, Math.ceil(this.size * 1.6) + 16);
    const values = this.values;
    for (let j = 0; j < values.length; j++) {
      const column = values[j];
      if (column === null) continue;
      const grown = new Float64Array(this.size);
      grown.set(column);
      values[j] = grown;
    }
  }

  /** Record `record`'s unquoted cell `text[s, e)` of column `j` (record ≥ 1, j < width). */
  cell(j: number, record: number, text: string, s: number, e: number): void {
    const column = this.values[j];
    if (column === null) return;
    const status = this.classify(text, s, e);
    if (status === NUMBER) {
      column[record - 1] = this.out[0];
      this.nonMissing[j]++;
    } else if (status === BLANK) {
      column[record - 1] = NaN;
      this.blanks[j]++;
    } else {
      this.values[j] = null;
    }
  }

  /**
   * The common cell, `-?\d*\.?\d*` with at most 15 digits and no leading zero, ended by the
   * delimiter, a line break or the end of the text, read straight from the tokenizer's position:
   * stores it as record `record`'s value of column j and returns where the cell ends, or returns
   * -1 (and stores nothing) for anything else, which the tokenizer then scans the ordinary way.
   * The value is scanNumber's: the same digits and the same single multiply or divide.
   */
  plainNumber(j: number, record: number, text: string, pos: number, delim: number): number {
    const column = this.values[j];
    if (column === null) return -1;
    const n = text.length;
    let i = pos;
    let c = i < n ? text.charCodeAt(i) : -1;
    const negative = c === 0x2d;
    if (negative) c = ++i < n ? text.charCodeAt(i) : -1;
    const intStart = i;
    let mantissa = 0;
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      c = ++i < n ? text.charCodeAt(i) : -1;
    }
    const intDigits = i - intStart;
    let fracDigits = 0;
    if (c === 0x2e) {
      c = ++i < n ? text.charCodeAt(i) : -1;
      const fracStart = i;
      while (c >= 0x30 && c <= 0x39) {
        mantissa = mantissa * 10 + (c - 0x30);
        c = ++i < n ? text.charCodeAt(i) : -1;
      }
      fracDigits = i - fracStart;
    }
    const digits = intDigits + fracDigits;
    if (digits === 0 || digits > 15 || (c !== delim && c !== 0x0a && c !== 0x0d && c !== -1)) return -1;
    if (intDigits > 1 && text.charCodeAt(intStart) === 0x30) return -1;
    const value = fracDigits === 0 ? mantissa : mantissa / POW10[fracDigits];
    column[record - 1] = negative ? -value : value;
    this.nonMissing[j]++;
    return i;
  }

  /**
   * plainNumber over the bytes of an ASCII file (readAsciiCsv's tokenizer): the same cells, the
   * same digits and the same arithmetic, so the same doubles. Kept as a copy because one loop
   * over both a string and bytes would be slower for each.
   */
  plainNumberInBytes(j: number, record: number, bytes: Uint8Array, pos: number, delim: number): number {
    const column = this.values[j];
    if (column === null) return -1;
    const n = bytes.length;
    let i = pos;
    let c = i < n ? bytes[i] : -1;
    const negative = c === 0x2d;
    if (negative) c = ++i < n ? bytes[i] : -1;
    const intStart = i;
    let mantissa = 0;
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      c = ++i < n ? bytes[i] : -1;
    }
    const intDigits = i - intStart;
    let fracDigits = 0;
    if (c === 0x2e) {
      c = ++i < n ? bytes[i] : -1;
      const fracStart = i;
      while (c >= 0x30 && c <= 0x39) {
        mantissa = mantissa * 10 + (c - 0x30);
        c = ++i < n ? bytes[i] : -1;
      }
      fracDigits = i - fracStart;
    }
    const digits = intDigits + fracDigits;
    if (digits === 0 || digits > 15 || (c !== delim && c !== 0x0a && c !== 0x0d && c !== -1)) return -1;
    if (intDigits > 1 && bytes[intStart] === 0x30) return -1;
    const value = fracDigits === 0 ? mantissa : mantissa / POW10[fracDigits];
    column[record - 1] = negative ? -value : value;
    this.nonMissing[j]++;
    return i;
  }

  /** An empty cell (nothing between its delimiters) of record `record`, column j. */
  blank(j: number, record: number): void {
    const column = this.values[j];
    if (column === null) return;
    column[record - 1] = NaN;
    this.blanks[j]++;
  }

  /** Whether column j is still read as numbers. */
  guessing(j: number): boolean {
    return this.values[j] !== null;
  }

  /** A quoted cell: the column is left to the ordinary path. */
  drop(j: number): void {
    this.values[j] = null;
  }

  /**
   * Column j as the table's column of rows `firstRow ..` (0 or 1: after a header), `rowCount`
   * rows, or null when it must be built the ordinary way (not numeric, or no value at all).
   */
  column(j: number, name: string, firstRow: number, rowCount: number): Column | null {
    const part = this.part(j, firstRow, rowCount);
    if (part === null || part.present === 0) return null;
    const guessed = this.values[j] as Float64Array;
    // The guessed array itself when it holds exactly these rows (the usual case): no copy.
    const values = firstRow === 0 ? part.values : this.offset === 0 && guessed.length === rowCount ? guessed : part.values.slice();
    return { name, type: 'numeric', inferredType: 'numeric', missing: missingOf(values, part.blanks), values };
  }

  /**
   * Column j's values for the `rowCount` rows from record `firstRow` (0 or 1), as they stand: a
   * view when the rows start at record 1. Null when the column is not read as numbers. For joining
   * the guesses of a file read in parts, where a part's column may be blank throughout.
   */
  part(j: number, firstRow: number, rowCount: number): GuessedPart | null {
    if (j >= this.width || !this.rectangular) return null;
    const guessed = this.values[j];
    if (guessed === null) return null;
    if (firstRow === 1) return { values: guessed.subarray(this.offset, this.offset + rowCount), present: this.nonMissing[j], blanks: this.blanks[j] > 0 };
    const first = this.firstStatus[j];
    if (first === OTHER) return null;
    const values = new Float64Array(rowCount);
    values[0] = first === NUMBER ? this.firstValue[j] : NaN;
    values.set(guessed.subarray(this.offset, this.offset + rowCount - 1), 1);
    return { values, present: this.nonMissing[j] + (first === NUMBER ? 1 : 0), blanks: first === BLANK || this.blanks[j] > 0 };
  }

  /** The arrays behind the guess, to hand it to another thread without copying them. */
  buffers(): ArrayBuffer[] {
    const arrays = [...this.values, this.nonMissing, this.blanks, this.firstStatus, this.firstValue, this.out];
    return arrays.flatMap((array) => (array === null ? [] : [array.buffer as ArrayBuffer]));
  }

  /** A guess that came from another thread: a structured clone keeps the fields but not the class. */
  static revive(clone: NumericGuess): NumericGuess {
    return Object.setPrototypeOf(clone, NumericGuess.prototype) as NumericGuess;
  }

  /** NUMBER (value in `out[0]`), BLANK or OTHER, with inferColumnType's trimming and scanner. */
  private classify(text: string, s: number, e: number): number {
    s = trimmedStart(text, s, e);
    e = trimmedEnd(text, s, e);
    if (s === e) return BLANK;
    return scanNumber(text, s, e, this.out) === NUM_OK ? NUMBER : OTHER;
  }
}

/** The missing mask of guessed values: a parsed number is never NaN, so NaN marks exactly the blank cells. */
export function missingOf(values: Float64Array, blanks: boolean): Uint8Array {
  const missing = new Uint8Array(values.length);
  if (blanks) for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) missing[i] = 1;
  return missing;
}
