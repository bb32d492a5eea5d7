/**
 * dropDuplicates: of training rows equal on the chosen columns (default all; missing equals missing,
 * as pandas' drop_duplicates), keeps the first. Prediction rows are never dropped: each needs its answer.
 */
import type { Column } from '../../data/table';
import type { DropDuplicatesStep } from '../prepareSteps';
import { stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, keepRows } from './tableColumns';

export const dropDuplicates: PrepareStepImpl<DropDuplicatesStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    const columns = step.columns?.length ? step.columns.map((name) => findColumn(table, name, label)) : table.columns;
    const keep = new Uint8Array(table.rowCount);
    const seen = new Set<string>();
    let removed = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const key = rowKey(columns, r);
      if (seen.has(key)) {
        removed++;
        continue;
      }
      seen.add(key);
      keep[r] = 1;
    }
    return { fitted: { rows: table.rowCount, removed }, table: keepRows(table, keep), keep };
  },
  apply: (_step, table) => table,
  schema: (_step, schema) => schema,
};

/** One string per row that is equal exactly when the cells are (codes are unique within a column's dictionary). */
function rowKey(columns: Column[], r: number): string {
  let key = '';
  for (const c of columns) {
    if (c.missing[r]) key += '\u0000;';
    else if (c.codes) key += c.codes[r] + ';';
    else key += c.values![r] + ';';
  }
  return key;
}
