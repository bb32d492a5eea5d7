/**
 * scale: (x - center) / scale with both learned from the training rows, as scikit-learn's scalers:
 * standard (mean, std ddof 0), minMax (min, max - min), robust (median, q3 - q1 with numpy's
 * linear percentiles). A scale of 0 becomes 1 (as sklearn's _handle_zeros_in_scale), so a constant
 * column becomes 0 instead of NaN. Missing values stay missing.
 */
import type { Table } from '../../data/table';
import type { ScaleStep } from '../prepareSteps';
import { median, moments, quantileSorted, sortedPresent } from './columnStats';
import { fitThenApply, mapSchema, stepLabel, type Fitted, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, numberColumn, numbersOf, replaceColumn } from './tableColumns';

export const scale: PrepareStepImpl<ScaleStep> = {
  fit(step, input) {
    const label = stepLabel(step);
    const center: number[] = [];
    const factor: number[] = [];
    for (const name of step.columns) {
      const values = numbersOf(findColumn(input.table, name, label), label);
      const [c, s] = learn(step.method, values);
      if (Number.isNaN(c)) throw new Error(`${label} cannot learn how to scale "${name}": every training value is missing.`);
      center.push(c);
      factor.push(s === 0 || !Number.isFinite(s) ? 1 : s);
    }
    return fitThenApply(scale, step, input, { rows: input.table.rowCount, center, scale: factor });
  },
  apply(step: Fitted<ScaleStep>, table: Table) {
    const label = stepLabel(step);
    let out = table;
    step.columns.forEach((name, c) => {
      const values = numbersOf(findColumn(out, name, label), label);
      const m = step.fitted.center[c];
      const s = step.fitted.scale[c];
      const scaled = new Float64Array(values.length);
      for (let r = 0; r < values.length; r++) scaled[r] = (values[r] - m) / s;
      out = replaceColumn(out, name, [numberColumn(name, scaled)]);
    });
    return out;
  },
  schema: (step, schema) => mapSchema(schema, (c) => (step.columns.includes(c.name) ? [{ name: c.name, type: 'numeric' }] : [c])),
};

function learn(method: ScaleStep['method'], values: Float64Array): [number, number] {
  if (method === 'standard') {
    const m = moments(values);
    return [m.mean, m.std];
  }
  if (method === 'minMax') {
    const m = moments(values);
    return [m.min, m.max - m.min];
  }
  const sorted = sortedPresent(values);
  return [median(sorted), quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)];
}
