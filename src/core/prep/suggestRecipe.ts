/**
 * The default recipe for a table and target: which columns become inputs, and the steps
 * (impute everything, one-hot the categories, scale the numbers). Columns left out are listed
 * with the reason so the user can see and undo the choice.
 */
import { countMissing, MISSING_CODE, type Column, type Table } from '../data/table';
import type { DroppedColumn, Recipe, RecipeStep } from './recipe';

export interface SuggestOptions {
  /**
   * How categories become numbers: one 0/1 column per category (default; what linear models,
   * distances and networks need), or one ordinal column each (what trees split on fastest).
   */
  categories?: 'oneHot' | 'ordinal';
}

export function suggestRecipe(table: Table, target: string, options: SuggestOptions = {}): Recipe {
  const features: string[] = [];
  const dropped: DroppedColumn[] = [];
  const categorical: string[] = [];
  const numeric: string[] = [];
  for (const column of table.columns) {
    if (column.name === target) continue;
    const reason = dropReason(column, table.rowCount);
    if (reason) {
      dropped.push({ column: column.name, reason });
      continue;
    }
    if (features.includes(column.name)) {
      dropped.push({ column: column.name, reason: 'another column has the same name' });
      continue;
    }
    features.push(column.name);
    if (column.type === 'categorical' || column.type === 'boolean') categorical.push(column.name);
    else numeric.push(column.name); // numeric, and datetime as epoch milliseconds
  }
  const steps: RecipeStep[] = [];
  // Impute every feature even without gaps in training: prediction files may have them.
  if (features.length > 0) steps.push({ kind: 'impute', columns: features.slice() });
  if (categorical.length > 0) steps.push({ kind: options.categories ?? 'oneHot', columns: categorical });
  if (numeric.length > 0) steps.push({ kind: 'standardScale', columns: numeric });
  return {
    version: 1,
    target,
    features,
    featureTypes: features.map((name) => table.columns.find((c) => c.name === name)!.type),
    dropped,
    steps,
  };
}

function dropReason(column: Column, rows: number): string | null {
  if (column.type === 'identifier') return 'an identifier: its values are unique per row and do not generalise';
  if (column.type === 'text') return 'free text: the default recipe does not use it';
  if (countMissing(column) === rows) return 'every value is missing';
  if (isConstant(column)) return 'it holds a single value, so it cannot inform a prediction';
  return null;
}

function isConstant(column: Column): boolean {
  let first: number | undefined;
  for (let r = 0; r < column.missing.length; r++) {
    if (column.missing[r]) continue;
    const v = column.codes ? column.codes[r] : column.values![r];
    if (column.codes && v === MISSING_CODE) continue;
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return true;
}
