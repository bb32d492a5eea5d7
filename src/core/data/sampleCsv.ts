/**
 * The streaming path for a file larger than memory allows: its bytes are scanned once, chunk by
 * chunk as they arrive, and only a seeded, uniform random sample of its records is kept (reservoir
 * sampling, Li's Algorithm L). The whole file is never held, so a 10 GB file needs the memory of
 * its sample, not of itself.
 *
 * The sample comes out as CSV bytes (the first record, then the sampled ones in file order, each as
 * written) with its origin: the file's line and record of every sampled line and record. The reader
 * then reads it like any file (readSampledCsv), and every message names the file's own lines.
 *
 * The scan finds record boundaries exactly as tokenizeCsv does (a quote opens a value only at its
 * start, `""` inside quotes, LF, CRLF or a lone CR ends a record, blank lines between records are
 * skipped), and it checks what must hold across the whole file: field counts, the caps on a value
 * and on columns, and closed quotes.
 */
import { createRng, type Rng } from '../random';
import { ImportError, type ImportIssue } from './importIssue';
import { noRowsIssue, readCsv, readLimits, sniffOrWarn, SNIFF_CHARS, type ReadOptions, type ReadResult } from './readCsv';
import { droppedRowsIssue, fieldCountMismatch } from './selectRows';
import type { SampleOrigin } from './sampleOrigin';
import { recordTexts } from './csvTokens';
import { decodeBytes } from './decodeBytes';
import { placeholderName } from './headerNames';
import { tokenizeCsv } from './tokenizeCsv';
import { blankLines, fieldTooLong, tooManyColumns, unclosedQuote } from './tokenizeIssues';

export interface SampleRequest {
  /** The most rows to keep, besides the first record. */
  rows: number;
  seed: number;
}

/** What the studio records about a sampled dataset. */
export interface SampleInfo {
  /** Rows in the table read from the sample. */
  rows: number;
  /** Data rows in the whole file (records, less the header when there is one; blank lines and dropped rows not counted). */
  fileRows: number;
  fileBytes: number;
  seed: number;
}

export interface CsvSample {
  /** The first record, then the sampled records in file order, each with the line ending it had. */
  bytes: Uint8Array;
  /** Null for a sample read back from storage, which keeps its bytes only. */
  origin: SampleOrigin | null;
  /** Records after the first in the file, blank lines and dropped rows not counted. */
  recordsAfterFirst: number;
  fileBytes: number;
  delimiter: string;
  /** Rows left out of the file for a number of fields other than the first record's (raggedRows 'drop'). */
  dropped: number;
  /** Issues about the whole file: the sniffer's, blank lines, dropped rows. */
  issues: ImportIssue[];
}

export type SampleOptions = Omit<ReadOptions, 'onProgress' | 'sampleOrigin'>;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

// Scanner states between bytes.
const BETWEEN = 0; // before a record: blank lines are skipped here
const FIELD_START = 1;
const UNQUOTED = 2;
const QUOTED = 3;
const QUOTE_SEEN = 4; // inside quotes, just after a quote: `""` or the closing quote

// How each kept record ended, to write it back the same way.
const END_NONE = 0;
const END_LF = 1;
const END_CRLF = 2;
const END_CR = 3;
const ENDINGS = [new Uint8Array(0), new Uint8Array([LF]), new Uint8Array([CR, LF]), new Uint8Array([CR])];

/** Feeds a file's bytes in order (`push`), then gives the sample (`finish`). */
export class CsvSampler {
  private readonly options: SampleOptions;
  private readonly keep: number;
  private readonly rng: Rng;
  private readonly maxField: number;
  private readonly maxColumns: number;
  private readonly ragged: 'error' | 'pad' | 'drop';
  private readonly quoting: boolean;
  private readonly issues: ImportIssue[] = [];
  private delimiter = -1;
  private delimiterText = ',';
  private head: Uint8Array[] = [];
  private headBytes = 0;

  // Scan state, carried from one chunk to the next.
  private state = BETWEEN;
  private crBefore = false;
  private line = 1;
  private fields = 0;
  private width = -1;
  private recordIndex = 0; // the file's record index of the current record (0: the first)
  private recordLine = 0;
  private fieldStart = 0; // absolute offset of the current value's first byte
  private fieldLine = 0;
  private absolute = 0; // absolute offset of the current chunk's first byte
  private blankCount = 0;
  private firstBlankLine = 0;
  private pendingBlanks = 0;
  private pendingBlankLine = 0;
  private dropped = 0;
  private firstRagged: ImportError | null = null;
  private firstDroppedLine = 0;

  // The reservoir: every kept record's bytes live in `slab`, the current one at its end while read.
  private slab = new Uint8Array(1 << 20);
  private slabUsed = 0;
  private keeping = false;
  private currentStart = 0;
  // Per kept record (a slot): where its bytes are, its first line, lines, record index and ending.
  // They grow with the reservoir, so a small file costs little whatever the sample size.
  private slotStart = new Float64Array(0);
  private slotLength = new Float64Array(0);
  private slotLine = new Float64Array(0);
  private slotLines = new Float64Array(0);
  private slotRecord = new Float64Array(0);
  private slotEnd = new Uint8Array(0);
  private filled = 0;
  private eligible = 0; // records after the first seen so far, dropped ones not counted
  private nextPick = 0; // eligible index of the next record to keep once the reservoir is full
  private w = 0;
  private first: { bytes: Uint8Array; end: number; line: number; lines: number } | null = null;
  private lastSlot = -2; // slot of the record that just ended (-1: the first record), for a CRLF split between chunks

  constructor(options: SampleOptions, request: SampleRequest) {
    if (!(request.rows >= 1) || !Number.isInteger(request.rows)) throw new Error(`A sample needs a whole number of rows, got ${request.rows}.`);
    this.options = options;
    const limits = readLimits(options);
    this.keep = request.rows;
    this.rng = createRng(request.seed);
    this.maxField = limits.maxFieldLength;
    this.maxColumns = limits.maxColumns;
    this.ragged = options.raggedRows ?? 'error';
    this.quoting = options.quoting !== 'none';
  }

  /** The next bytes of the file. */
  push(chunk: Uint8Array): void {
    if (this.delimiter < 0) {
      // The dialect is sniffed from the file's first megabyte, as a whole read does.
      this.head.push(chunk.slice());
      this.headBytes += chunk.length;
      if (this.headBytes >= SNIFF_CHARS) this.startScanning();
      return;
    }
    this.scan(chunk);
  }

  /** The sample, once every byte has been pushed. */
  finish(): CsvSample {
    if (this.delimiter < 0) this.startScanning();
    if (this.state === QUOTED) throw this.unclosed();
    if (this.state !== BETWEEN) this.endRecord(END_NONE);
    if (this.first === null) throw new ImportError({ severity: 'error', code: 'empty-file', message: `"${this.options.fileName}" has no rows; nothing was imported.` });
    if (this.firstRagged) throw this.firstRagged;
    if (this.blankCount > 0) this.issues.push(blankLines(this.options.fileName, this.blankCount, this.firstBlankLine));
    if (this.dropped > 0) this.issues.push(droppedRowsIssue(this.options.fileName, this.dropped, this.width, this.firstDroppedLine));
    return this.assemble();
  }

  private startScanning(): void {
    const chunks = this.head;
    const head = concat(chunks, this.headBytes);
    this.head = [];
    // Decoded as a whole read decodes the file's start: the same refusals (binary, empty, unknown encoding) come first.
    const decoded = decodeBytes(head.subarray(0, SNIFF_CHARS), this.options.fileName, this.options.encoding);
    if (decoded.encoding.startsWith('utf-16')) {
      throw new ImportError({
        severity: 'error',
        code: 'sample-encoding',
        message: `"${this.options.fileName}" is UTF-16 text; a sample can be read only from UTF-8 or single-byte text. Nothing was imported.`,
        action: 'Save the file as UTF-8 and import a sample again.',
      });
    }
    const text = decoded.text;
    const sniffed = sniffOrWarn(text, this.options, this.issues);
    const delimiter = sniffed.delimiter.charCodeAt(0);
    if (sniffed.delimiter.length !== 1 || delimiter >= 0x80) {
      throw new ImportError({
        severity: 'error',
        code: 'sample-delimiter',
        message: `The delimiter ${JSON.stringify(sniffed.delimiter)} of "${this.options.fileName}" is not a single ASCII character, which a sample needs. Nothing was imported.`,
        action: 'Pick a comma, semicolon, tab or bar as the delimiter.',
      });
    }
    this.delimiter = delimiter;
    this.delimiterText = sniffed.delimiter;
    // Chunk by chunk, as they came: a record split between chunks is read the same wherever the split falls.
    for (const chunk of chunks) this.scan(chunk);
  }

  /**
   * The scan proper. Its state lives in locals while a chunk is scanned (the loop runs once per
   * byte of a file that may hold billions) and goes back to the fields at each record's end and
   * the chunk's.
   */
  private scan(bytes: Uint8Array): void {
    const n = bytes.length;
    const delim = this.delimiter;
    const quoting = this.quoting;
    const base = this.absolute;
    const maxField = this.maxField;
    // Every byte that can end an unquoted value is at most this, so most bytes take one test.
    const highest = Math.max(delim, CR);
    let state = this.state;
    let line = this.line;
    let fields = this.fields;
    let fieldStart = this.fieldStart;
    let fieldLine = this.fieldLine;
    let pos = 0;
    if (this.crBefore && n > 0) {
      this.crBefore = false;
      if (bytes[0] === LF) {
        // The LF of a CRLF whose CR ended the last chunk: its line is counted already. Inside quotes it is part of the value.
        if (state === BETWEEN) this.mendEnding();
        pos = 1;
      }
    }
    let recordFrom = state === BETWEEN ? -1 : 0;
    const sync = () => {
      this.line = line;
      this.fields = fields;
      this.fieldLine = fieldLine;
    };
    while (pos < n) {
      let c = bytes[pos];
      if (state === BETWEEN) {
        if (c === LF || c === CR) {
          if (this.pendingBlanks === 0) this.pendingBlankLine = line;
          this.pendingBlanks++;
          line++;
          this.lastSlot = -2;
          if (c === CR) pos = this.crLineBreak(bytes, pos);
          pos++;
          continue;
        }
        if (this.pendingBlanks > 0) this.countBlankLines();
        this.recordLine = line;
        this.keeping = this.first === null || this.eligible < this.keep || this.eligible === this.nextPick;
        this.currentStart = this.slabUsed;
        fields = 0;
        recordFrom = pos;
        state = FIELD_START;
      }
      if (state === FIELD_START) {
        fieldStart = base + pos;
        fieldLine = line;
        if (quoting && c === QUOTE) {
          state = QUOTED;
          pos++;
          continue;
        }
        state = UNQUOTED;
      }
      if (state === UNQUOTED) {
        // Value after value of the record, without going round the outer loop for each.
        for (;;) {
          while (pos < n) {
            c = bytes[pos];
            if (c <= highest && (c === delim || c === LF || c === CR)) break;
            pos++;
          }
          if (pos >= n) break;
          if (base + pos - fieldStart > maxField) {
            sync();
            throw this.tooLong(false);
          }
          if (c !== delim) break;
          fields++;
          pos++;
          fieldStart = base + pos;
          fieldLine = line;
          if (pos >= n) {
            state = FIELD_START;
            break;
          }
          if (quoting && bytes[pos] === QUOTE) {
            state = QUOTED;
            pos++;
            break;
          }
        }
        if (pos >= n || state !== UNQUOTED) continue;
        if (!this.keeping && fields + 1 === this.width && this.first !== null) {
          // The common record's end, inline: as wide as the first, and not kept (endRecord's first case).
          this.recordIndex++;
          this.eligible++;
          this.lastSlot = -2;
          if (c === CR) pos = this.crLineBreak(bytes, pos);
          pos++;
          line++;
          state = BETWEEN;
          recordFrom = -1;
          continue;
        }
        sync();
        pos = this.lineBreak(bytes, pos, recordFrom);
        line = this.line;
        state = BETWEEN;
        recordFrom = -1;
        continue;
      }
      if (state === QUOTED) {
        while (pos < n) {
          const b = bytes[pos];
          if (b === QUOTE) break;
          if (b === LF) {
            line++;
          } else if (b === CR) {
            line++;
            pos = this.crLineBreak(bytes, pos);
          }
          pos++;
        }
        if (pos >= n) break;
        state = QUOTE_SEEN;
        pos++;
        continue;
      }
      // QUOTE_SEEN
      if (c === QUOTE) {
        state = QUOTED;
        pos++;
        continue;
      }
      if (c === delim || c === LF || c === CR) {
        // The caps as tokenizeCsv applies them: to a quoted value's content, then to the value as written.
        const written = base + pos - fieldStart;
        if (written > maxField) {
          sync();
          throw this.tooLong(written - 2 > maxField);
        }
      } else if (line > fieldLine) {
        // Text after the closing quote of a value over several lines: tokenizeCsv takes it for an unclosed quote.
        sync();
        throw unclosedQuote(this.where(), '', line);
      }
      // The unquoted scan takes it from here: the delimiter or line break that ends the value, or the
      // text after the closing quote up to them, as tokenizeCsv reads it.
      state = UNQUOTED;
    }
    this.fieldStart = fieldStart;
    sync();
    if (state !== BETWEEN) {
      if (this.keeping) this.appendIfKept(bytes, recordFrom, n);
      // A value still open at the chunk's end is checked now, so an unclosed quote never fills memory.
      const open = base + n - fieldStart;
      if ((state === QUOTED || state === QUOTE_SEEN) && open - 2 > maxField) throw this.tooLong(true);
      if (open - 1 > maxField && state === UNQUOTED) throw this.tooLong(false);
    }
    this.state = state;
    this.absolute += n;
  }

  /** The record ends at `bytes[pos]` (LF or CR); returns the offset after its line break. */
  private lineBreak(bytes: Uint8Array, pos: number, recordFrom: number): number {
    if (this.keeping) this.appendIfKept(bytes, recordFrom, pos);
    let ending = END_LF;
    let end = pos;
    if (bytes[pos] === CR) {
      end = this.crLineBreak(bytes, pos);
      ending = end > pos ? END_CRLF : END_CR;
    }
    this.endRecord(ending);
    this.line++;
    return end + 1;
  }

  /**
   * The last byte of the line break that starts with the CR at `pos`: its LF when one follows in
   * this chunk, else the CR. At the chunk's end the LF, if any, opens the next chunk: it is
   * skipped there (crBefore), so the line is counted once.
   */
  private crLineBreak(bytes: Uint8Array, pos: number): number {
    if (pos + 1 < bytes.length) return bytes[pos + 1] === LF ? pos + 1 : pos;
    this.crBefore = true;
    return pos;
  }

  /** Blank lines before a record are counted (a whole read reports them); those at the end are not. */
  private countBlankLines(): void {
    if (this.blankCount === 0) this.firstBlankLine = this.pendingBlankLine;
    this.blankCount += this.pendingBlanks;
    this.pendingBlanks = 0;
  }

  private endRecord(ending: number): void {
    const count = this.fields + 1;
    if (!this.keeping && count === this.width && this.first !== null) {
      // The common record: as wide as the first, and not kept.
      this.recordIndex++;
      this.eligible++;
      this.lastSlot = -2;
      return;
    }
    const lines = this.line - this.recordLine + 1;
    if (count > this.maxColumns) throw tooManyColumns(this.options.fileName, count, this.recordLine, this.maxColumns);
    const record = this.recordIndex++;
    if (this.first === null) {
      this.width = count;
      this.first = { bytes: this.slab.slice(this.currentStart, this.slabUsed), end: ending, line: this.recordLine, lines };
      this.slabUsed = this.currentStart;
      this.keeping = false;
      this.lastSlot = -1;
      return;
    }
    if (count !== this.width) {
      // Left out of the sample, unless padded later. An error is reported once the whole file is
      // scanned, as a whole read reports it after tokenizing: a problem the tokenizer would meet
      // later in the file comes first.
      if (this.ragged === 'error' || this.ragged === 'drop') {
        if (this.ragged === 'error') this.firstRagged ??= this.raggedError(count, record);
        else if (this.dropped++ === 0) this.firstDroppedLine = this.recordLine;
        this.slabUsed = this.currentStart;
        this.keeping = false;
        this.lastSlot = -2;
        return;
      }
    }
    const index = this.eligible++;
    this.lastSlot = -2;
    if (!this.keeping) return;
    this.keeping = false;
    let slot: number;
    if (index < this.keep) {
      slot = this.filled++;
      if (slot === this.slotStart.length) this.growSlots();
      if (this.filled === this.keep) {
        this.w = Math.exp(Math.log(this.uniform()) / this.keep);
        this.nextPick = this.keep + this.skip();
      }
    } else {
      slot = this.rng.int(this.keep);
      this.w *= Math.exp(Math.log(this.uniform()) / this.keep);
      this.nextPick = index + 1 + this.skip();
    }
    this.slotStart[slot] = this.currentStart;
    this.slotLength[slot] = this.slabUsed - this.currentStart;
    this.slotLine[slot] = this.recordLine;
    this.slotLines[slot] = lines;
    this.slotRecord[slot] = record;
    this.slotEnd[slot] = ending;
    this.lastSlot = slot;
  }

  private growSlots(): void {
    const size = Math.min(this.keep, Math.max(1024, this.slotStart.length * 2));
    const grow = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.slotStart = grow(this.slotStart, (n) => new Float64Array(n));
    this.slotLength = grow(this.slotLength, (n) => new Float64Array(n));
    this.slotLine = grow(this.slotLine, (n) => new Float64Array(n));
    this.slotLines = grow(this.slotLines, (n) => new Float64Array(n));
    this.slotRecord = grow(this.slotRecord, (n) => new Float64Array(n));
    this.slotEnd = grow(this.slotEnd, (n) => new Uint8Array(n));
  }

  /** Records to pass over before the next one kept (Algorithm L). */
  private skip(): number {
    const skip = Math.floor(Math.log(this.uniform()) / Math.log(1 - this.w));
    return Number.isFinite(skip) ? skip : Number.MAX_SAFE_INTEGER;
  }

  /** A draw in (0, 1]: its logarithm is always finite. */
  private uniform(): number {
    return 1 - this.rng.next();
  }

  /** A CR ended the last chunk and this one starts with its LF: the record that ended there ended in CRLF. */
  private mendEnding(): void {
    if (this.lastSlot === -1 && this.first) this.first.end = END_CRLF;
    else if (this.lastSlot >= 0) this.slotEnd[this.lastSlot] = END_CRLF;
  }

  private appendIfKept(bytes: Uint8Array, from: number, to: number): void {
    if (!this.keeping || to <= from) return;
    const length = to - from;
    if (this.slabUsed + length > this.slab.length) this.makeRoom(length);
    const slab = this.slab;
    let at = this.slabUsed;
    // A record is a few hundred bytes at most, mostly: a loop copies that faster than a view and set().
    if (length <= 256) for (let i = from; i < to; i++) slab[at++] = bytes[i];
    else slab.set(bytes.subarray(from, to), at);
    this.slabUsed += length;
  }

  /**
   * Room for `length` more bytes: the kept records are moved together, in the order they lie in the
   * slab (neighbours move as one run), into a slab twice their size when they fill half of this one.
   */
  private makeRoom(length: number): void {
    const current = this.slabUsed - this.currentStart;
    let live = current + length;
    for (let s = 0; s < this.filled; s++) live += this.slotLength[s];
    const from = this.slab;
    const to = 2 * live > from.length ? new Uint8Array(2 * live) : from;
    let used = 0;
    let runStart = 0;
    let runLength = 0;
    const flush = () => {
      if (to === from) to.copyWithin(used, runStart, runStart + runLength);
      else to.set(from.subarray(runStart, runStart + runLength), used);
      used += runLength;
    };
    for (const s of orderBy(this.slotStart, this.filled)) {
      const start = this.slotStart[s];
      if (start !== runStart + runLength) {
        flush();
        runStart = start;
        runLength = 0;
      }
      this.slotStart[s] = used + runLength;
      runLength += this.slotLength[s];
    }
    flush();
    runStart = this.currentStart;
    runLength = current;
    this.currentStart = used;
    flush();
    this.slabUsed = used;
    this.slab = to;
  }

  private where() {
    const index = this.fields;
    return { file: this.options.fileName, line: this.fieldLine, record: this.recordIndex + 1, column: { index, name: this.columnName(index) } };
  }

  /** Column `index` as the reader names it in messages: its header, once the first record is read and is one. */
  private columnName(index: number): string {
    const first = this.first;
    if (first && this.options.hasHeader !== false) {
      const text = new TextDecoder(this.options.encoding ?? 'utf-8').decode(first.bytes);
      const name = recordTexts(tokenizeCsv(text, { fileName: this.options.fileName, delimiter: this.delimiterText }), 0)[index]?.trim();
      if (name) return name;
    }
    return placeholderName(index);
  }

  private tooLong(quoted: boolean): ImportError {
    return fieldTooLong(this.where(), this.maxField, quoted, '');
  }

  private unclosed(): ImportError {
    return unclosedQuote(this.where(), '');
  }

  private raggedError(count: number, record: number): ImportError {
    return new ImportError({
      severity: 'error',
      code: 'ragged-row',
      message: `${fieldCountMismatch(this.recordLine, this.options.fileName, count, this.options.hasHeader !== false, this.width, record)}; nothing was imported.`,
      line: this.recordLine,
      record,
      action: 'Choose to pad short rows and cut long ones, or to drop those rows.',
    });
  }

  /** The first record and the kept ones in file order, each with its own line ending, and where each line came from. */
  private assemble(): CsvSample {
    const first = this.first!;
    const order = orderBy(this.slotRecord, this.filled);
    // A record that ended the file without a line break gets the first record's, unless it stays last.
    const joint = first.end === END_NONE ? END_LF : first.end;
    const endingOf = (end: number, last: boolean) => (end === END_NONE && !last ? joint : end);
    const firstEnd = endingOf(first.end, order.length === 0);
    let size = first.bytes.length + ENDINGS[firstEnd].length;
    let lineCount = first.lines;
    for (let i = 0; i < order.length; i++) {
      const s = order[i];
      size += this.slotLength[s] + ENDINGS[endingOf(this.slotEnd[s], i === order.length - 1)].length;
      lineCount += this.slotLines[s];
    }
    const bytes = new Uint8Array(size);
    const lines = new Float64Array(lineCount + 1);
    const records = new Float64Array(order.length + 1);
    bytes.set(first.bytes, 0);
    bytes.set(ENDINGS[firstEnd], first.bytes.length);
    let at = first.bytes.length + ENDINGS[firstEnd].length;
    let l = 0;
    for (let k = 0; k < first.lines; k++) lines[l++] = first.line + k;
    for (let i = 0; i < order.length; i++) {
      const s = order[i];
      const start = this.slotStart[s];
      bytes.set(this.slab.subarray(start, start + this.slotLength[s]), at);
      at += this.slotLength[s];
      const ending = ENDINGS[endingOf(this.slotEnd[s], i === order.length - 1)];
      bytes.set(ending, at);
      at += ending.length;
      for (let k = 0; k < this.slotLines[s]; k++) lines[l++] = this.slotLine[s] + k;
      records[i + 1] = this.slotRecord[s];
    }
    // The line after the sample's last, for a message about the end of the file.
    lines[l] = this.line;
    this.slab = new Uint8Array(0);
    return {
      bytes,
      origin: { lines, records },
      recordsAfterFirst: this.eligible,
      dropped: this.dropped,
      fileBytes: this.absolute,
      delimiter: this.delimiterText,
      issues: this.issues,
    };
  }
}

/**
 * Indexes 0..count-1 ordered by `values[i]`: distinct whole numbers. Sorted as doubles that carry the
 * index in their low bits where they fit (a typed-array sort, several times faster than a comparator).
 */
function orderBy(values: Float64Array, count: number): Uint32Array {
  const order = new Uint32Array(count);
  let max = 0;
  for (let i = 0; i < count; i++) max = Math.max(max, values[i]);
  const scale = 2 ** Math.ceil(Math.log2(Math.max(2, count)));
  if ((max + 1) * scale <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = values[i] * scale + i;
    keys.sort();
    for (let i = 0; i < count; i++) order[i] = keys[i] % scale;
    return order;
  }
  for (let i = 0; i < count; i++) order[i] = i;
  return order.sort((a, b) => values[a] - values[b]);
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads a sample as a table, every message naming the file's lines, with what it is a sample of. */
export function readSampledCsv(sample: CsvSample, request: SampleRequest, options: ReadOptions): ReadResult & { sample: SampleInfo } {
  const result = readCsv(sample.bytes, { ...options, delimiter: sample.delimiter, sampleOrigin: sample.origin ?? undefined });
  if (sample.dropped > 0 && sample.recordsAfterFirst === 0) {
    // The sample holds the header alone because the file's every row was dropped: say that, as a whole read does.
    const at = result.issues.findIndex((i) => i.code === 'header-only');
    if (at >= 0) result.issues[at] = noRowsIssue(options.fileName, result.table.columns.length, false);
  }
  const firstIsData = !result.dialect.hasHeader;
  const fileRows = sample.recordsAfterFirst + (firstIsData ? 1 : 0);
  const info: SampleInfo = { rows: result.table.rowCount, fileRows, fileBytes: sample.fileBytes, seed: request.seed };
  const whole = info.rows >= fileRows;
  const note: ImportIssue = {
    severity: 'info',
    code: 'sample',
    message: whole
      ? `All ${fileRows.toLocaleString('en-US')} rows of "${options.fileName}" were read, streamed without holding the file in memory.`
      : `A random sample of ${info.rows.toLocaleString('en-US')} of the ${fileRows.toLocaleString('en-US')} rows of "${options.fileName}" was read (seed ${request.seed}); counts in the other notes are of the sample unless they say otherwise` +
        (sample.origin ? '.' : `; this is the sample kept in the browser, so lines named are the sample's own.`),
    action: whole ? 'Read whole.' : 'Sampled.',
  };
  return { ...result, issues: [note, ...sample.issues, ...result.issues], sample: info };
}

/** What a sample kept in the browser needs besides its CSV bytes, small enough for the project state. */
export type StoredSample = Omit<CsvSample, 'bytes' | 'origin'> & { request: SampleRequest };

export function storedSample(sample: CsvSample, request: SampleRequest): StoredSample {
  const { bytes: _, origin: __, ...facts } = sample;
  return { ...facts, request };
}

/**
 * Reads a sample kept in the browser (its CSV bytes; the file it came from is not kept). Its
 * origin is not kept either, so messages name the sample's own lines, and the note says so.
 */
export function readStoredSample(bytes: Uint8Array, stored: StoredSample, options: ReadOptions): ReadResult & { sample: SampleInfo } {
  const { request, ...facts } = stored;
  return readSampledCsv({ ...facts, bytes, origin: null }, request, options);
}
