/**
 * dropCorrelated: walks the numeric columns (of `columns`, default all) in order and drops each one
 * whose |Pearson r| with a column kept before it is above `threshold`, recording which column and
 * r. r is computed over the training rows where both values are present (pandas' DataFrame.corr);
 * a constant column correlates with nothing.
 */
import type { Column } from '../../data/table';
import type { DropCorrelatedStep } from '../prepareSteps';
import { dropSchema, stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, withoutColumns } from './tableColumns';

type Dropped = NonNullable<DropCorrelatedStep['fitted']>['dropped'][number];

export function pearson(x: Float64Array, y: Float64Array): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    n++;
    sx += x[i];
    sy += y[i];
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

export const dropCorrelated: PrepareStepImpl<DropCorrelatedStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    const candidates: Column[] = step.columns?.length ? step.columns.map((name) => findColumn(table, name, label)) : table.columns;
    const numeric = candidates.filter((c) => c.values);
    const kept: Column[] = [];
    const dropped: Dropped[] = [];
    for (const column of numeric) {
      let match: Dropped | null = null;
      for (const earlier of kept) {
        const r = pearson(earlier.values!, column.values!);
        if (Math.abs(r) > step.threshold) {
          match = { column: column.name, correlatedWith: earlier.name, r, reason: `correlated with ${earlier.name} (r = ${r.toFixed(3)})` };
          break;
        }
      }
      if (match) dropped.push(match);
      else kept.push(column);
    }
    const fitted = { rows: table.rowCount, dropped };
    return { fitted, table: withoutColumns(table, new Set(dropped.map((d) => d.column))) };
  },
  apply: (step, table) => withoutColumns(table, new Set(step.fitted.dropped.map((d) => d.column))),
  schema(step, schema) {
    if (step.fitted) return dropSchema(schema, new Set(step.fitted.dropped.map((d) => d.column)));
    const names = step.columns?.length ? step.columns : schema.columns.map((c) => c.name);
    return { ...schema, mayDrop: new Set([...schema.mayDrop, ...names]) };
  },
};
