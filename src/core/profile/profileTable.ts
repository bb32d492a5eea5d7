/**
 * Column profiles of a Table: types, counts and pandas-compatible statistics, as the
 * `profile` JSON of docs/interfaces.md (the CLI prints it, the UI draws it).
 *
 * Every number in the result is finite or null, so the result is always valid JSON.
 */
import { cellText, isCoded, type Column, type ColumnType, type Table } from '../data/table';
import { numericScratch, summarizeNumeric, type Histogram, type NumericScratch } from './numericSummary';
import { pearsonMatrix } from './pearson';
import { booleanTop, codedTop, TOP_VALUES, type ValueCount } from './topValues';

export type { Histogram } from './numericSummary';
export type { ValueCount } from './topValues';

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** Non-missing cells. */
  count: number;
  missing: number;
  /** Distinct non-missing values. */
  unique: number;
  /** Numeric only. `std` is the sample standard deviation (ddof 1). */
  mean?: number | null;
  std?: number | null;
  /** Numeric: numbers. Datetime: ISO strings (a date alone when the time is midnight UTC). */
  min?: number | string | null;
  max?: number | string | null;
  /** Numeric only; quartiles use linear interpolation (pandas' and numpy's default). */
  median?: number | null;
  q1?: number | null;
  q3?: number | null;
  /** Numeric only: 20 equal-width bins over [min, max]. */
  histogram?: Histogram;
  /** Categorical, text, identifier and boolean: the 10 most frequent values, ties by first appearance. */
  top?: ValueCount[];
}

export interface TableProfile {
  rows: number;
  columns: ColumnProfile[];
  /** Pearson correlation of the numeric columns, pairwise-complete like pandas; null where undefined. */
  correlations: { columns: string[]; pearson: (number | null)[][] };
}

export interface ProfileOptions {
  /** Correlate at most this many numeric columns (the first ones); the cost grows with its square. */
  maxCorrelationColumns?: number;
}

export const MAX_CORRELATION_COLUMNS = 50;

export function profileTable(table: Table, options: ProfileOptions = {}): TableProfile {
  const maxCorr = Math.max(0, options.maxCorrelationColumns ?? MAX_CORRELATION_COLUMNS);
  const scratch = table.columns.some((c) => !isCoded(c.type)) ? numericScratch(table.rowCount) : undefined;
  const columns = table.columns.map((c) => profileColumn(c, table.rowCount, scratch));
  const numeric: number[] = [];
  table.columns.forEach((c, j) => {
    if (c.type === 'numeric' && c.values && numeric.length < maxCorr) numeric.push(j);
  });
  const pearson = pearsonMatrix(
    numeric.map((j) => ({
      values: table.columns[j].values!,
      missing: table.columns[j].missing,
      mean: columns[j].mean,
    })),
  );
  return {
    rows: table.rowCount,
    columns,
    correlations: { columns: numeric.map((j) => table.columns[j].name), pearson },
  };
}

export function profileColumn(column: Column, rowCount: number, scratch?: NumericScratch): ColumnProfile {
  const base = { name: column.name, type: column.type };
  if (isCoded(column.type) && column.codes && column.categories) {
    const { count, unique, top } = codedTop(column.codes, column.missing, column.categories, TOP_VALUES);
    return { ...base, count, missing: rowCount - count, unique, top };
  }
  const values = column.values ?? new Float64Array(rowCount).fill(NaN);
  if (column.type === 'boolean') {
    const { count, unique, top } = booleanTop(values, column.missing);
    return { ...base, count, missing: rowCount - count, unique, top };
  }
  if (column.type === 'datetime') return datetimeProfile(column, values, rowCount, scratch);
  const s = summarizeNumeric(values, column.missing, scratch);
  return {
    ...base,
    count: s.count,
    missing: rowCount - s.count,
    unique: s.unique,
    mean: s.mean,
    std: s.std,
    min: s.min,
    max: s.max,
    median: s.median,
    q1: s.q1,
    q3: s.q3,
    histogram: s.histogram,
  };
}

function datetimeProfile(column: Column, values: Float64Array, rowCount: number, scratch?: NumericScratch): ColumnProfile {
  const s = summarizeNumeric(values, column.missing, scratch);
  let minRow = -1;
  let maxRow = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (column.missing[i] || !Number.isFinite(v)) continue;
    if (minRow < 0 || v < values[minRow]) minRow = i;
    if (maxRow < 0 || v > values[maxRow]) maxRow = i;
  }
  return {
    name: column.name,
    type: column.type,
    count: s.count,
    missing: rowCount - s.count,
    unique: s.unique,
    min: minRow < 0 ? null : cellText(column, minRow),
    max: maxRow < 0 ? null : cellText(column, maxRow),
  };
}
