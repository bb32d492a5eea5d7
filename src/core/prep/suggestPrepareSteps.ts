/**
 * The default preparation as editable steps, for a person who wants to start from it: leave out
 * the columns a model cannot use (with the reason), then fill missing numbers with the median and
 * missing categories with the most frequent value. Each model still adds its own encoding and
 * scaling after these steps.
 */
import type { Table } from '../data/table';
import { dropReason } from './dropReason';
import type { PrepareStep } from './prepareSteps';

export function suggestPrepareSteps(table: Table, target: string | null): PrepareStep[] {
  const dropped: string[] = [];
  const reasons: string[] = [];
  const numbers: string[] = [];
  const categories: string[] = [];
  for (const column of table.columns) {
    if (column.name === target) continue;
    const reason = dropReason(column, table.rowCount);
    if (reason) {
      dropped.push(column.name);
      reasons.push(reason);
    } else if (column.type === 'categorical' || column.type === 'boolean') categories.push(column.name);
    else numbers.push(column.name);
  }
  const steps: PrepareStep[] = [];
  if (dropped.length > 0) steps.push({ id: 'suggested-1', kind: 'dropColumns', enabled: true, columns: dropped, reasons });
  if (numbers.length > 0) steps.push({ id: 'suggested-2', kind: 'impute', enabled: true, columns: numbers, strategy: 'median' });
  if (categories.length > 0) steps.push({ id: 'suggested-3', kind: 'impute', enabled: true, columns: categories, strategy: 'mostFrequent' });
  return steps;
}
