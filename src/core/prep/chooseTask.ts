/**
 * The `train --task auto` rule, kept simple so it can be stated in one line:
 * classification when the target column is categorical, boolean, text or an identifier, or when
 * it is numeric with at most 20 distinct values that are all whole numbers; regression otherwise.
 */
import type { Column } from '../data/table';

export const MAX_INTEGER_CLASSES = 20;

export type SupervisedTask = 'classification' | 'regression';

export function chooseTask(column: Column): SupervisedTask {
  if (column.type !== 'numeric' || !column.values) return column.type === 'datetime' ? 'regression' : 'classification';
  const distinct = new Set<number>();
  const { values, missing } = column;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (missing[i] || Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return 'regression';
    distinct.add(v);
    if (distinct.size > MAX_INTEGER_CLASSES) return 'regression';
  }
  return 'classification';
}
