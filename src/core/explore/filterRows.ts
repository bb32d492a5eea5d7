/**
 * The rows behind a bar: what clicking a histogram bin, a category bar or the "missing" bar of
 * a column selects. Returned as ascending row indices, ready for takeRows or a table view.
 */
import { cellText, columnIndex, formatNumber, MISSING_CODE, type Column, type Table } from '../data/table';

export type RowFilter =
  /** min <= value < max (value <= max with includeMax, for the last histogram bin). */
  | { column: string; kind: 'range'; min: number; max: number; includeMax?: boolean }
  /** The cell's text equals `value` (as shown in top values: "true"/"false" for booleans). */
  | { column: string; kind: 'category'; value: string }
  | { column: string; kind: 'missing' };

export function filterRows(table: Table, filter: RowFilter): Int32Array {
  const j = columnIndex(table, filter.column);
  if (j < 0) throw new Error(`There is no column "${filter.column}".`);
  const column = table.columns[j];
  const n = table.rowCount;
  const keep = new Uint8Array(n);
  const { missing, values, codes } = column;
  if (filter.kind === 'missing') {
    for (let i = 0; i < n; i++) keep[i] = missing[i] || (codes ? codes[i] === MISSING_CODE : !values || values[i] !== values[i]) ? 1 : 0;
  } else if (filter.kind === 'range') {
    if (!values) throw new Error(`The column "${column.name}" holds text, so it cannot be filtered by a range.`);
    const { min, max } = filter;
    const closed = filter.includeMax === true;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      keep[i] = !missing[i] && v >= min && (v < max || (closed && v === max)) ? 1 : 0;
    }
  } else {
    matchCategory(column, n, filter.value, keep);
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += keep[i];
  const rows = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (keep[i]) rows[k++] = i;
  return rows;
}

function matchCategory(column: Column, n: number, value: string, keep: Uint8Array): void {
  const { missing, values, codes, categories } = column;
  if (codes && categories) {
    const wanted = new Uint8Array(categories.length);
    categories.forEach((c, k) => (wanted[k] = c === value ? 1 : 0));
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      keep[i] = !missing[i] && c < categories.length && wanted[c] ? 1 : 0;
    }
    return;
  }
  if (!values) return;
  // Compare numbers, not per-row text, when the value reads back as the number it names.
  const asNumber = column.type === 'boolean' ? (value === 'true' ? 1 : value === 'false' ? 0 : NaN) : Number(value);
  const exact = column.type === 'boolean' || (column.type === 'numeric' && value.trim() !== '' && formatNumber(asNumber) === value);
  for (let i = 0; i < n; i++) {
    if (missing[i] || values[i] !== values[i]) continue;
    keep[i] = (exact ? (column.type === 'boolean' ? (values[i] ? 1 : 0) === asNumber : values[i] === asNumber) : cellText(column, i) === value) ? 1 : 0;
  }
}
