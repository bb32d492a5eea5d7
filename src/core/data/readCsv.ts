/**
 * The CSV reader: bytes in, a columnar Table plus every issue met on the way out, or an
 * ImportError and nothing at all. It is pure and synchronous so it runs the same in a Web
 * Worker, in the CLI and in tests; the caller cancels by terminating the worker.
 */
import { asciiColumnCells, asciiRecordTexts } from './asciiColumnCells';
import { CELL_ABSENT, CELL_PLAIN, contentRange, recordTexts, type CsvTokens } from './csvTokens';
import type { ColumnCells } from './columnCells';
import { convertColumnType } from './convertColumnType';
import { checkPlainAscii, decodeBytes } from './decodeBytes';
import { detachString } from './encodeStrings';
import { firstRowLooksLikeData, headerNames, placeholderName } from './headerNames';
import { ImportError, type ImportIssue } from './importIssue';
import { inferColumnType } from './inferColumnType';
import { selectRows, type RaggedRows, type RowContext } from './selectRows';
import { sniffDialect, type SniffedDialect } from './sniffDialect';
import { COLUMN_TYPES, type Column, type ColumnType, type Table } from './table';
import { isPlainAscii } from './isPlainAscii';
import type { SampleOrigin } from './sampleOrigin';
import { asciiString, tokenizeAsciiCsv, type AsciiTokenizeOptions, type AsciiTokens } from './tokenizeAsciiCsv';
import { tokenizeCsv, type LineEnding, type TokenizeOptions, type TokenizeResult } from './tokenizeCsv';

export interface ReadOptions {
  fileName: string;
  /** Any single character; guessed among `,` `;` tab `|` when left out. */
  delimiter?: string;
  /** Guessed when left out: true unless the first row looks like data. */
  hasHeader?: boolean;
  /** A WHATWG encoding label; detected when left out. */
  encoding?: string;
  typeOverrides?: Array<{ column: number; type: ColumnType }>;
  /** What to do with rows whose field count differs from the header's (default 'error'). */
  raggedRows?: 'error' | 'pad' | 'drop';
  /** 'none' reads quotes as ordinary characters: the retry for a file with broken quoting. */
  quoting?: 'rfc' | 'none';
  limits?: Partial<ReadLimits>;
  onProgress?: (fraction: number) => void;
  /**
   * Build numeric columns from the numbers the tokenizer read on its pass (default true). The
   * columns are the same either way; false is for the test that guards exactly that.
   */
  numbersWhileTokenizing?: boolean;
  /**
   * Read a plain-ASCII file straight from its bytes (default true; see tokenizeAsciiCsv). The
   * result is the same either way; false is for the test that guards exactly that.
   */
  asciiPath?: boolean;
  /** When the bytes are a sample of a larger file (sampleCsv): its lines and records, named in every message instead of the sample's. */
  sampleOrigin?: SampleOrigin;
}

export interface ReadResult {
  table: Table;
  issues: ImportIssue[];
  dialect: { delimiter: string; hasHeader: boolean; encoding: string; lineEnding: LineEnding };
  /** 1-based physical line of the header row; 0 when the file has none. */
  headerLine: number;
}

export interface ReadLimits {
  maxBytes: number;
  maxColumns: number;
  maxRows: number;
  maxFieldLength: number;
  maxCells: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: 1_500_000_000,
  maxColumns: 5_000,
  maxRows: 20_000_000,
  maxFieldLength: 1_000_000,
  maxCells: 200_000_000,
};

/** Share of the progress bar spent tokenizing; building columns takes the rest. */
const TOKENIZE_SHARE = 0.6;

export function readCsv(bytes: Uint8Array, options: ReadOptions): ReadResult {
  const limits = readLimits(options);
  const progress = throttle(options.onProgress);
  if (bytes.length > limits.maxBytes) {
    throw new ImportError({
      severity: 'error',
      code: 'file-too-large',
      message: `"${options.fileName}" is ${formatBytes(bytes.length)}; the studio reads at most ${formatBytes(limits.maxBytes)}.`,
      action: 'Import a sample of the rows, or raise the size limit.',
    });
  }
  const ascii = tokenizeAsciiFile(bytes, options, limits, progress);
  const records = ascii !== null ? asciiRecords(ascii) : readTextRecords(bytes, options, limits, progress);
  return tableFromRecords(records, options, limits, progress);
}

export function readLimits(options: ReadOptions): ReadLimits {
  return { ...DEFAULT_LIMITS, ...options.limits };
}

/** Header, rows and typed columns from the file's records, whichever tokenizer (or tokenizers) found them. */
export function tableFromRecords(records: Records, options: ReadOptions, limits: ReadLimits, progress: (f: number) => void): ReadResult {
  const file = options.fileName;
  const issues = records.issues;
  if (records.recordCount === 0) throw new ImportError({ severity: 'error', code: 'empty-file', message: `"${file}" has no rows; nothing was imported.` });

  const headerDecided = options.hasHeader;
  const first = records.recordTexts(0);
  let hasHeader = headerDecided ?? true;
  if (headerDecided === undefined && firstRowLooksLikeData(first, records.recordCount > 1 ? records.recordTexts(1) : null)) {
    hasHeader = false;
    issues.push({
      severity: 'info',
      code: 'no-header',
      message: `The first row of "${file}" holds only numbers or dates, so it was read as data and the columns were named column_1 to column_${first.length}.`,
      line: records.firstLine,
      action: 'Say that the first row is a header if it is one.',
    });
  }
  const names = hasHeader ? headerNames(first, file, issues) : first.map((_, i) => placeholderName(i));
  const rows = records.selectRows(hasHeader ? 1 : 0, options.raggedRows ?? 'error', { fileName: file, names, hasHeader, origin: options.sampleOrigin }, issues);
  if (rows.length > limits.maxRows) {
    throw new ImportError({
      severity: 'error',
      code: 'too-many-rows',
      message: `"${file}" has ${rows.length} rows; the studio reads at most ${limits.maxRows}.`,
      action: 'Import a sample of the rows, or raise the row limit.',
    });
  }
  if (rows.length === 0) issues.push(noRowsIssue(file, names.length, records.recordCount === 1));

  const overrides = overrideMap(options.typeOverrides, names, file, issues);
  const columns: Column[] = [];
  const firstRow = hasHeader ? 1 : 0;
  // The guessed numbers are indexed by record, so they serve only when every record is a row.
  const guess = rows.length === records.recordCount - firstRow ? records.numericGuess : null;
  for (let j = 0; j < names.length; j++) {
    const chosen = overrides.get(j);
    const guessed = chosen === undefined || chosen === 'numeric' ? guess?.column(j, names[j], firstRow, rows.length) : null;
    if (guessed) {
      columns.push(guessed);
      progress(TOKENIZE_SHARE + ((1 - TOKENIZE_SHARE) * (j + 1)) / names.length);
      continue;
    }
    const cells = records.columnCells(j, rows);
    const ctx = { fileName: file, index: j, name: names[j] };
    const inferred = inferColumnType(cells, ctx);
    if (chosen === undefined || chosen === inferred.column.type) {
      columns.push(inferred.column);
      issues.push(...inferred.issues);
    } else {
      const converted = convertColumnType(cells, ctx, chosen, inferred.column.type);
      columns.push(converted.column);
      issues.push(...converted.issues);
    }
    progress(TOKENIZE_SHARE + ((1 - TOKENIZE_SHARE) * (j + 1)) / names.length);
  }
  return {
    table: { rowCount: rows.length, columns },
    issues: issues.map(detachIssue),
    dialect: { delimiter: records.delimiter, hasHeader, encoding: records.encoding, lineEnding: records.lineEnding },
    headerLine: hasHeader ? records.firstLine : 0,
  };
}

/** The note on a table without rows: the file had a header alone, or every row was dropped. */
export function noRowsIssue(file: string, columns: number, headerOnly: boolean): ImportIssue {
  return {
    severity: 'info',
    code: headerOnly ? 'header-only' : 'no-rows',
    message: headerOnly
      ? `"${file}" has a header but no data rows; the table has ${columns} columns and 0 rows.`
      : `Every row of "${file}" was dropped; the table has ${columns} columns and 0 rows.`,
    action: 'Models cannot be trained until the dataset has rows.',
  };
}

/** Numeric columns built while tokenizing (NumericGuess, or the guesses of a file's parts joined). */
export interface GuessedColumns {
  /** Column j as the table's column of `rowCount` rows from record `firstRow`, or null to build it the ordinary way. */
  column(j: number, name: string, firstRow: number, rowCount: number): Column | null;
}

/** The file as records: what the rest of the reader needs, from either tokenizer. */
export interface Records {
  /** Issues met decoding, sniffing and tokenizing, in that order. */
  issues: ImportIssue[];
  delimiter: string;
  encoding: string;
  lineEnding: LineEnding;
  recordCount: number;
  /** 1-based physical line of record 0. */
  firstLine: number;
  recordTexts(record: number): string[];
  selectRows(firstRecord: number, mode: RaggedRows, ctx: RowContext, issues: ImportIssue[]): Uint32Array;
  numericGuess: GuessedColumns | null;
  /** Column j's cells in `rows`; the result may be reused by the next call. */
  columnCells(j: number, rows: Uint32Array): ColumnCells;
}

export function tokenizeOptions(options: ReadOptions, limits: ReadLimits, progress: (f: number) => void, delimiter: string) {
  return {
    fileName: options.fileName,
    delimiter,
    maxColumns: limits.maxColumns,
    maxFieldLength: limits.maxFieldLength,
    maxCells: limits.maxCells,
    onProgress: (f: number) => progress(f * TOKENIZE_SHARE),
    origin: options.sampleOrigin,
    // A delimiter that can be part of a number ("1.5" with "." as the delimiter is two cells) is left to the ordinary path.
    guessNumbers: options.numbersWhileTokenizing !== false && !NUMBER_CHARACTERS.includes(delimiter),
  };
}

const NUMBER_CHARACTERS = '0123456789.-';

/** A plain-ASCII file tokenized from its bytes, with the issues met and the delimiter used. */
export interface AsciiFile {
  tokens: AsciiTokens;
  issues: ImportIssue[];
  delimiter: string;
}

/**
 * The fast path: a plain-ASCII file in the default dialect handling, tokenized from its bytes
 * (tokenizeAsciiCsv), or null when the file needs the general path.
 */
export function tokenizeAsciiFile(bytes: Uint8Array, options: ReadOptions, limits: ReadLimits, progress: (f: number) => void, known?: KnownOfBytes): AsciiFile | null {
  if (!asciiPathAllowed(options) || !isPlainAscii(bytes)) return null;
  checkPlainAscii(bytes, options.fileName);
  const { delimiter, issues } = known?.sniff ?? sniffAscii(bytes, options);
  const tokens = tokenizeAsciiCsv(bytes, { ...asciiTokenizeOptions(options, limits, progress, delimiter), lineFeeds: known?.lineFeeds });
  if (tokens === null) return null;
  const lines = options.sampleOrigin?.lines;
  if (lines) for (let r = 0; r < tokens.recordCount; r++) tokens.recordLine[r] = lines[tokens.recordLine[r] - 1];
  return { tokens, issues: [...issues], delimiter };
}

/** What a caller reading a file in parts already knows of a part's bytes. */
export interface KnownOfBytes {
  sniff: AsciiSniff;
  lineFeeds: number;
}

/** The delimiter of a plain-ASCII file, and the warning when it is unclear. */
export interface AsciiSniff {
  delimiter: string;
  issues: ImportIssue[];
}

/** The dialect sniffer over the start of a plain-ASCII file: `bytes` must hold the file's first SNIFF_CHARS bytes, or all of it. */
export function sniffAscii(bytes: Uint8Array, options: ReadOptions): AsciiSniff {
  const issues: ImportIssue[] = [];
  // sniffDialect reads at most the first 2^20 characters; here a character is a byte.
  const sniffed = sniffOrWarn(asciiString(bytes, 0, Math.min(bytes.length, SNIFF_CHARS)), options, issues);
  return { delimiter: sniffed.delimiter, issues };
}

/** Options under which the byte tokenizer may read a file at all. */
export function asciiPathAllowed(options: ReadOptions): boolean {
  return options.asciiPath !== false && options.encoding === undefined && options.quoting !== 'none';
}

export function asciiTokenizeOptions(options: ReadOptions, limits: ReadLimits, progress: (f: number) => void, delimiter: string): AsciiTokenizeOptions {
  return { ...tokenizeOptions(options, limits, progress, delimiter), maxRecords: limits.maxRows + 1 };
}

function asciiRecords({ tokens, issues, delimiter }: AsciiFile): Records {
  return {
    issues,
    delimiter,
    encoding: 'utf-8',
    lineEnding: tokens.lineEnding,
    recordCount: tokens.recordCount,
    firstLine: tokens.recordLine[0],
    recordTexts: (record) => asciiRecordTexts(tokens, record),
    selectRows: (firstRecord) => everyRecord(tokens.recordCount, firstRecord),
    numericGuess: tokens.numericGuess,
    columnCells: (j, rows) => {
      const cells = asciiColumnCells(tokens, j, rows.length > 0 ? rows[0] : 0, rows.length);
      // Each column is built once: its kept cells can go as soon as this column is built.
      tokens.stored[j] = null;
      return cells;
    },
  };
}

/** The byte tokenizer's rows: every record is as wide as the first, so every record from `firstRecord` is a row. */
export function everyRecord(recordCount: number, firstRecord: number): Uint32Array {
  const rows = new Uint32Array(Math.max(0, recordCount - firstRecord));
  for (let i = 0; i < rows.length; i++) rows[i] = firstRecord + i;
  return rows;
}

export const SNIFF_CHARS = (1 << 20) + 2;

/** Any file: decoded to text, then tokenized (tokenizeCsv). */
function readTextRecords(bytes: Uint8Array, options: ReadOptions, limits: ReadLimits, progress: (f: number) => void): Records {
  const file = options.fileName;
  const decoded = decodeBytes(bytes, file, options.encoding, options.sampleOrigin);
  const issues: ImportIssue[] = [...decoded.issues];
  const sniffed = sniffOrWarn(decoded.text, options, issues);
  const headerDecided = options.hasHeader;
  const tokens = tokenizeOrExplain(decoded.text, limits.maxRows, {
    ...tokenizeOptions(options, limits, progress, sniffed.delimiter),
    quoting: options.quoting !== 'none',
    columnLabel: (index, first) => {
      const useHeader = first !== null && (headerDecided ?? !firstRowLooksLikeData(first, null));
      return (useHeader && first[index]?.trim()) || placeholderName(index);
    },
  });
  issues.push(...tokens.issues);
  let cells: ColumnCells | null = null;
  return {
    issues,
    delimiter: sniffed.delimiter,
    encoding: decoded.encoding,
    lineEnding: tokens.lineEnding,
    recordCount: tokens.recordCount,
    firstLine: tokens.recordLine[0],
    recordTexts: (record) => recordTexts(tokens, record),
    selectRows: (firstRecord, mode, ctx, rowIssues) => selectRows(tokens, firstRecord, mode, ctx, rowIssues),
    numericGuess: tokens.numericGuess,
    columnCells: (j, rows) => {
      cells ??= emptyCells(tokens, rows);
      gatherColumn(tokens, rows, j, cells);
      return cells;
    },
  };
}

/** The dialect sniffer's guess, with a warning when another delimiter fits nearly as well. */
export function sniffOrWarn(text: string, options: ReadOptions, issues: ImportIssue[]): SniffedDialect {
  const sniffed = sniffDialect(text, options.delimiter);
  if (options.delimiter === undefined && sniffed.confidence < 0.6) {
    const others = sniffed.scores.slice(1, 3).map((s) => `${JSON.stringify(s.delimiter)} (${s.fieldCount} columns)`);
    issues.push({
      severity: 'warning',
      code: 'delimiter-uncertain',
      message: `The delimiter of "${options.fileName}" is unclear: ${JSON.stringify(sniffed.delimiter)} (${sniffed.scores[0].fieldCount} columns) was chosen, but ${others.join(' or ')} also fits.`,
      action: 'Check the preview and pick the delimiter if the columns look wrong.',
    });
  }
  return sniffed;
}

/**
 * The tokenizer counts records, header included, so it is given one more than the row cap; its
 * row-cap error is reworded here in terms of the rows the user counts.
 */
function tokenizeOrExplain(text: string, maxRows: number, options: TokenizeOptions): TokenizeResult {
  try {
    return tokenizeCsv(text, { ...options, maxRecords: maxRows + 1 });
  } catch (error) {
    if (!(error instanceof ImportError) || error.issue.code !== 'too-many-rows') throw error;
    throw new ImportError({
      ...error.issue,
      message: `"${options.fileName}" has more than ${maxRows} rows (reached at line ${error.issue.line}); the studio reads at most ${maxRows}.`,
    });
  }
}

function overrideMap(list: ReadOptions['typeOverrides'], names: readonly string[], file: string, issues: ImportIssue[]): Map<number, ColumnType> {
  const map = new Map<number, ColumnType>();
  for (const { column, type } of list ?? []) {
    if (Number.isInteger(column) && column >= 0 && column < names.length && COLUMN_TYPES.includes(type)) {
      map.set(column, type);
    } else {
      issues.push({
        severity: 'warning',
        code: 'bad-override',
        message: `The type change for column ${column} (${String(type)}) does not fit "${file}", which has ${names.length} columns; it was ignored.`,
        action: 'Ignored.',
      });
    }
  }
  return map;
}

function emptyCells(tokens: CsvTokens, rows: Uint32Array): ColumnCells {
  const n = rows.length;
  return {
    text: tokens.text,
    length: n,
    starts: new Uint32Array(n),
    ends: new Uint32Array(n),
    kinds: new Uint8Array(n),
    lineOf: (row) => tokens.recordLine[rows[row]],
  };
}

/** Fills `cells` (reused for every column) with column `j`'s content ranges. */
function gatherColumn(tokens: CsvTokens, rows: Uint32Array, j: number, cells: ColumnCells): void {
  const { text, recordFirstField: first, recordStart, fieldEnds, fieldFlags } = tokens;
  const { starts, ends, kinds } = cells;
  const range = new Uint32Array(2);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const field = first[r] + j;
    if (field >= first[r + 1]) {
      kinds[i] = CELL_ABSENT;
      starts[i] = ends[i] = 0;
      continue;
    }
    const rawStart = j === 0 ? recordStart[r] : fieldEnds[field - 1] + 1;
    const flags = fieldFlags[field];
    if (flags === 0) {
      // Unquoted (nearly every field): no need to look at the text at all.
      starts[i] = rawStart;
      ends[i] = fieldEnds[field];
      kinds[i] = CELL_PLAIN;
    } else {
      kinds[i] = contentRange(text, rawStart, fieldEnds[field], flags, range);
      starts[i] = range[0];
      ends[i] = range[1];
    }
  }
}

/** Issues outlive the import; make sure none of their strings is a view into the file's text. */
function detachIssue(issue: ImportIssue): ImportIssue {
  const out: ImportIssue = { ...issue, message: detachString(issue.message) };
  if (issue.snippet !== undefined) out.snippet = detachString(issue.snippet);
  return out;
}

/** Calls `report` only when the fraction moved by at least 1%, so at most ~100 times. */
export function throttle(report: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let last = 0;
  return (fraction) => {
    if (!report || (fraction - last < 0.01 && fraction < 1)) return;
    last = fraction;
    report(Math.min(1, fraction));
  };
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${n} bytes`;
}
