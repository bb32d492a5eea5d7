/**
 * One column's raw cells as ranges into the decoded text: what type inference and type
 * conversion read. Ranges instead of strings let numeric columns be parsed without creating a
 * string per cell.
 */
import { CELL_ABSENT, CELL_ESCAPED, CELL_PLAIN } from './csvTokens';

export { CELL_ABSENT, CELL_ESCAPED, CELL_PLAIN };

export interface ColumnCells {
  text: string;
  length: number;
  /** Content range of each row's cell in `text`. */
  starts: Uint32Array;
  ends: Uint32Array;
  /** CELL_PLAIN, CELL_ESCAPED (contains `""` pairs to unescape) or CELL_ABSENT (no cell: a short row). */
  kinds: Uint8Array;
  /** 1-based physical line of a row, for messages. */
  lineOf: (row: number) => number;
}

/** The exact cell text, `""` unescaped; '' for an absent cell. */
export function cellString(cells: ColumnCells, row: number): string {
  const kind = cells.kinds[row];
  if (kind === CELL_ABSENT) return '';
  const raw = cells.text.slice(cells.starts[row], cells.ends[row]);
  return kind === CELL_ESCAPED ? raw.replaceAll('""', '"') : raw;
}

/** Cells from plain strings (`null` for an absent cell), e.g. to convert a coded column's categories. */
export function columnCellsFromStrings(values: ReadonlyArray<string | null>, lines?: ArrayLike<number>): ColumnCells {
  const n = values.length;
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  const kinds = new Uint8Array(n);
  const parts: string[] = [];
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    starts[i] = offset;
    if (v === null) {
      kinds[i] = CELL_ABSENT;
    } else {
      parts.push(v);
      offset += v.length;
      kinds[i] = CELL_PLAIN;
    }
    ends[i] = offset;
  }
  return { text: parts.join(''), length: n, starts, ends, kinds, lineOf: (row) => (lines ? lines[row] : row + 1) };
}

export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Start of `text[s, e)` without leading spaces and tabs. */
export function trimmedStart(text: string, s: number, e: number): number {
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  return s;
}

/** End of `text[s, e)` without trailing spaces and tabs. */
export function trimmedEnd(text: string, s: number, e: number): number {
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  return e;
}
