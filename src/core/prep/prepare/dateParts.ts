/**
 * dateParts: `<column>_year`, `_month`, `_day`, `_weekday` (0 = Monday, as pandas' dayofweek) and
 * `_hour` from a datetime column, in UTC (the studio reads times without a zone as UTC), placed
 * after the column; `dropOriginal` removes the datetime itself. Missing dates give missing parts.
 */
import type { Table } from '../../data/table';
import type { DatePart, DatePartsStep } from '../prepareSteps';
import { fitThenApply, mapSchema, stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, numberColumn, replaceColumn } from './tableColumns';

export function datePartName(column: string, part: DatePart): string {
  return `${column}_${part}`;
}

/** The part of a UTC epoch-millisecond time, by arithmetic (a Date per cell costs ten times more on a million rows). */
export function datePart(ms: number, part: DatePart): number {
  if (Number.isNaN(ms)) return NaN;
  const days = Math.floor(ms / 86_400_000);
  if (part === 'hour') return Math.floor((ms - days * 86_400_000) / 3_600_000);
  // 1970-01-01 was a Thursday, weekday 3 when Monday is 0.
  if (part === 'weekday') return (((days + 3) % 7) + 7) % 7;
  const { year, month, day } = civilFromDays(days);
  return part === 'year' ? year : part === 'month' ? month : day;
}

/** The proleptic Gregorian date of a day number (days from 1970-01-01); Howard Hinnant's algorithm. */
function civilFromDays(z: number): { year: number; month: number; day: number } {
  const shifted = z + 719468;
  const era = Math.floor(shifted / 146097);
  const doe = shifted - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export const dateParts: PrepareStepImpl<DatePartsStep> = {
  fit: (step, input) => fitThenApply(dateParts, step, input, { rows: input.table.rowCount }),
  apply(step, table: Table) {
    const label = stepLabel(step);
    let out = table;
    for (const name of step.columns) {
      const column = findColumn(out, name, label);
      if (column.type !== 'datetime' || !column.values) {
        throw new Error(`${label} needs a datetime column, but "${name}" holds ${column.type} values; parse it with parseDates first.`);
      }
      const values = column.values;
      const parts = step.parts.map((part) => {
        const v = new Float64Array(values.length);
        for (let r = 0; r < values.length; r++) v[r] = datePart(values[r], part);
        return numberColumn(datePartName(name, part), v);
      });
      for (const p of parts) if (out.columns.some((c) => c.name === p.name)) throw new Error(`${label} would add the column "${p.name}", but the data already has a column of that name.`);
      out = replaceColumn(out, name, step.dropOriginal ? parts : [column, ...parts]);
    }
    return out;
  },
  schema: (step, schema) =>
    mapSchema(schema, (c) => {
      if (!step.columns.includes(c.name)) return [c];
      const parts = step.parts.map((part) => ({ name: datePartName(c.name, part), type: 'numeric' as const }));
      return step.dropOriginal ? parts : [c, ...parts];
    }),
};
