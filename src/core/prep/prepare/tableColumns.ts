/**
 * Small immutable operations on a Table for the prepare steps: a step never writes into a column it
 * was given (tables are shared with the UI and with other folds); it builds new columns and a new
 * column list, keeping the untouched columns by reference so a step costs only what it changes.
 */
import { cellText, MISSING_CODE, type Column, type ColumnType, type Table } from '../../data/table';

export function findColumn(table: Table, name: string, label: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${label} needs the column "${name}", which is not in the data at that point.`);
  return column;
}

export function hasColumn(table: Table, name: string): boolean {
  return table.columns.some((c) => c.name === name);
}

/** The column's numbers (NaN where missing); refuses a column of categories or text. */
export function numbersOf(column: Column, label: string): Float64Array {
  if (!column.values) {
    throw new Error(`${label} needs numbers in "${column.name}", which holds ${column.type} values; parse it with parseNumbers first or leave it out.`);
  }
  return column.values;
}

/** A number column (numeric, datetime or boolean) whose missing mask follows its NaNs. */
export function numberColumn(name: string, values: Float64Array, type: ColumnType = 'numeric'): Column {
  const missing = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) missing[i] = 1;
  return { name, type, inferredType: type, values, missing };
}

/** A dictionary-coded column. */
export function codedColumn(name: string, codes: Uint32Array, categories: string[], type: ColumnType = 'categorical'): Column {
  const missing = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] === MISSING_CODE) missing[i] = 1;
  return { name, type, inferredType: type, codes, categories, missing };
}

/**
 * The display text of every category a column can hold and a code per row (MISSING_CODE where
 * missing): a coded column as it is, a number column as a dictionary of its distinct texts.
 */
export function categoriesOf(column: Column): { codes: Uint32Array; categories: string[] } {
  if (column.codes && column.categories) {
    const codes = new Uint32Array(column.codes.length);
    for (let i = 0; i < codes.length; i++) codes[i] = column.missing[i] ? MISSING_CODE : column.codes[i];
    return { codes, categories: column.categories };
  }
  const n = column.missing.length;
  const codes = new Uint32Array(n);
  const lookup = new Map<string, number>();
  const categories: string[] = [];
  for (let i = 0; i < n; i++) {
    if (column.missing[i]) {
      codes[i] = MISSING_CODE;
      continue;
    }
    const text = cellText(column, i);
    let code = lookup.get(text);
    if (code === undefined) {
      code = categories.length;
      categories.push(text);
      lookup.set(text, code);
    }
    codes[i] = code;
  }
  return { codes, categories };
}

/** The table with `name` replaced, in place, by `replacement` (any number of columns). */
export function replaceColumn(table: Table, name: string, replacement: Column[]): Table {
  const columns = table.columns.flatMap((c) => (c.name === name ? replacement : [c]));
  return { rowCount: table.rowCount, columns };
}

/** The table with `added` inserted right after the column `after` (at the end when null). */
export function insertColumns(table: Table, after: string | null, added: Column[], label: string): Table {
  for (const column of added) {
    if (hasColumn(table, column.name)) {
      throw new Error(`${label} would add the column "${column.name}", but the data already has a column of that name.`);
    }
  }
  if (after === null) return { rowCount: table.rowCount, columns: [...table.columns, ...added] };
  const columns = table.columns.flatMap((c) => (c.name === after ? [c, ...added] : [c]));
  return { rowCount: table.rowCount, columns };
}

export function withoutColumns(table: Table, names: ReadonlySet<string>): Table {
  return { rowCount: table.rowCount, columns: table.columns.filter((c) => !names.has(c.name)) };
}

/** The rows where `keep[i]` is 1, as a new table (columns copied only when a row goes). */
export function keepRows(table: Table, keep: Uint8Array): Table {
  let count = 0;
  for (let i = 0; i < keep.length; i++) count += keep[i];
  if (count === table.rowCount) return table;
  const index = new Int32Array(count);
  for (let i = 0, k = 0; i < keep.length; i++) if (keep[i]) index[k++] = i;
  return pickRows(table, index);
}

/** The rows `index` of a table, as a new table. */
export function pickRows(table: Table, index: ArrayLike<number>): Table {
  const n = index.length;
  const columns = table.columns.map((c): Column => {
    const missing = new Uint8Array(n);
    for (let i = 0; i < n; i++) missing[i] = c.missing[index[i]];
    const out: Column = { ...c, missing };
    if (c.values) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = c.values[index[i]];
      out.values = values;
    }
    if (c.codes) {
      const codes = new Uint32Array(n);
      for (let i = 0; i < n; i++) codes[i] = c.codes[index[i]];
      out.codes = codes;
    }
    return out;
  });
  return { rowCount: n, columns };
}
