/**
 * Reads a CSV file of any size as a series of small CSV documents: the header record followed
 * by whole data records, cut only where a record ends (never inside a quoted value), so each
 * one can go through the ordinary reader and memory stays bounded by the chunk size.
 *
 * Cutting happens on bytes. That is safe for UTF-8 and single-byte encodings, whose quote, comma
 * and line-break bytes never occur inside a multi-byte character; UTF-16 files are transcoded to
 * UTF-8 on the way in so the same cutting works for them.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { decodeBytes } from '../core/data/decodeBytes';
import { ImportError } from '../core/data/importIssue';
import { sniffDialect } from '../core/data/sniffDialect';

export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
/** A record longer than this is handed to the reader as it is, which then names the unclosed quote or the long value. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface CsvChunk {
  /** The header record, then whole data records. */
  bytes: Uint8Array;
  /** Bytes of `bytes` that are the header (and any blank lines before it). */
  headerBytes: number;
  /** Physical lines the header takes in `bytes`. */
  headerLines: number;
  /** 1-based physical line in the file where the chunk's first data record starts. */
  firstLine: number;
  /** Offset in the file of the chunk's first data byte. */
  firstByte: number;
  /** The chunk's 1-based physical line `line` as a line of the whole file. */
  fileLine(line: number): number;
}

export interface ChunkedCsv {
  delimiter: string;
  /** The encoding the chunks are in: the file's own, or UTF-8 for a transcoded UTF-16 file. */
  encoding?: string;
  /** The header record's bytes (empty for an empty file). */
  header: Uint8Array;
  chunks(): Generator<CsvChunk>;
  close(): void;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Quote states of the scanner; they mirror how tokenizeCsv reads quotes, so both agree on where records end. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const AFTER_CLOSING_QUOTE = 4;

/**
 * Finds record ends in bytes fed piece by piece. A record ends after LF, after CRLF, or after a
 * lone CR (decided only once the next byte is known, so a CRLF is never split).
 */
export class RecordScanner {
  private state = FIELD_START;
  private pendingCR = false;
  private recordHasContent = false;
  /** Offset just past the end of the last record that is not a blank line; -1 for none. */
  lastRecordEnd = -1;

  constructor(private readonly delimiter: number) {}

  /** Scans `bytes[from, to)`; with `stopAtEnd`, returns early just past the first line end. Returns where it stopped. */
  scan(bytes: Uint8Array, from: number, to: number, stopAtEnd = false): number {
    const delim = this.delimiter;
    let state = this.state;
    let i = from;
    for (; i < to; i++) {
      const c = bytes[i];
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === LF) {
          this.endRecord(i + 1);
          if (stopAtEnd) {
            i++;
            break;
          }
          continue;
        }
        this.endRecord(i);
        if (stopAtEnd) break;
      }
      if (state === QUOTED) {
        if (c === QUOTE) state = QUOTE_IN_QUOTED;
        continue;
      }
      if (c === QUOTE && (state === QUOTE_IN_QUOTED || state === FIELD_START)) {
        // `""` inside a quoted value, or a quote opening a field.
        state = QUOTED;
        this.recordHasContent = true;
        continue;
      }
      if (c === delim) {
        state = FIELD_START;
        this.recordHasContent = true;
      } else if (c === LF) {
        state = FIELD_START;
        this.endRecord(i + 1);
        if (stopAtEnd) {
          i++;
          break;
        }
      } else if (c === CR) {
        state = FIELD_START;
        this.pendingCR = true;
      } else {
        // Text after a closing quote is kept literally up to the next delimiter, as the tokenizer does.
        state = state === QUOTE_IN_QUOTED || state === AFTER_CLOSING_QUOTE ? AFTER_CLOSING_QUOTE : UNQUOTED;
        this.recordHasContent = true;
      }
    }
    this.state = state;
    return i;
  }

  /** Moves the remembered offsets after the first `count` bytes were cut off the buffer. */
  shift(count: number): void {
    this.lastRecordEnd = this.lastRecordEnd > count ? this.lastRecordEnd - count : -1;
  }

  private endRecord(at: number): void {
    if (this.recordHasContent) this.lastRecordEnd = at;
    this.recordHasContent = false;
  }
}

/** Physical lines in `bytes` as tokenizeCsv counts them: LF, CRLF and a lone CR each end one. */
export function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === LF || (c === CR && bytes[i + 1] !== LF)) lines++;
  }
  return lines;
}

/**
 * Opens `path` for reading in chunks of about `chunkBytes` (a chunk ends at the last record end
 * within that size, or at the first one after it when a record is longer). Chunks end after a
 * record, never after a blank line, so blank lines travel with the record they precede and the
 * reader reports them as it would for the whole file. The delimiter is
 * guessed from the start of the file once, so every chunk is split the same way.
 */
export function openChunkedCsv(path: string, fileName: string, chunkBytes = DEFAULT_CHUNK_BYTES): ChunkedCsv {
  const size = Math.max(1, Math.floor(chunkBytes));
  const source = openByteSource(path, fileName, Math.max(64 * 1024, size));
  try {
    const delimiter = sniffDialect(new TextDecoder('utf-8').decode(source.peek(64 * 1024))).delimiter;
    const scanner = new RecordScanner(delimiter.charCodeAt(0));
    let buffer: Uint8Array = new Uint8Array(0);
    let scanned = 0;
    let more = true;
    let consumed = source.skipped;
    const fill = (): boolean => {
      const block = more ? source.next() : null;
      if (block) buffer = concat(buffer, block);
      return (more = block !== null);
    };
    /** Scans on until `found()` holds; false at the end of the file or past the record-size cap. */
    const scanUntil = (found: () => boolean): boolean => {
      while (!found()) {
        if (scanned < buffer.length) scanned = scanner.scan(buffer, scanned, buffer.length, true);
        else if (buffer.length > size + MAX_RECORD_BYTES || !fill()) return found();
      }
      return true;
    };
    const cut = (end: number): Uint8Array => {
      const head = buffer.slice(0, end);
      buffer = buffer.slice(end);
      scanned -= end;
      scanner.shift(end);
      consumed += end;
      return head;
    };

    // The header is the first record that is not blank (blank lines before it come with it).
    const header = cut(scanUntil(() => scanner.lastRecordEnd > 0) ? scanner.lastRecordEnd : buffer.length);
    const headerLines = countLines(header);

    function* chunks(): Generator<CsvChunk> {
      let firstLine = headerLines + 1;
      for (;;) {
        while (buffer.length < size && fill());
        if (buffer.length === 0) return;
        if (scanned < size) scanned = scanner.scan(buffer, scanned, Math.min(size, buffer.length));
        // At the end of the file a small rest is one chunk, its last record ended or not.
        const found = (more || buffer.length > size) && scanUntil(() => scanner.lastRecordEnd > 0);
        // Without a record end the rest is one record (the file's last, or one the reader will refuse).
        const firstByte = consumed;
        const records = cut(found ? scanner.lastRecordEnd : buffer.length);
        const start = firstLine;
        yield {
          bytes: concat(header, records),
          headerBytes: header.length,
          headerLines,
          firstLine: start,
          firstByte,
          fileLine: (line) => (line <= headerLines ? line : line - headerLines - 1 + start),
        };
        firstLine += countLines(records);
      }
    }
    return { delimiter, encoding: source.encoding, header, chunks, close: () => source.close() };
  } catch (error) {
    source.close();
    throw error;
  }
}

interface ByteSource {
  /** Bytes dropped from the start (a UTF-8 byte-order mark), so offsets can be told in the file's terms. */
  skipped: number;
  /** Set when the file is transcoded: the chunks are then UTF-8. */
  encoding?: string;
  /** Up to `n` bytes from the start, without consuming them (only before the first `next`). */
  peek(n: number): Uint8Array;
  next(): Uint8Array | null;
  close(): void;
}

/**
 * The file's bytes block by block, as UTF-8 (or its own single-byte encoding): a UTF-8
 * byte-order mark is dropped and UTF-16 (with or without a mark) is transcoded.
 */
function openByteSource(path: string, fileName: string, blockBytes: number): ByteSource {
  const fd = openSync(path, 'r');
  let open = true;
  const readBlock = (size: number): Uint8Array | null => {
    const block = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const n = readSync(fd, block, filled, size - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return filled === 0 ? null : block.subarray(0, filled);
  };
  let first: Uint8Array | null = readBlock(Math.max(blockBytes, 64 * 1024));
  const utf16 = first ? utf16Label(first, fileName) : null;
  let skipped = 0;
  if (first && !utf16 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) {
    first = first.subarray(3);
    skipped = 3;
  }
  const decoder = utf16 ? new TextDecoder(utf16) : null;
  const encoder = new TextEncoder();
  const transcode = (block: Uint8Array | null, last: boolean): Uint8Array | null => {
    if (!decoder) return block;
    const text = block ? decoder.decode(block, { stream: !last }) : decoder.decode();
    return text || block ? encoder.encode(text) : null;
  };
  let pending: Uint8Array | null = first ? transcode(first, false) : null;
  return {
    skipped,
    encoding: utf16 ? 'utf-8' : undefined,
    peek: (n) => (pending ?? new Uint8Array(0)).subarray(0, n),
    next() {
      if (pending) {
        const out = pending;
        pending = null;
        return out;
      }
      if (!open) return null;
      const block = readBlock(blockBytes);
      if (!block) {
        const rest = transcode(null, true);
        this.close();
        return rest && rest.length > 0 ? rest : null;
      }
      return transcode(block, false);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** 'utf-16le' or 'utf-16be' when the file is UTF-16, as the reader would decide from its start. */
function utf16Label(start: Uint8Array, fileName: string): string | null {
  try {
    const label = decodeBytes(start.subarray(0, Math.min(start.length, 4096) & ~1), fileName).encoding;
    return label.startsWith('utf-16') ? label : null;
  } catch (error) {
    // A binary file is refused here with the reader's own sentence; other doubts are left to the reader.
    if (error instanceof ImportError && error.issue.code === 'binary-file') throw error;
    return null;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
