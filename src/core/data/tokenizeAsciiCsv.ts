/**
 * The reader's fast path for the common file: plain ASCII, well formed, every record as wide as
 * the first. It tokenizes the bytes themselves, so the file is never decoded into one big string,
 * and keeps cell ranges only for the columns that are not numbers: numeric columns are read
 * into their values on the same pass (NumericGuess) and leave nothing else behind.
 *
 * It gives up (returns null) at anything the general tokenizer would report or treat specially:
 * a blank line before a record, a stray or unclosed quote, text or spaces after a closing quote,
 * a ragged record, a field or record over a cap. The caller then reads the file the general way,
 * which explains it. So this path never decides anything the general one would not.
 */
import { CELL_ESCAPED, CELL_PLAIN, QUOTE } from './csvTokens';
import { NumericGuess } from './numericGuess';
import { lineEndingOf, type LineEnding } from './tokenizeCsv';

export interface AsciiTokenizeOptions {
  delimiter: string;
  maxColumns: number;
  maxFieldLength: number;
  maxRecords: number;
  maxCells: number;
  onProgress?: (fraction: number) => void;
  guessNumbers: boolean;
  /**
   * For the second part of a file read in two (readCsvInTwo): the records of the file before this
   * part's record 1, less one, so that the number guess keeps each record's value where the whole
   * file's column has it and the join need not copy them (default 0).
   */
  recordOffset?: number;
  /** The line feeds in the bytes, when the caller has counted them already (countLineFeeds). */
  lineFeeds?: number;
}

/**
 * One column's cells for the records `from` onwards: their content copied one after another into
 * `text` (while the tokenizer has them in cache, rather than gathered from all over the file
 * later), with each cell's range in it and its kind.
 */
export interface StoredCells {
  from: number;
  count: number;
  text: Uint8Array;
  /** Bytes of `text` in use. */
  length: number;
  starts: Uint32Array;
  ends: Uint32Array;
  kinds: Uint8Array;
}

export interface AsciiTokens {
  bytes: Uint8Array;
  delimiter: number;
  recordCount: number;
  /** Fields in every record. */
  width: number;
  /** Offset of each record's first byte, and its 1-based physical line. */
  recordStart: Uint32Array;
  recordLine: Uint32Array;
  lineEnding: LineEnding;
  /** The physical line after the last record, and whether blank lines came before it (only at the end of the file). */
  nextLine: number;
  blankLinesAtEnd: boolean;
  /** Per column, its cells from the record where it stopped being read as numbers; null while it still is. */
  stored: Array<StoredCells | null>;
  numericGuess: NumericGuess | null;
}

const LF = 0x0a;
const CR = 0x0d;
export function tokenizeAsciiCsv(bytes: Uint8Array, options: AsciiTokenizeOptions): AsciiTokens | null {
  const n = bytes.length;
  const delim = options.delimiter.charCodeAt(0);
  if (options.delimiter.length !== 1 || delim >= 0x80) return null;
  const highest = Math.max(delim, QUOTE, CR);
  const { maxColumns, maxFieldLength: maxField, maxRecords, maxCells, onProgress } = options;
  const offset = options.recordOffset ?? 0;
  const progressStep = Math.max(1 << 20, Math.ceil(n / 100));
  let nextProgress = progressStep;

  const lineFeeds = options.lineFeeds ?? countLineFeeds(bytes, 0, n);
  let capacity = lineFeeds + 2;
  let recordStart: Uint32Array = new Uint32Array(capacity);
  let recordLine: Uint32Array = new Uint32Array(capacity);
  // Record 0's cells as [start, end, kind], for the number guess once its width is known.
  const firstRecord: Array<[number, number, number]> = [];
  let stored: Array<StoredCells | null> = [];
  let guess: NumericGuess | null = null;
  let width = -1;
  let nr = 0;
  let pos = 0;
  let line = 1;
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  let blankBefore = false;

  while (pos < n) {
    let c = bytes[pos];
    if (c === LF || c === CR) {
      // A blank line is fine only at the end of the file; before a record the general path reports it.
      blankBefore = true;
      if (c === CR && pos + 1 < n && bytes[pos + 1] === LF) {
        pos += 2;
        crlf++;
      } else {
        pos++;
        if (c === CR) cr++;
        else lf++;
      }
      line++;
      continue;
    }
    if (blankBefore) return null;
    if (nr + 1 >= capacity) {
      capacity = Math.ceil(capacity * 1.6) + 16;
      recordStart = grow(recordStart, capacity);
      recordLine = grow(recordLine, capacity);
    }
    if (guess !== null) guess.reserve(nr + offset);
    recordStart[nr] = pos;
    recordLine[nr] = line;
    let fields = 0;
    for (;;) {
      const fieldStart = pos;
      let start: number;
      let end: number;
      let kind = CELL_PLAIN;
      if (pos < n && bytes[pos] === QUOTE) {
        let close = bytes.indexOf(QUOTE, pos + 1);
        while (close !== -1 && bytes[close + 1] === QUOTE) {
          kind = CELL_ESCAPED;
          close = bytes.indexOf(QUOTE, close + 2);
        }
        if (close === -1 || close - pos > maxField) return null;
        for (let i = pos + 1; i < close; i++) {
          const q = bytes[i];
          if (q === LF || (q === CR && bytes[i + 1] !== LF)) line++;
        }
        pos = close + 1;
        c = pos < n ? bytes[pos] : LF;
        if (c !== delim && c !== LF && c !== CR) return null;
        start = fieldStart + 1;
        end = close;
        if (guess !== null && fields < width && guess.guessing(fields)) dropGuess(guess, stored, fields, nr, offset);
      } else {
        const numberEnd = guess !== null && fields < width ? guess.plainNumberInBytes(fields, nr + offset, bytes, pos, delim) : -1;
        if (numberEnd >= 0) {
          pos = numberEnd;
        } else {
          const limit = Math.min(n, pos + maxField + 1);
          while (pos < limit) {
            c = bytes[pos];
            if (c <= highest) {
              if (c === delim || c === LF || c === CR) break;
              if (c === QUOTE) return null;
            }
            pos++;
          }
          if (guess !== null && fields < width && guess.guessing(fields)) {
            if (pos === fieldStart) guess.blank(fields, nr + offset);
            else dropGuess(guess, stored, fields, nr, offset);
          }
        }
        start = fieldStart;
        end = pos;
      }
      if (pos - fieldStart > maxField) return null;
      if (nr === 0) {
        if (firstRecord.length === maxColumns) return null;
        firstRecord.push([start, end, kind]);
      } else {
        if (fields >= width) return null;
        const cells = stored[fields];
        if (cells !== null) keepCell(cells, bytes, start, end, kind);
      }
      fields++;
      if (pos >= n) break;
      c = bytes[pos];
      if (c === delim) {
        pos++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 < n && bytes[pos + 1] === LF) {
          pos += 2;
          crlf++;
        } else {
          pos++;
          cr++;
        }
      } else {
        pos++;
        lf++;
      }
      line++;
      break;
    }
    if (nr === 0) {
      if (fields > maxColumns) return null;
      width = fields;
      // Records left: one per line feed, plus a last line without one. Exact for most files, so the
      // guessed columns need no copy to their final length.
      const last = bytes[n - 1];
      const left = lineFeeds - countLineFeeds(bytes, 0, pos) + (pos < n && last !== LF && last !== CR ? 1 : 0);
      stored = Array.from({ length: width }, () => (options.guessNumbers ? null : newCells(1, left)));
      if (options.guessNumbers) guess = new NumericGuess(...firstCellsText(bytes, firstRecord, recordStart[0], pos), offset + left, offset);
    } else if (fields !== width) {
      return null;
    }
    nr++;
    if (nr > maxRecords || nr * width > maxCells) return null;
    if (pos >= nextProgress && onProgress) {
      onProgress(pos / n);
      while (nextProgress <= pos) nextProgress += progressStep;
    }
  }
  return {
    bytes,
    delimiter: delim,
    recordCount: nr,
    width,
    recordStart,
    recordLine,
    lineEnding: lineEndingOf(lf, crlf, cr),
    nextLine: line,
    blankLinesAtEnd: blankBefore,
    stored,
    numericGuess: guess,
  };
}

/** The buffers behind tokens, to hand them to another thread without copying them (reviveAsciiTokens on arrival). */
export function asciiTokensBuffers(tokens: AsciiTokens): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [tokens.bytes, tokens.recordStart, tokens.recordLine];
  for (const cells of tokens.stored) if (cells !== null) arrays.push(cells.text, cells.starts, cells.ends, cells.kinds);
  const buffers = new Set(arrays.map((array) => array.buffer as ArrayBuffer));
  for (const buffer of tokens.numericGuess?.buffers() ?? []) buffers.add(buffer);
  return [...buffers];
}

/** Tokens as they arrive from another thread. */
export function reviveAsciiTokens(tokens: AsciiTokens): AsciiTokens {
  return { ...tokens, numericGuess: tokens.numericGuess && NumericGuess.revive(tokens.numericGuess) };
}

/** Column j's first cell that is not a plain number: its cells are kept from record `record` on. */
function dropGuess(guess: NumericGuess, stored: Array<StoredCells | null>, j: number, record: number, offset: number): void {
  guess.drop(j);
  stored[j] = newCells(record, guess.capacity - offset - record + 1);
}

/**
 * The content range and kind of record `record`'s field `j`, found again from the record's start:
 * for the records a column spent as numbers before it was dropped. `out[2]` is left at the end of
 * the field's raw text.
 */
export function rescanCell(tokens: AsciiTokens, record: number, j: number, out: Uint32Array): number {
  let pos = tokens.recordStart[record];
  for (let f = 0; f < j; f++) {
    nextCell(tokens, pos, out);
    pos = out[2] + 1;
  }
  return nextCell(tokens, pos, out);
}

/**
 * The field that starts at `pos`: its content range in `out[0..1]`, the offset of the delimiter or
 * line break after it in `out[2]`, and its kind. The file passed the tokenizer, so every quoted
 * field ends at its closing quote.
 */
export function nextCell(tokens: AsciiTokens, pos: number, out: Uint32Array): number {
  const { bytes, delimiter: delim } = tokens;
  const n = bytes.length;
  if (pos < n && bytes[pos] === QUOTE) {
    let kind = CELL_PLAIN;
    let close = bytes.indexOf(QUOTE, pos + 1);
    while (bytes[close + 1] === QUOTE) {
      kind = CELL_ESCAPED;
      close = bytes.indexOf(QUOTE, close + 2);
    }
    out[0] = pos + 1;
    out[1] = close;
    out[2] = close + 1;
    return kind;
  }
  let end = pos;
  while (end < n) {
    const c = bytes[end];
    if (c === delim || c === LF || c === CR) break;
    end++;
  }
  out[0] = pos;
  out[1] = end;
  out[2] = end;
  return CELL_PLAIN;
}

/** Record 0 as text plus its cells as NumericGuess wants them: ranges, null for a cell with `""` pairs. */
function firstCellsText(bytes: Uint8Array, first: ReadonlyArray<[number, number, number]>, from: number, to: number): [string, Array<[number, number] | null>] {
  const text = asciiString(bytes, from, to);
  return [text, first.map(([s, e, kind]) => (kind === CELL_PLAIN ? [s - from, e - from] : null))];
}

const decoder = new TextDecoder();

/** Bytes [s, e) of an ASCII file as a string. */
export function asciiString(bytes: Uint8Array, s: number, e: number): string {
  return decoder.decode(bytes.subarray(s, e));
}

/** Line feeds in bytes [0, end): a bound on the records, exact for most files. */
export function countLineFeeds(bytes: Uint8Array, from: number, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(LF, from); i !== -1 && i < end; i = bytes.indexOf(LF, i + 1)) count++;
  return count;
}

function newCells(from: number, capacity: number): StoredCells {
  const size = Math.max(16, capacity);
  // Room for cells of up to 12 bytes; pages never written cost no memory, and regrowing leaves garbage behind.
  return { from, count: 0, text: new Uint8Array(Math.max(1 << 16, size * 12)), length: 0, starts: new Uint32Array(size), ends: new Uint32Array(size), kinds: new Uint8Array(size) };
}

function keepCell(cells: StoredCells, bytes: Uint8Array, start: number, end: number, kind: number): void {
  const k = cells.count++;
  if (k === cells.starts.length) {
    const size = Math.ceil(k * 1.6) + 16;
    cells.starts = grow(cells.starts, size);
    cells.ends = grow(cells.ends, size);
    cells.kinds = growBytes(cells.kinds, size);
  }
  let at = cells.length;
  if (at + end - start > cells.text.length) cells.text = growBytes(cells.text, Math.max(at + end - start, cells.text.length * 2));
  const text = cells.text;
  cells.starts[k] = at;
  for (let i = start; i < end; i++) text[at++] = bytes[i];
  cells.ends[k] = at;
  cells.kinds[k] = kind;
  cells.length = at;
}

function growBytes(a: Uint8Array, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}

function grow(a: Uint32Array, size: number): Uint32Array {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}
