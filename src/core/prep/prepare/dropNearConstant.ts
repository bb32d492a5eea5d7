/**
 * dropNearConstant: drops each column (of `columns`, default all) where one value fills at least
 * `threshold` of the training rows, missing counted as a value of its own. The decision and its
 * reason are fitted, so prediction drops the same columns whatever its own values.
 */
import { MISSING_CODE, type Column } from '../../data/table';
import type { DropNearConstantStep, DroppedBecause } from '../prepareSteps';
import { percent } from './dropColumns';
import { dropSchema, stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { categoriesOf, findColumn, withoutColumns } from './tableColumns';

export const dropNearConstant: PrepareStepImpl<DropNearConstantStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    const candidates = step.columns?.length ? step.columns.map((name) => findColumn(table, name, label)) : table.columns;
    const dropped: DroppedBecause[] = [];
    for (const column of candidates) {
      const top = mostCommon(column);
      const share = table.rowCount > 0 ? top.count / table.rowCount : 1;
      if (share < step.threshold) continue;
      const what = top.value === null ? 'a missing value' : JSON.stringify(top.value);
      dropped.push({ column: column.name, reason: share === 1 ? `every training row holds ${what}` : `${percent(share)} of training rows hold ${what}` });
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

function mostCommon(column: Column): { value: string | null; count: number } {
  const { codes, categories } = categoriesOf(column);
  const counts = new Float64Array(categories.length + 1);
  for (let r = 0; r < codes.length; r++) counts[codes[r] === MISSING_CODE ? categories.length : codes[r]]++;
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return { value: best === categories.length ? null : categories[best], count: counts[best] };
}
