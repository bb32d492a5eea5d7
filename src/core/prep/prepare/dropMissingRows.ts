/**
 * dropMissingRows: training rows with a missing value in the chosen columns (default any) go.
 * Prediction rows are never dropped; the encoding's impute step or the model handles their gaps.
 */
import type { DropMissingRowsStep } from '../prepareSteps';
import { stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, keepRows } from './tableColumns';

export const dropMissingRows: PrepareStepImpl<DropMissingRowsStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    const columns = step.columns?.length ? step.columns.map((name) => findColumn(table, name, label)) : table.columns;
    const keep = new Uint8Array(table.rowCount).fill(1);
    for (const c of columns) for (let r = 0; r < table.rowCount; r++) if (c.missing[r]) keep[r] = 0;
    let removed = 0;
    for (let r = 0; r < keep.length; r++) removed += 1 - keep[r];
    return { fitted: { rows: table.rowCount, removed }, table: keepRows(table, keep), keep };
  },
  apply: (_step, table) => table,
  schema: (_step, schema) => schema,
};
