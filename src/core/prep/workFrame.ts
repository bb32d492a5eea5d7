/**
 * The working state a recipe transforms: the feature columns of the chosen rows, each either
 * numbers (NaN = missing) or dictionary codes (MISSING_CODE = missing).
 *
 * Whether a feature is a number or a category is decided by the recipe (a column consumed by a
 * oneHot step is a category), not by the table, so a prediction file whose reader inferred a
 * different type for a column still goes through the same steps.
 */
import { cellText, columnIndex, isCoded, MISSING_CODE, type Column, type ColumnType, type Table } from '../data/table';
import { categoricalFeatures, type Recipe } from './recipe';

export type WorkColumn =
  | { name: string; kind: 'number'; values: Float64Array }
  | { name: string; kind: 'category'; codes: Uint32Array; categories: string[] };

export interface WorkFrame {
  rows: number;
  columns: WorkColumn[];
}

export function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** The table column a feature reads from; prediction files are matched by name, in any order. */
export function findFeatureColumn(table: Table, name: string): Column {
  const i = columnIndex(table, name);
  if (i < 0) throw new Error(`The data has no column "${name}", which the recipe needs as an input.`);
  return table.columns[i];
}

/**
 * The frame of a prepared table (every row, every column: the prepare steps already chose them).
 * The types are the prepared table's own, which the fitted steps fix, so training and prediction agree.
 */
export function buildPreparedFrame(recipe: Recipe, prepared: Table): WorkFrame {
  const categorical = categoricalFeatures(recipe);
  const rows = allRows(prepared.rowCount);
  const columns = prepared.columns.map((column): WorkColumn => {
    const name = column.name;
    if (categorical.has(name)) return { name, kind: 'category', ...categoryCodes(column, rows) };
    // Every row, in order: a plain copy (the steps write into the frame), missing cells made NaN.
    if (column.values) {
      const values = column.values.slice();
      const missing = column.missing;
      for (let r = 0; r < values.length; r++) if (missing[r]) values[r] = NaN;
      return { name, kind: 'number', values };
    }
    return { name, kind: 'number', values: numberValues(column, rows, column.type) };
  });
  return { rows: prepared.rowCount, columns };
}

export function buildFrame(recipe: Recipe, table: Table, rows: ArrayLike<number>): WorkFrame {
  const categorical = categoricalFeatures(recipe);
  const columns = recipe.features.map((name, f): WorkColumn => {
    const column = findFeatureColumn(table, name);
    const trainedType = recipe.featureTypes?.[f] ?? column.type;
    return categorical.has(name)
      ? { name, kind: 'category', ...categoryCodes(column, rows) }
      : { name, kind: 'number', values: numberValues(column, rows, trainedType) };
  });
  return { rows: rows.length, columns };
}

/** Codes for a category feature; number-valued columns get a dictionary of their display text. */
function categoryCodes(column: Column, rows: ArrayLike<number>): { codes: Uint32Array; categories: string[] } {
  const codes = new Uint32Array(rows.length);
  if (column.codes && column.categories) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      codes[i] = column.missing[r] ? MISSING_CODE : column.codes[r];
    }
    // Shared with the table, never mutated: a step that needs a new category copies it.
    return { codes, categories: column.categories };
  }
  const lookup = new Map<string, number>();
  const categories: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (column.missing[r]) {
      codes[i] = MISSING_CODE;
      continue;
    }
    const text = cellText(column, r);
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

/** Values for a numeric feature; a dictionary column (a reader's different guess) is parsed. */
function numberValues(column: Column, rows: ArrayLike<number>, trainedType: ColumnType): Float64Array {
  const values = new Float64Array(rows.length);
  if (column.values) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      values[i] = column.missing[r] ? NaN : column.values[r];
    }
    return values;
  }
  if (!column.codes || !column.categories || !isCoded(column.type)) {
    throw new Error(`Column "${column.name}" has no values to read.`);
  }
  const parsed = column.categories.map((text) => parseNumber(text, trainedType));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (column.missing[r]) {
      values[i] = NaN;
      continue;
    }
    const v = parsed[column.codes[r]];
    if (Number.isNaN(v)) {
      const text = column.categories[column.codes[r]];
      const hint =
        trainedType === 'categorical' || trainedType === 'text' || trainedType === 'identifier'
          ? ' List it in a oneHot step or leave it out of the features.'
          : '';
      throw new Error(`Column "${column.name}" is used as a number, but row ${r + 1} holds ${JSON.stringify(text)}.${hint}`);
    }
    values[i] = v;
  }
  return values;
}

function parseNumber(text: string, type: ColumnType): number {
  const t = text.trim();
  if (t === '') return NaN;
  if (type === 'datetime') {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return ms;
  }
  if (type === 'boolean') {
    const lower = t.toLowerCase();
    if (lower === 'true') return 1;
    if (lower === 'false') return 0;
  }
  return Number(t);
}

export function frameColumnIndex(frame: WorkFrame, name: string, stepLabel: string): number {
  const i = frame.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`${stepLabel} refers to column "${name}", which is not among the recipe's columns at that point.`);
  return i;
}
