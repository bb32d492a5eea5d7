/**
 * The default recipe for a table and target: which columns become inputs, and the steps
 * (impute everything, one-hot the categories, scale the numbers). Columns left out are listed
 * with the reason so the user can see and undo the choice.
 */
import type { Table } from '../data/table';
import { dropReason } from './dropReason';
import { encodingSteps } from './encodingSteps';
import type { PrepareStep } from './prepareSteps';
import type { DroppedColumn, Recipe } from './recipe';
import { suggestAfterPrepare } from './suggestAfterPrepare';

export interface SuggestOptions {
  /**
   * How categories become numbers: one 0/1 column per category (default; what linear models,
   * distances and networks need), or one ordinal column each (what trees split on fastest).
   */
  categories?: 'oneHot' | 'ordinal';
  /**
   * The person's prepare steps: the recipe keeps them, takes as inputs the columns they read, and
   * builds the encoding from the columns they leave (see suggestAfterPrepare).
   */
  prepare?: PrepareStep[];
}

export function suggestRecipe(table: Table, target: string, options: SuggestOptions = {}): Recipe {
  if (options.prepare?.some((s) => s.enabled)) return suggestAfterPrepare(table, target, options.prepare, options.categories ?? 'oneHot');
  const recipe = suggestEncoding(table, target, options.categories ?? 'oneHot');
  return options.prepare ? { ...recipe, prepare: structuredClone(options.prepare) } : recipe;
}

function suggestEncoding(table: Table, target: string, categories: 'oneHot' | 'ordinal'): Recipe {
  const features: string[] = [];
  const dropped: DroppedColumn[] = [];
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
  }
  return {
    version: 1,
    target,
    features,
    featureTypes: features.map((name) => table.columns.find((c) => c.name === name)!.type),
    dropped,
    steps: encodingSteps(features.map((name) => ({ name, type: table.columns.find((c) => c.name === name)!.type })), categories),
  };
}
