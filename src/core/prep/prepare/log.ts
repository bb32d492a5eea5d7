/**
 * log: log(1 + x). Refused at fitting when a training value is -1 or below (the log is undefined
 * there; yeoJohnson handles any sign); such a value in other data becomes missing.
 */
import type { Table } from '../../data/table';
import type { LogStep } from '../prepareSteps';
import { fitThenApply, mapSchema, stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, numberColumn, numbersOf, replaceColumn } from './tableColumns';

export const log: PrepareStepImpl<LogStep> = {
  fit(step, input) {
    const label = stepLabel(step);
    for (const name of step.columns) {
      const values = numbersOf(findColumn(input.table, name, label), label);
      let bad = 0;
      let worst = Infinity;
      for (const v of values) if (v <= -1) [bad, worst] = [bad + 1, Math.min(worst, v)];
      if (bad > 0) {
        throw new Error(`${label} cannot take log(1 + x) of "${name}": ${bad} training ${bad === 1 ? 'value is' : 'values are'} -1 or below (the lowest is ${worst}); use yeoJohnson instead.`);
      }
    }
    return fitThenApply(log, step, input, { rows: input.table.rowCount });
  },
  apply(step, table: Table) {
    const label = stepLabel(step);
    let out = table;
    for (const name of step.columns) {
      const values = numbersOf(findColumn(out, name, label), label);
      const logged = new Float64Array(values.length);
      for (let r = 0; r < values.length; r++) logged[r] = values[r] > -1 ? Math.log1p(values[r]) : NaN;
      out = replaceColumn(out, name, [numberColumn(name, logged)]);
    }
    return out;
  },
  schema: (step, schema) => mapSchema(schema, (c) => (step.columns.includes(c.name) ? [{ name: c.name, type: 'numeric' }] : [c])),
};
