/**
 * A copy of a table whose column `index` holds its own cells reordered: row i gets the cell of
 * row `order[i]`. Only that column is copied; the others are shared (and never written).
 */
import type { Column, Table } from '../data/table';

export function permuteColumn(table: Table, index: number, order: ArrayLike<number>): Table {
  const source = table.columns[index];
  const n = table.rowCount;
  if (order.length !== n) throw new Error(`A permutation of ${order.length} rows does not fit a table of ${n}.`);
  const column: Column = { ...source, missing: new Uint8Array(n) };
  for (let i = 0; i < n; i++) column.missing[i] = source.missing[order[i]];
  if (source.values) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = source.values[order[i]];
    column.values = values;
  }
  if (source.codes) {
    const codes = new Uint32Array(n);
    for (let i = 0; i < n; i++) codes[i] = source.codes[order[i]];
    column.codes = codes;
  }
  const columns = table.columns.slice();
  columns[index] = column;
  return { rowCount: n, columns };
}
