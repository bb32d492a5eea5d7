/**
 * outliers: bounds learned from the training rows, by IQR (q1 - k*IQR, q3 + k*IQR with numpy's
 * linear percentiles) or z-score (mean -/+ k*std, ddof 0, as scipy.stats.zscore). `clip` clamps
 * every table to the fitted bounds; `remove` drops the training rows outside them and leaves
 * prediction rows alone (each still needs its answer). Missing values are neither.
 */
import type { Table } from '../../data/table';
import type { OutliersStep } from '../prepareSteps';
import { moments, quantileSorted, sortedPresent } from './columnStats';
import { stepLabel, type Fitted, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, keepRows, numberColumn, numbersOf, replaceColumn } from './tableColumns';

export const outliers: PrepareStepImpl<OutliersStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    const low: number[] = [];
    const high: number[] = [];
    const outside: number[] = [];
    const keep = new Uint8Array(table.rowCount).fill(1);
    for (const name of step.columns) {
      const values = numbersOf(findColumn(table, name, label), label);
      const [lo, hi] = bounds(step, values);
      if (Number.isNaN(lo)) throw new Error(`${label} cannot learn bounds for "${name}": every training value is missing.`);
      low.push(lo);
      high.push(hi);
      let n = 0;
      for (let r = 0; r < values.length; r++) {
        if (values[r] < lo || values[r] > hi) {
          n++;
          keep[r] = 0;
        }
      }
      outside.push(n);
    }
    if (step.action === 'clip') {
      const fitted = { rows: table.rowCount, low, high, outside, removed: 0 };
      return { fitted, table: outliers.apply({ ...step, fitted }, table) };
    }
    let removed = 0;
    for (let r = 0; r < keep.length; r++) removed += 1 - keep[r];
    return { fitted: { rows: table.rowCount, low, high, outside, removed }, table: keepRows(table, keep), keep };
  },
  apply(step: Fitted<OutliersStep>, table: Table) {
    if (step.action === 'remove') return table;
    const label = stepLabel(step);
    let out = table;
    step.columns.forEach((name, c) => {
      const column = findColumn(out, name, label);
      const values = numbersOf(column, label);
      const lo = step.fitted.low[c];
      const hi = step.fitted.high[c];
      const clipped = new Float64Array(values.length);
      for (let r = 0; r < values.length; r++) {
        const v = values[r];
        clipped[r] = v < lo ? lo : v > hi ? hi : v;
      }
      out = replaceColumn(out, name, [numberColumn(name, clipped, column.type)]);
    });
    return out;
  },
  schema: (_step, schema) => schema,
};

function bounds(step: OutliersStep, values: Float64Array): [number, number] {
  if (step.method === 'zscore') {
    const m = moments(values);
    return [m.mean - step.k * m.std, m.mean + step.k * m.std];
  }
  const sorted = sortedPresent(values);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  return [q1 - step.k * iqr, q3 + step.k * iqr];
}
