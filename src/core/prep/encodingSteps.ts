/** The model's default encoding of a set of columns, per their types. */
import type { ColumnType } from '../data/table';
import type { SchemaColumn } from './prepare/prepareStepImpl';
import type { RecipeStep } from './recipe';

/** Impute every column, one-hot (or ordinal) the categories and booleans, scale the numbers and dates. */
export function encodingSteps(columns: readonly SchemaColumn[], categories: 'oneHot' | 'ordinal'): RecipeStep[] {
  const categorical = columns.filter((c) => isCategoryType(c.type)).map((c) => c.name);
  const numeric = columns.filter((c) => !isCategoryType(c.type)).map((c) => c.name);
  const steps: RecipeStep[] = [];
  // Impute every feature even without gaps in training: prediction files may have them.
  if (columns.length > 0) steps.push({ kind: 'impute', columns: columns.map((c) => c.name) });
  if (categorical.length > 0) steps.push({ kind: categories, columns: categorical });
  if (numeric.length > 0) steps.push({ kind: 'standardScale', columns: numeric });
  return steps;
}

function isCategoryType(type: ColumnType): boolean {
  return type === 'categorical' || type === 'boolean';
}
