/**
 * An RFC 4180 tokenizer written by hand rather than borrowed from papaparse: it needs exact
 * physical line numbers for every record, CR handling that never leaks `\r` into values, and
 * resource caps checked while scanning, before anything large is allocated.
 */
import { CappedIssues } from './cappedIssues';
import { FIELD_ESCAPED, FIELD_QUOTED, FIELD_SPACE_AFTER_QUOTE, QUOTE, recordTexts, type CsvTokens } from './csvTokens';
import type { ImportIssue } from './importIssue';
import { NumericGuess } from './numericGuess';
import { originalLine, originalRecord, type SampleOrigin } from './sampleOrigin';
import {
  blankLines,
  fieldTooLong,
  quoteSummary,
  strayQuote,
  textAfterQuote,
  tooManyCells,
  tooManyColumns,
  tooManyRecords,
  unclosedQuote,
  type Where,
} from './tokenizeIssues';

export interface TokenizeOptions {
  fileName: string;
  /** Exactly one UTF-16 code unit; not a quote or line break. */
  delimiter: string;
  /** False reads quotes as ordinary characters (the retry for files with broken quoting). */
  quoting?: boolean;
  maxColumns?: number;
  maxFieldLength?: number;
  maxRecords?: number;
  maxCells?: number;
  onProgress?: (fraction: number) => void;
  /** Names column `index` in error messages, given the first record once it is complete. */
  columnLabel?: (index: number, firstRecord: readonly string[] | null) => string;
  /** Also read numbers in the same pass (see NumericGuess); the reader sets this. */
  guessNumbers?: boolean;
  /** When the text is a sample of a file: the file's lines and records, for every line and record reported. */
  origin?: SampleOrigin;
}

export type LineEnding = 'LF' | 'CRLF' | 'CR' | 'mixed';

export interface TokenizeResult extends CsvTokens {
  lineEnding: LineEnding;
  issues: ImportIssue[];
  /** The numbers read on the way, when asked for and the file has a record. */
  numericGuess: NumericGuess | null;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export function tokenizeCsv(text: string, options: TokenizeOptions): TokenizeResult {
  const file = options.fileName;
  const n = text.length;
  const delim = options.delimiter.charCodeAt(0);
  const quoting = options.quoting !== false;
  const highest = Math.max(delim, QUOTE, CR);
  const maxColumns = options.maxColumns ?? Infinity;
  const maxField = options.maxFieldLength ?? Infinity;
  const maxRecords = options.maxRecords ?? Infinity;
  const maxCells = options.maxCells ?? Infinity;
  const onProgress = options.onProgress;
  // At most ~100 progress calls, and none at all for small files.
  const progressStep = Math.max(1 << 20, Math.ceil(n / 100));
  let nextProgress = progressStep;

  const capacity = estimateFields(text, delim);
  let fieldEnds: Uint32Array = new Uint32Array(capacity);
  let fieldFlags: Uint8Array = new Uint8Array(capacity);
  let recFirst: Uint32Array = new Uint32Array(1024);
  let recStart: Uint32Array = new Uint32Array(1024);
  let recLine: Uint32Array = new Uint32Array(1024);
  let nf = 0;
  let nr = 0;
  let pos = 0;
  let line = 1;
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  let pendingBlanks = 0;
  let pendingBlankLine = 0;
  let blanks = 0;
  let firstBlankLine = 0;
  const stray = new CappedIssues();
  const afterQuote = new CappedIssues();
  // Only these two are captured by a closure; the scanning state stays in registers.
  let firstRecord: string[] | null = null;
  let guess: NumericGuess | null = null;
  let guessWidth = 0;
  const origin = options.origin;
  const originLines = origin?.lines;
  const where = (index: number, at: number, record: number): Where => ({
    file,
    line: originalLine(origin, at),
    record: originalRecord(origin, record),
    column: { index, name: options.columnLabel?.(index, firstRecord) ?? `column_${index + 1}` },
  });

  while (pos < n) {
    let c = text.charCodeAt(pos);
    if (c === LF || c === CR) {
      // A blank line: skipped, and reported only if a record follows it.
      if (pendingBlanks === 0) pendingBlankLine = line;
      pendingBlanks++;
      if (c === CR && pos + 1 < n && text.charCodeAt(pos + 1) === LF) {
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
    if (pendingBlanks > 0) {
      if (blanks === 0) firstBlankLine = pendingBlankLine;
      blanks += pendingBlanks;
      pendingBlanks = 0;
    }
    if (guess !== null) guess.reserve(nr);
    if (nr + 2 > recFirst.length) {
      recFirst = grow(recFirst, nr + 2);
      recStart = grow(recStart, nr + 2);
      recLine = grow(recLine, nr + 2);
    }
    recFirst[nr] = nf;
    recStart[nr] = pos;
    const recordLine = originLines ? originLines[line - 1] : line;
    recLine[nr] = recordLine;
    let fields = 0;
    for (;;) {
      const fieldStart = pos;
      const fieldLine = line;
      let flags = 0;
      let parsed = false;
      if (quoting && pos < n && text.charCodeAt(pos) === QUOTE) {
        flags = FIELD_QUOTED;
        let close = text.indexOf('"', pos + 1);
        while (close !== -1 && close - pos - 1 <= maxField && text.charCodeAt(close + 1) === QUOTE) {
          flags = FIELD_QUOTED | FIELD_ESCAPED;
          close = text.indexOf('"', close + 2);
        }
        if (close === -1) throw unclosedQuote(where(fields, fieldLine, nr + 1), text.slice(pos, pos + 120));
        if (close - pos - 1 > maxField) throw fieldTooLong(where(fields, fieldLine, nr + 1), maxField, true, text.slice(pos, pos + 120));
        let multiLine = false;
        for (let i = pos + 1; i < close; i++) {
          const q = text.charCodeAt(i);
          if (q === LF || (q === CR && text.charCodeAt(i + 1) !== LF)) {
            line++;
            multiLine = true;
          }
        }
        pos = close + 1;
        c = pos < n ? text.charCodeAt(pos) : LF;
        if (c !== delim && c !== LF && c !== CR) {
          let onlySpace = true;
          const limit = Math.min(n, fieldStart + maxField + 1);
          while (pos < limit) {
            c = text.charCodeAt(pos);
            if (c === delim || c === LF || c === CR) break;
            if (c !== SPACE && c !== TAB) onlySpace = false;
            pos++;
          }
          if (onlySpace) {
            flags |= FIELD_SPACE_AFTER_QUOTE;
          } else {
            // After a multi-line value, text after the "closing" quote means the quote that
            // opened it was never closed: report that, not a confusing row count later.
            if (multiLine) throw unclosedQuote(where(fields, fieldLine, nr + 1), text.slice(fieldStart, fieldStart + 120), originalLine(origin, line));
            flags = 0;
            if (afterQuote.take()) afterQuote.push(textAfterQuote(where(fields, fieldLine, nr + 1), text.slice(fieldStart, pos)));
          }
        }
      } else {
        // A plain number in a column still read as numbers is parsed as it is scanned.
        const numberEnd = guess !== null && fields < guessWidth ? guess.plainNumber(fields, nr, text, pos, delim) : -1;
        if (numberEnd >= 0) {
          pos = numberEnd;
          parsed = true;
        } else {
          // The scan stops one past the cap, so a 50 MB value costs one cap's worth of work.
          const limit = Math.min(n, pos + maxField + 1);
          let sawQuote = false;
          while (pos < limit) {
            c = text.charCodeAt(pos);
            // Letters and digits sit above every special character of a comma file: one test each.
            if (c <= highest) {
              if (c === delim || c === LF || c === CR) break;
              if (c === QUOTE) sawQuote = true;
            }
            pos++;
          }
          if (sawQuote && quoting && stray.take()) stray.push(strayQuote(where(fields, fieldLine, nr + 1), text.slice(fieldStart, pos)));
        }
      }
      if (pos - fieldStart > maxField) throw fieldTooLong(where(fields, fieldLine, nr + 1), maxField, false, text.slice(fieldStart, fieldStart + 120));
      // Fields past the column cap are counted, not stored, so a line of a million commas stays cheap.
      if (fields < maxColumns) {
        if (nf === fieldEnds.length) {
          fieldEnds = grow(fieldEnds, nf + 1);
          fieldFlags = growBytes(fieldFlags, fieldEnds.length);
        }
        fieldFlags[nf] = flags;
        fieldEnds[nf++] = pos;
        if (guess !== null && fields < guessWidth && !parsed) {
          // Plain cells and quoted cells without `""` pairs are what inferColumnType parses as numbers.
          if (flags === 0) guess.cell(fields, nr, text, fieldStart, pos);
          else if (flags === FIELD_QUOTED) guess.cell(fields, nr, text, fieldStart + 1, pos - 1);
          else guess.drop(fields);
        }
      }
      fields++;
      if (pos >= n) break;
      c = text.charCodeAt(pos);
      if (c === delim) {
        pos++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 < n && text.charCodeAt(pos + 1) === LF) {
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
    if (fields > maxColumns) throw tooManyColumns(file, fields, recordLine, maxColumns);
    if (guess !== null && fields !== guessWidth) guess.rectangular = false;
    nr++;
    recFirst[nr] = nf;
    if (nr === 1) {
      firstRecord = recordTexts(view(text, nr, recFirst, recStart, recLine, fieldEnds, fieldFlags), 0);
      if (options.guessNumbers) {
        guess = new NumericGuess(text, firstCells(nf, recStart[0], fieldEnds, fieldFlags), lineStarts(text, pos));
        guessWidth = guess.width;
      }
    }
    if (nr > maxRecords) throw tooManyRecords(file, maxRecords, recordLine);
    if (nf > maxCells) throw tooManyCells(file, maxCells, recordLine);
    if (pos >= nextProgress && onProgress) {
      onProgress(pos / n);
      while (nextProgress <= pos) nextProgress += progressStep;
    }
  }
  recFirst[nr] = nf;

  const issues: ImportIssue[] = [];
  if (blanks > 0) issues.push(blankLines(file, blanks, originalLine(origin, firstBlankLine)));
  stray.flushInto(issues, (total) => quoteSummary('stray-quote', file, total, stray.limit));
  afterQuote.flushInto(issues, (total) => quoteSummary('text-after-quote', file, total, afterQuote.limit));
  return { ...view(text, nr, recFirst, recStart, recLine, fieldEnds, fieldFlags), lineEnding: lineEndingOf(lf, crlf, cr), issues, numericGuess: guess };
}

/** The file's line ending from how many of each kind ended a line. */
export function lineEndingOf(lf: number, crlf: number, cr: number): LineEnding {
  const kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  return kinds > 1 ? 'mixed' : crlf > 0 ? 'CRLF' : cr > 0 ? 'CR' : 'LF';
}

/** Record 0's cells as content ranges for NumericGuess: null for a cell whose quotes need more than stripping. */
function firstCells(count: number, start: number, fieldEnds: Uint32Array, fieldFlags: Uint8Array): Array<[number, number] | null> {
  const cells: Array<[number, number] | null> = [];
  for (let j = 0; j < count; j++) {
    const rawStart = j === 0 ? start : fieldEnds[j - 1] + 1;
    const flags = fieldFlags[j];
    cells.push(flags === 0 ? [rawStart, fieldEnds[j]] : flags === FIELD_QUOTED ? [rawStart + 1, fieldEnds[j] - 1] : null);
  }
  return cells;
}

/** Lines that start at or after `from` (an upper bound on the records left, exact for most files). */
function lineStarts(text: string, from: number): number {
  const last = text.length - 1;
  let count = from <= last ? 1 : 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < last; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function view(
  text: string,
  recordCount: number,
  recordFirstField: Uint32Array,
  recordStart: Uint32Array,
  recordLine: Uint32Array,
  fieldEnds: Uint32Array,
  fieldFlags: Uint8Array,
): CsvTokens {
  return { text, recordCount, recordFirstField, recordStart, recordLine, fieldEnds, fieldFlags };
}

function grow(a: Uint32Array, min: number): Uint32Array {
  const b = new Uint32Array(Math.max(min, Math.ceil(a.length * 1.6) + 16));
  b.set(a);
  return b;
}

function growBytes(a: Uint8Array, length: number): Uint8Array {
  const b = new Uint8Array(length);
  b.set(a);
  return b;
}

/** Sizes the field array from the first 64 K characters, so big files rarely regrow it. */
function estimateFields(text: string, delim: number): number {
  const sample = Math.min(text.length, 65536);
  let count = 1;
  for (let i = 0; i < sample; i++) {
    const c = text.charCodeAt(i);
    if (c === delim || c === LF) count++;
  }
  const estimate = Math.ceil((count * text.length) / Math.max(1, sample) * 1.05) + 16;
  return Math.min(estimate, text.length + 1);
}
