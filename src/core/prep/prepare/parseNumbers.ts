/**
 * parseNumbers: text such as "1,234.5" or "1.234,5" to numbers. The thousands separator is removed,
 * the decimal mark read as a point, and what is left must be a plain decimal number (sign, digits,
 * point, exponent); anything else becomes missing and is counted, never guessed. A column the
 * reader already read as numbers is kept as it is: its text is gone and reparsing would change it.
 */
import type { Column } from '../../data/table';
import type { ParseNumbersStep } from '../prepareSteps';
import { mapSchema, stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, numberColumn, replaceColumn } from './tableColumns';

/** The same pattern the exported Python script uses, so both read the same cells as numbers. */
export const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumberText(text: string, thousands: string, decimal: string): number {
  let t = text.trim();
  if (thousands !== '') t = t.split(thousands).join('');
  if (decimal !== '.') t = t.split(decimal).join('.');
  return PLAIN_NUMBER.test(t) ? Number(t) : NaN;
}

export const parseNumbers: PrepareStepImpl<ParseNumbersStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    let out = table;
    const failed: number[] = [];
    for (const name of step.columns) {
      const { column, failures } = parsed(step, findColumn(out, name, label));
      failed.push(failures);
      out = replaceColumn(out, name, [column]);
    }
    return { fitted: { rows: table.rowCount, failed }, table: out };
  },
  apply(step, table) {
    const label = stepLabel(step);
    let out = table;
    for (const name of step.columns) out = replaceColumn(out, name, [parsed(step, findColumn(out, name, label)).column]);
    return out;
  },
  schema: (step, schema) => mapSchema(schema, (c) => (step.columns.includes(c.name) ? [{ name: c.name, type: 'numeric' }] : [c])),
};

function parsed(step: ParseNumbersStep, column: Column): { column: Column; failures: number } {
  if (column.values) return { column: column.type === 'numeric' ? column : { ...column, type: 'numeric' }, failures: 0 };
  const categories = column.categories!;
  const codes = column.codes!;
  const byCode = categories.map((text) => parseNumberText(text, step.thousands, step.decimal));
  const values = new Float64Array(codes.length);
  let failures = 0;
  for (let r = 0; r < codes.length; r++) {
    if (column.missing[r]) {
      values[r] = NaN;
      continue;
    }
    const v = byCode[codes[r]];
    if (Number.isNaN(v)) failures++;
    values[r] = v;
  }
  return { column: numberColumn(column.name, values), failures };
}
