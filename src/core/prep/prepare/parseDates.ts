/**
 * parseDates: text to datetimes (UTC epoch milliseconds) with an explicit format of YYYY, MM, DD,
 * HH, mm, ss and literal characters, read like Python's strptime (%Y %m %d %H %M %S): one or two
 * digits for the two-letter fields, a space matches any run of whitespace, the whole cell must
 * match and the date must exist (no 31 February). Cells that do not become missing and are counted.
 */
import { daysFromCivil } from '../../data/parseCell';
import { MISSING_CODE, type Column } from '../../data/table';
import type { ParseDatesStep } from '../prepareSteps';
import { mapSchema, stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { categoriesOf, findColumn, numberColumn, replaceColumn } from './tableColumns';

/** Each token and the pattern strptime uses for it (CPython's _strptime.TimeRE). */
export const DATE_TOKENS: ReadonlyArray<{ token: string; field: DateField; pattern: string }> = [
  { token: 'YYYY', field: 'year', pattern: '\\d\\d\\d\\d' },
  { token: 'MM', field: 'month', pattern: '1[0-2]|0[1-9]|[1-9]' },
  { token: 'DD', field: 'day', pattern: '3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]' },
  { token: 'HH', field: 'hour', pattern: '2[0-3]|[0-1]\\d|\\d' },
  { token: 'mm', field: 'minute', pattern: '[0-5]\\d|\\d' },
  { token: 'ss', field: 'second', pattern: '6[0-1]|[0-5]\\d|\\d' },
];
export type DateField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

export interface DateFormat {
  /** A regular expression source with one capture group per field, in `fields` order. */
  source: string;
  fields: DateField[];
}

/** Compiles a format; throws a sentence when it lacks a year, month or day or repeats a field. */
export function compileDateFormat(format: string, label = 'The parseDates step'): DateFormat {
  let source = '';
  const fields: DateField[] = [];
  let i = 0;
  while (i < format.length) {
    const token = DATE_TOKENS.find((t) => format.startsWith(t.token, i));
    if (token) {
      if (fields.includes(token.field)) throw new Error(`${label} has the format "${format}", which gives ${token.token} twice.`);
      fields.push(token.field);
      source += `(${token.pattern})`;
      i += token.token.length;
      continue;
    }
    const ch = format[i];
    source += /\s/.test(ch) ? '\\s+' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    i++;
  }
  for (const needed of ['year', 'month', 'day'] as const) {
    if (!fields.includes(needed)) throw new Error(`${label} has the format "${format}", which lacks ${needed === 'year' ? 'YYYY' : needed === 'month' ? 'MM' : 'DD'}.`);
  }
  return { source, fields };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function parseDateText(text: string, format: DateFormat, regex = new RegExp(`^(?:${format.source})$`, 'i')): number {
  const match = regex.exec(text.trim());
  if (!match) return NaN;
  const f = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  format.fields.forEach((field, k) => (f[field] = Number(match[k + 1].trim())));
  if (f.day > daysInMonth(f.year, f.month) || f.second > 59) return NaN;
  return daysFromCivil(f.year, f.month, f.day) * 86_400_000 + f.hour * 3_600_000 + f.minute * 60_000 + f.second * 1000;
}

export const parseDates: PrepareStepImpl<ParseDatesStep> = {
  fit(step, { table }) {
    const label = stepLabel(step);
    const format = compileDateFormat(step.format, label);
    let out = table;
    const failed: number[] = [];
    for (const name of step.columns) {
      const { column, failures } = parsed(format, findColumn(out, name, label));
      failed.push(failures);
      out = replaceColumn(out, name, [column]);
    }
    return { fitted: { rows: table.rowCount, failed }, table: out };
  },
  apply(step, table) {
    const label = stepLabel(step);
    const format = compileDateFormat(step.format, label);
    let out = table;
    for (const name of step.columns) out = replaceColumn(out, name, [parsed(format, findColumn(out, name, label)).column]);
    return out;
  },
  schema: (step, schema) => mapSchema(schema, (c) => (step.columns.includes(c.name) ? [{ name: c.name, type: 'datetime' }] : [c])),
};

/** A column already read as datetimes is kept; numbers (such as 20200131) are read from their text. */
function parsed(format: DateFormat, column: Column): { column: Column; failures: number } {
  if (column.type === 'datetime') return { column, failures: 0 };
  const regex = new RegExp(`^(?:${format.source})$`, 'i');
  const { codes, categories } = categoriesOf(column);
  const byCode = categories.map((text) => parseDateText(text, format, regex));
  const values = new Float64Array(codes.length);
  let failures = 0;
  for (let r = 0; r < codes.length; r++) {
    if (codes[r] === MISSING_CODE) {
      values[r] = NaN;
      continue;
    }
    const v = byCode[codes[r]];
    if (Number.isNaN(v)) failures++;
    values[r] = v;
  }
  return { column: numberColumn(column.name, values, 'datetime'), failures };
}
