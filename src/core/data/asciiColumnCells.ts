/**
 * Cells of the ASCII fast path (tokenizeAsciiCsv) in the shape the rest of the reader reads:
 * one column's cells as ranges into a string made of that column's bytes only, so type inference
 * and conversion run unchanged while the file itself is never decoded whole.
 */
import type { ColumnCells } from './columnCells';
import { CELL_ESCAPED } from './csvTokens';
import { asciiString, rescanCell, type AsciiTokens } from './tokenizeAsciiCsv';

const scratch = new Uint32Array(2);

/** Content range and kind of record `record`'s cell in column j, wherever the tokenizer left it. */
function cellRange(tokens: AsciiTokens, record: number, j: number, out: Uint32Array): number {
  if (record === 0) {
    const [s, e, kind] = tokens.firstRecord[j];
    out[0] = s;
    out[1] = e;
    return kind;
  }
  const cells = tokens.stored[j];
  if (cells === null || record < cells.from) return rescanCell(tokens, record, j, out);
  const k = record - cells.from;
  out[0] = cells.starts[k];
  out[1] = cells.ends[k];
  return cells.kinds[k];
}

/** Column j of the rows made of records `firstRow`, `firstRow + 1`, ... (`rowCount` of them). */
export function asciiColumnCells(tokens: AsciiTokens, j: number, firstRow: number, rowCount: number): ColumnCells {
  const { bytes, recordLine } = tokens;
  const starts = new Uint32Array(rowCount);
  const ends = new Uint32Array(rowCount);
  const kinds = new Uint8Array(rowCount);
  let total = 0;
  for (let i = 0; i < rowCount; i++) {
    kinds[i] = cellRange(tokens, firstRow + i, j, scratch);
    starts[i] = scratch[0];
    ends[i] = scratch[1];
    total += scratch[1] - scratch[0];
  }
  const own = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < rowCount; i++) {
    const s = starts[i];
    const e = ends[i];
    starts[i] = at;
    for (let k = s; k < e; k++) own[at++] = bytes[k];
    ends[i] = at;
  }
  return { text: asciiString(own, 0, total), length: rowCount, starts, ends, kinds, lineOf: (row) => recordLine[firstRow + row] };
}

/** Every cell of one record as a string, `""` unescaped (for the header and the first-row check). */
export function asciiRecordTexts(tokens: AsciiTokens, record: number): string[] {
  const out: string[] = [];
  for (let j = 0; j < tokens.width; j++) {
    const kind = cellRange(tokens, record, j, scratch);
    const raw = asciiString(tokens.bytes, scratch[0], scratch[1]);
    out.push(kind === CELL_ESCAPED ? raw.replaceAll('""', '"') : raw);
  }
  return out;
}
