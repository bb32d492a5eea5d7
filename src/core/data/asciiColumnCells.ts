/**
 * Cells of the ASCII fast path (tokenizeAsciiCsv) in the shape the rest of the reader reads:
 * one column's cells as ranges into a string made of that column's bytes only, so type inference
 * and conversion run unchanged while the file itself is never decoded whole.
 */
import type { ColumnCells } from './columnCells';
import { CELL_ESCAPED } from './csvTokens';
import { asciiString, nextCell, rescanCell, type AsciiTokens } from './tokenizeAsciiCsv';

const scratch = new Uint32Array(3);

/** Column j of the rows made of records `firstRow`, `firstRow + 1`, ... (`rowCount` of them). */
export function asciiColumnCells(tokens: AsciiTokens, j: number, firstRow: number, rowCount: number): ColumnCells {
  const { bytes, byteLength, ...cells } = asciiColumnBytes(tokens, j, firstRow, rowCount);
  return { ...cells, text: asciiString(bytes, 0, byteLength) };
}

/** ColumnCells with the cells' text still as bytes: `bytes[0, byteLength)`. */
export type ColumnBytes = Omit<ColumnCells, 'text'> & { bytes: Uint8Array; byteLength: number };

/** asciiColumnCells before its text is made a string (for joining the cells of two parts of a file first). */
export function asciiColumnBytes(tokens: AsciiTokens, j: number, firstRow: number, rowCount: number): ColumnBytes {
  const { bytes, recordLine } = tokens;
  const lineOf = (row: number) => recordLine[firstRow + row];
  const kept = tokens.stored[j];
  if (kept !== null && kept.from === firstRow && kept.count === rowCount) {
    // The usual case: the tokenizer kept every row's cell, laid out as this needs them.
    const { text, starts, ends, kinds } = kept;
    return { bytes: text, byteLength: kept.length, length: rowCount, starts: starts.subarray(0, rowCount), ends: ends.subarray(0, rowCount), kinds: kinds.subarray(0, rowCount), lineOf };
  }
  const starts = new Uint32Array(rowCount);
  const ends = new Uint32Array(rowCount);
  const kinds = new Uint8Array(rowCount);
  // Rows before the record where the tokenizer began keeping this column's cells are found in the file.
  const found = kept === null ? rowCount : Math.min(rowCount, Math.max(0, kept.from - firstRow));
  let foundBytes = 0;
  for (let i = 0; i < found; i++) {
    kinds[i] = rescanCell(tokens, firstRow + i, j, scratch);
    starts[i] = scratch[0];
    ends[i] = scratch[1];
    foundBytes += scratch[1] - scratch[0];
  }
  const first = firstRow + found - (kept?.from ?? 0);
  const last = first + rowCount - found - 1;
  const keptStart = kept !== null && found < rowCount ? kept.starts[first] : 0;
  const keptEnd = kept !== null && found < rowCount ? kept.ends[last] : 0;
  const own = new Uint8Array(foundBytes + keptEnd - keptStart);
  let at = 0;
  for (let i = 0; i < found; i++) {
    const s = starts[i];
    const e = ends[i];
    starts[i] = at;
    for (let k = s; k < e; k++) own[at++] = bytes[k];
    ends[i] = at;
  }
  if (kept !== null && found < rowCount) {
    own.set(kept.text.subarray(keptStart, keptEnd), at);
    const shift = at - keptStart;
    for (let i = found, k = first; i < rowCount; i++, k++) {
      starts[i] = kept.starts[k] + shift;
      ends[i] = kept.ends[k] + shift;
      kinds[i] = kept.kinds[k];
    }
  }
  return { bytes: own, byteLength: own.length, length: rowCount, starts, ends, kinds, lineOf };
}

/** Every cell of one record as a string, `""` unescaped (for the header and the first-row check). */
export function asciiRecordTexts(tokens: AsciiTokens, record: number): string[] {
  const out: string[] = [];
  let pos = tokens.recordStart[record];
  for (let j = 0; j < tokens.width; j++) {
    const kind = nextCell(tokens, pos, scratch);
    const raw = asciiString(tokens.bytes, scratch[0], scratch[1]);
    out.push(kind === CELL_ESCAPED ? raw.replaceAll('""', '"') : raw);
    pos = scratch[2] + 1;
  }
  return out;
}
