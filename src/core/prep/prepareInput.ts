/**
 * The table the prepare steps start from: the recipe's features only (so a prediction file's extra
 * columns, the target included, can never reach a step), each in the type it had in training. A
 * prediction file whose reader guessed another type for a column (numbers read as text, or the
 * reverse) is converted back; cells that cannot be read in the training type become missing.
 */
import { parseIsoDate } from '../data/parseCell';
import { isCoded, type Column, type ColumnType, type Table } from '../data/table';
import { categoriesOf, numberColumn, pickRows } from './prepare/tableColumns';
import type { Recipe } from './recipe';
import { findFeatureColumn } from './workFrame';

export function prepareInput(recipe: Recipe, table: Table, rows?: ArrayLike<number>): Table {
  const columns = recipe.features.map((name, f) => {
    const column = findFeatureColumn(table, name);
    return inType(column, recipe.featureTypes?.[f] ?? column.type);
  });
  const input: Table = { rowCount: table.rowCount, columns };
  return rows ? pickRows(input, rows) : input;
}

function inType(column: Column, trained: ColumnType): Column {
  if (column.type === trained) return column;
  if (isCoded(trained)) {
    if (column.codes) return { ...column, type: trained };
    const { codes, categories } = categoriesOf(column);
    const missing = Uint8Array.from(codes, (c) => (c === 0xffffffff ? 1 : 0));
    return { name: column.name, type: trained, inferredType: column.inferredType, codes, categories, missing };
  }
  if (column.values) return { ...column, type: trained };
  const parsed = column.categories!.map((text) => readAs(text.trim(), trained));
  const values = Float64Array.from(column.codes!, (code, r) => (column.missing[r] ? NaN : parsed[code]));
  return { ...numberColumn(column.name, values, trained), inferredType: column.inferredType };
}

function readAs(text: string, type: ColumnType): number {
  if (text === '') return NaN;
  if (type === 'datetime') return parseIsoDate(text, 0, text.length);
  if (type === 'boolean') {
    const lower = text.toLowerCase();
    return lower === 'true' || lower === 'yes' || lower === '1' ? 1 : lower === 'false' || lower === 'no' || lower === '0' ? 0 : NaN;
  }
  const v = Number(text);
  return Number.isFinite(v) ? v : NaN;
}
