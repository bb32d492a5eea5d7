/**
 * Builds a column in a type the user chose. Cells that cannot be read in that type become
 * missing, and the count plus the first such cell are reported: values are never changed silently.
 */
import { quoted } from './cappedIssues';
import { CELL_ABSENT, CELL_PLAIN, cellString, trimmedEnd, trimmedStart, type ColumnCells } from './columnCells';
import { encodeStrings } from './encodeStrings';
import type { ColumnContext, ColumnResult } from './inferColumnType';
import type { ImportIssue } from './importIssue';
import { NUM_INVALID, NUM_OVERFLOW, isMissingToken, parseBoolean, parseIsoDate, scanNumber } from './parseCell';
import { isCoded, type Column, type ColumnType } from './table';

export interface ConversionResult extends ColumnResult {
  /** Non-missing cells that could not be read in the chosen type and are now missing. */
  failed: number;
}

export function convertColumnType(cells: ColumnCells, ctx: ColumnContext, type: ColumnType, inferredType: ColumnType = type): ConversionResult {
  const n = cells.length;
  const { text, starts, ends, kinds } = cells;
  const missing = new Uint8Array(n);
  const issues: ImportIssue[] = [];
  for (let i = 0; i < n; i++) {
    if (kinds[i] === CELL_ABSENT) {
      missing[i] = 1;
      continue;
    }
    const s = trimmedStart(text, starts[i], ends[i]);
    if (kinds[i] === CELL_PLAIN && isMissingToken(text, s, trimmedEnd(text, s, ends[i]))) missing[i] = 1;
  }
  if (isCoded(type)) {
    const { codes, categories } = encodeStrings(cells, missing);
    return { column: { name: ctx.name, type, inferredType, missing, codes, categories }, issues, failed: 0 };
  }
  const out = new Float64Array(1);
  const parse: (s: number, e: number) => number =
    type === 'numeric'
      ? (s, e) => {
          // The user asked for numbers, so leading zeros and long integers are accepted here.
          const status = scanNumber(text, s, e, out);
          return status === NUM_INVALID || status === NUM_OVERFLOW ? NaN : out[0];
        }
      : type === 'boolean'
        ? (s, e) => {
            const b = parseBoolean(text, s, e, true);
            return b < 0 ? NaN : b;
          }
        : (s, e) => parseIsoDate(text, s, e);
  const values = new Float64Array(n);
  let failed = 0;
  let firstFailed = -1;
  for (let i = 0; i < n; i++) {
    if (missing[i]) {
      values[i] = NaN;
      continue;
    }
    const s = trimmedStart(text, starts[i], ends[i]);
    const v = kinds[i] === CELL_PLAIN ? parse(s, trimmedEnd(text, s, ends[i])) : NaN;
    if (Number.isNaN(v)) {
      missing[i] = 1;
      failed++;
      if (firstFailed < 0) firstFailed = i;
    }
    values[i] = v;
  }
  if (failed > 0) {
    issues.push({
      severity: 'warning',
      code: 'conversion-failed',
      message: `Column "${ctx.name}": ${failed} value${failed === 1 ? '' : 's'} could not be read as ${type} and ${failed === 1 ? 'is' : 'are'} now missing (the first is ${quoted(cellString(cells, firstFailed))} on line ${cells.lineOf(firstFailed)}).`,
      line: cells.lineOf(firstFailed),
      column: { index: ctx.index, name: ctx.name },
      action: 'Marked as missing; change the type back to keep them.',
    });
  }
  const column: Column = { name: ctx.name, type, inferredType, missing, values };
  return { column, issues, failed };
}
