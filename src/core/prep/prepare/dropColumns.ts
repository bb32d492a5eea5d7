/**
 * dropColumns: the columns listed go, and with `missingAbove` so does every column whose share of
 * missing training values is higher (the decision is fitted, so prediction drops the same ones).
 */
import type { DropColumnsStep, DroppedBecause } from '../prepareSteps';
import { dropSchema, type PrepareStepImpl } from './prepareStepImpl';
import { withoutColumns } from './tableColumns';

export const dropColumns: PrepareStepImpl<DropColumnsStep> = {
  fit(step, { table }) {
    // A listed column the data lacks is fine: the recipe does not ask prediction files for columns it drops.
    const dropped: DroppedBecause[] = step.columns.map((column, c) => ({ column, reason: step.reasons?.[c] ?? 'dropped by choice' }));
    if (step.missingAbove !== undefined) {
      for (const column of table.columns) {
        if (step.columns.includes(column.name)) continue;
        let missing = 0;
        for (let i = 0; i < column.missing.length; i++) missing += column.missing[i];
        const share = table.rowCount > 0 ? missing / table.rowCount : 0;
        if (share > step.missingAbove) dropped.push({ column: column.name, reason: `${percent(share)} missing` });
      }
    }
    const fitted = { rows: table.rowCount, dropped };
    return { fitted, table: withoutColumns(table, new Set(dropped.map((d) => d.column))) };
  },
  apply(step, table) {
    // Gone already is fine at prediction: a file may simply lack a column the recipe drops.
    return withoutColumns(table, new Set(step.fitted.dropped.map((d) => d.column)));
  },
  schema(step, schema) {
    const out = dropSchema(schema, new Set(step.fitted ? step.fitted.dropped.map((d) => d.column) : step.columns));
    if (step.fitted || step.missingAbove === undefined) return out;
    return { ...out, mayDrop: new Set([...out.mayDrop, ...out.columns.map((c) => c.name)]) };
  },
};

export function percent(share: number): string {
  const p = share * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}
