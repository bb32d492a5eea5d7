/**
 * A large plain-ASCII file read by two threads at once: the caller cuts it at a record boundary
 * near the middle (planAsciiSplit), another thread tokenizes the second part (tokenizeSecondPart),
 * this thread tokenizes the first (readFirstPart), and the two are joined into one table
 * (finishReadInTwo). The second part is tokenized as the file's record 0 followed by the bytes
 * after the cut, so it sees the same header, width and number guess as the whole file would.
 *
 * The result is readCsv's over the whole file, bit for bit, or null whenever the parts cannot
 * vouch for that: a cut inside a quoted field, a blank line at the cut, a byte that is not ASCII,
 * a cap, anything the byte tokenizer hands back. The caller then reads the whole file with readCsv,
 * which explains whatever it was. Pure: the threads and the file are the caller's.
 */
import { asciiColumnBytes, asciiRecordTexts, type ColumnBytes } from './asciiColumnCells';
import type { ColumnCells } from './columnCells';
import { QUOTE } from './csvTokens';
import { isPlainAscii } from './isPlainAscii';
import { missingOf, type NumericGuess } from './numericGuess';
import {
  asciiPathAllowed,
  asciiTokenizeOptions,
  everyRecord,
  readLimits,
  sniffAscii,
  SNIFF_CHARS,
  tableFromRecords,
  throttle,
  tokenizeAsciiFile,
  type AsciiFile,
  type AsciiSniff,
  type GuessedColumns,
  type ReadOptions,
  type ReadResult,
  type Records,
} from './readCsv';
import type { Column } from './table';
import { asciiString, countLineFeeds, tokenizeAsciiCsv, type AsciiTokenizeOptions, type AsciiTokens } from './tokenizeAsciiCsv';

/**
 * Files from this size are read on two threads. Below it a whole read takes under about 0.15 s,
 * and starting the second worker (50-80 ms here) would eat most of what it saves.
 */
export const READ_IN_TWO_BYTES = 8 << 20;

/** Bytes the caller reads from the start of the file for the plan: what the sniffer reads. */
export const HEAD_BYTES = SNIFF_CHARS;
/** Bytes the caller reads from the middle of the file to find a line feed to cut after. */
export const PROBE_BYTES = 1 << 16;

export interface SplitPlan {
  /** Offset of the second part's first byte: just after a line feed. */
  at: number;
  /** Record 0 and its line break, put in front of the second part. */
  header: Uint8Array;
  /** The delimiter and its warning, sniffed from the file's start, for the first part too. */
  sniff: AsciiSniff;
  /** tokenizeAsciiCsv's options for the second part (no callbacks, so they can be posted). */
  tokenize: Omit<AsciiTokenizeOptions, 'onProgress'>;
}

/**
 * Where to cut: after the first line feed in `probe` (the bytes at `probeAt`), or null when the
 * file cannot be read in two (options the byte tokenizer does not take, a start that is not plain
 * ASCII, no line feed in the probe, a record 0 that does not end in the head).
 * `head` is the file's first HEAD_BYTES bytes, or all of it.
 */
export function planAsciiSplit(head: Uint8Array, probe: Uint8Array, probeAt: number, fileSize: number, options: ReadOptions): SplitPlan | null {
  const limits = readLimits(options);
  if (!asciiPathAllowed(options) || fileSize > limits.maxBytes || head.length < Math.min(fileSize, HEAD_BYTES) || !isPlainAscii(head)) return null;
  const sniff = sniffAscii(head, options);
  const headerEnd = firstRecordEnd(head, sniff.delimiter.charCodeAt(0));
  const lineFeed = probe.indexOf(LF);
  const at = probeAt + lineFeed + 1;
  if (sniff.delimiter.length !== 1 || headerEnd < 0 || lineFeed < 0 || at <= headerEnd || at >= fileSize) return null;
  const { onProgress: _, ...tokenize } = asciiTokenizeOptions(options, limits, () => undefined, sniff.delimiter);
  return { at, header: head.slice(0, headerEnd), sniff, tokenize };
}

/** A part's bytes with their line feeds counted: both parts need the first part's count before tokenizing. */
export interface PartBytes {
  bytes: Uint8Array;
  lineFeeds: number;
}

export function partBytes(bytes: Uint8Array): PartBytes {
  return { bytes, lineFeeds: countLineFeeds(bytes, 0, bytes.length) };
}

/**
 * The second part's tokenizer options once the first part's bytes are in: its numbers are kept
 * where the whole file's columns have them, after the first part's records (one per line feed:
 * exact unless a quoted field holds one, and the join then copies instead).
 */
export function secondPartOptions(plan: SplitPlan, first: PartBytes): SplitPlan['tokenize'] {
  return { ...plan.tokenize, recordOffset: Math.max(0, first.lineFeeds - 1) };
}

/** The other thread's share: the second part (the plan's header, then the file from `plan.at`) tokenized, or null. */
export function tokenizeSecondPart(second: PartBytes, options: SplitPlan['tokenize']): AsciiTokens | null {
  return isPlainAscii(second.bytes) ? tokenizeAsciiCsv(second.bytes, { ...options, lineFeeds: second.lineFeeds }) : null;
}

/** The first part, tokenized, waiting for the second. */
export interface FirstPart {
  file: AsciiFile;
  plan: SplitPlan;
  options: ReadOptions;
}

/** Tokenizes the file's bytes before `plan.at` here, or returns null when they cannot be read as a first part. */
export function readFirstPart({ bytes, lineFeeds }: PartBytes, plan: SplitPlan, options: ReadOptions): FirstPart | null {
  if (bytes.length !== plan.at) return null;
  const progress = throttle(options.onProgress);
  let file: AsciiFile | null;
  try {
    file = tokenizeAsciiFile(bytes, options, readLimits(options), progress, { sniff: plan.sniff, lineFeeds });
  } catch {
    // An error about this part alone may not hold for the whole file: the whole read explains.
    return null;
  }
  const tokens = file?.tokens;
  // The part must end just after a record's line break, and record 1 must start where the header given to the second part ends.
  if (!file || !tokens || tokens.recordCount < 2 || tokens.blankLinesAtEnd || tokens.recordStart[1] !== plan.header.length) return null;
  return { file, plan, options };
}

/** The whole file's table from the two parts, or null when they cannot stand for it. */
export function finishReadInTwo(first: FirstPart, second: AsciiTokens | null): ReadResult | null {
  const a = first.file.tokens;
  const { options, plan } = first;
  const limits = readLimits(options);
  if (second === null || second.width !== a.width || second.recordCount < 1) return null;
  if (second.recordCount > 1 && second.recordStart[1] !== plan.header.length) return null;
  const recordCount = a.recordCount + second.recordCount - 1;
  if (recordCount > limits.maxRows + 1 || recordCount * a.width > limits.maxCells) return null;
  const progress = throttle(options.onProgress);
  return tableFromRecords(joinedRecords(first.file, second), options, limits, progress);
}

/** Records of the whole file: the first part's, then the second's after its copy of record 0. */
function joinedRecords(first: AsciiFile, second: AsciiTokens): Records {
  const a = first.tokens;
  const recordCount = a.recordCount + second.recordCount - 1;
  // The second part's lines count from its copy of the header; its record 1 is the line after the first part.
  const lineShift = second.recordCount > 1 ? a.nextLine - second.recordLine[1] : 0;
  return {
    issues: first.issues,
    delimiter: first.delimiter,
    encoding: 'utf-8',
    lineEnding: a.lineEnding === second.lineEnding ? a.lineEnding : 'mixed',
    recordCount,
    firstLine: a.recordLine[0],
    // Records 0 and 1 are the only ones read one by one, and the first part has both.
    recordTexts: (record) => asciiRecordTexts(a, record),
    selectRows: (firstRecord) => everyRecord(recordCount, firstRecord),
    numericGuess: a.numericGuess && second.numericGuess ? joinedGuess(a.numericGuess, second.numericGuess, a.recordCount) : null,
    columnCells: (j, rows) => {
      const firstRow = recordCount - rows.length;
      const cells = joinCells(asciiColumnBytes(a, j, firstRow, a.recordCount - firstRow), asciiColumnBytes(second, j, 1, second.recordCount - 1), lineShift);
      a.stored[j] = null;
      second.stored[j] = null;
      return cells;
    },
  };
}

/** The two parts' numbers as whole columns: a column is numeric when it is in both parts and has a value in either. */
function joinedGuess(a: NumericGuess, b: NumericGuess, firstPartRecords: number): GuessedColumns {
  return {
    column(j: number, name: string, firstRow: number, rowCount: number): Column | null {
      const aRows = firstPartRecords - firstRow;
      const pa = a.part(j, firstRow, aRows);
      const pb = b.part(j, 1, rowCount - aRows);
      if (pa === null || pb === null || pa.present + pb.present === 0) return null;
      const room = b.values[j] as Float64Array;
      let values: Float64Array;
      if (b.offset === aRows && room.length === rowCount) {
        // The usual case: the second part kept its numbers where the column has them; the first part's go before.
        values = room;
      } else {
        values = new Float64Array(rowCount);
        values.set(pb.values, aRows);
      }
      values.set(pa.values);
      a.drop(j);
      b.drop(j);
      release(pa.values);
      return { name, type: 'numeric', inferredType: 'numeric', missing: missingOf(values, pa.blanks || pb.blanks), values };
    },
  };
}

/**
 * Frees a buffer of this thread's that the join has copied, now rather than at the next
 * collection, where the runtime can (ArrayBuffer.prototype.transfer): the first part's share of
 * every column adds up to half the table. Not for the second part's buffers: in a browser a
 * buffer that came from another thread is freed only when collected, whatever is done to it.
 */
function release(view: ArrayBufferView): void {
  const buffer = view.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (typeof buffer.transfer === 'function') buffer.transfer(0);
}

/** One column's cells of the first part followed by the second's, the second's lines shifted to the file's. */
function joinCells(a: ColumnBytes, b: ColumnBytes, lineShift: number): ColumnCells {
  const n = a.length + b.length;
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  const kinds = new Uint8Array(n);
  starts.set(a.starts.subarray(0, a.length));
  ends.set(a.ends.subarray(0, a.length));
  kinds.set(a.kinds.subarray(0, a.length));
  const shift = a.byteLength;
  for (let i = 0, k = a.length; i < b.length; i++, k++) {
    starts[k] = b.starts[i] + shift;
    ends[k] = b.ends[i] + shift;
    kinds[k] = b.kinds[i];
  }
  // The text is joined as bytes and made a string once, not as two strings that V8 would copy again to read.
  const bytes = new Uint8Array(a.byteLength + b.byteLength);
  bytes.set(a.bytes.subarray(0, a.byteLength));
  bytes.set(b.bytes.subarray(0, b.byteLength), a.byteLength);
  const text = asciiString(bytes, 0, bytes.length);
  release(a.bytes);
  release(bytes);
  return { text, length: n, starts, ends, kinds, lineOf: (row) => (row < a.length ? a.lineOf(row) : b.lineOf(row - a.length) + lineShift) };
}

const LF = 0x0a;
const CR = 0x0d;

/** Offset just after record 0's line break, read as tokenizeAsciiCsv reads it, or -1 when it does not end in `bytes`. */
function firstRecordEnd(bytes: Uint8Array, delimiter: number): number {
  const n = bytes.length;
  let pos = 0;
  for (;;) {
    if (bytes[pos] === QUOTE) {
      let close = bytes.indexOf(QUOTE, pos + 1);
      while (close !== -1 && bytes[close + 1] === QUOTE) close = bytes.indexOf(QUOTE, close + 2);
      if (close === -1) return -1;
      pos = close + 1;
    } else {
      while (pos < n && bytes[pos] !== delimiter && bytes[pos] !== LF && bytes[pos] !== CR) pos++;
    }
    if (pos >= n) return -1;
    const c = bytes[pos];
    if (c === delimiter) {
      pos++;
      continue;
    }
    if (c === CR) return pos + 1 < n && bytes[pos + 1] === LF ? pos + 2 : pos + 1 < n ? pos + 1 : -1;
    if (c === LF) return pos + 1;
    // Text after a closing quote: the tokenizer hands such a file back anyway.
    return -1;
  }
}
