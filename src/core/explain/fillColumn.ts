/**
 * A copy of a table whose column `index` holds one value in every row (a partial dependence
 * grid point): a number for number-valued columns, a category (by text) for coded ones.
 */
import type { Column, Table } from '../data/table';

export function fillColumn(table: Table, index: number, value: number | string): Table {
  const source = table.columns[index];
  const n = table.rowCount;
  const column: Column = { ...source, missing: new Uint8Array(n) };
  if (source.codes && source.categories) {
    const text = String(value);
    let code = source.categories.indexOf(text);
    let categories = source.categories;
    // A category the column's dictionary lacks gets a copy of the dictionary with it added.
    if (code < 0) {
      categories = [...source.categories, text];
      code = categories.length - 1;
    }
    column.categories = categories;
    column.codes = new Uint32Array(n).fill(code);
    delete column.values;
  } else {
    if (typeof value !== 'number') throw new Error(`Column "${source.name}" holds numbers; it cannot be set to ${JSON.stringify(value)}.`);
    column.values = new Float64Array(n).fill(value);
  }
  const columns = table.columns.slice();
  columns[index] = column;
  return { rowCount: n, columns };
}
