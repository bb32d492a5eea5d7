/**
 * The profile of one column: counts for every type, pandas-compatible statistics for numbers,
 * range and timeline for datetimes, top values for categories. Every number is finite or null.
 */
import { isCoded, MISSING_CODE, type Column, type ColumnType } from '../data/table';
import type { BoxStats } from './boxStats';
import { isoDate } from './isoDate';
import { summarizeNumeric, type Histogram, type NumericScratch, type NumericSummary } from './numericSummary';
import { booleanTop, codedTop, TOP_VALUES, type ValueCount } from './topValues';

export interface Timeline {
  /** HISTOGRAM_BINS + 1 equal-width bin edges, as ISO text; the last bin includes the last date. */
  edges: string[];
  counts: number[];
}

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
  /** Numeric only: pandas' bias-corrected skew(); null under 3 values, 0 for a constant column. */
  skewness?: number | null;
  /** Numeric only: present values equal to zero. */
  zeros?: number;
  /** Numeric only: box-plot statistics with IQR outliers; null when the column has no values. */
  box?: BoxStats | null;
  /** Numeric only: 20 equal-width bins over [min, max]. */
  histogram?: Histogram;
  /** Datetime only: 20 equal-width bins over [min, max]. */
  timeline?: Timeline;
  /** Categorical, text, identifier and boolean: the 10 most frequent values, ties by first appearance. */
  top?: ValueCount[];
  /** Text only: mean length of the present values, in characters (code points, as Python's len). */
  meanLength?: number | null;
}

export function profileColumn(column: Column, rowCount: number, scratch?: NumericScratch): ColumnProfile {
  const base = { name: column.name, type: column.type };
  if (isCoded(column.type) && column.codes && column.categories) {
    const { count, unique, top } = codedTop(column.codes, column.missing, column.categories, TOP_VALUES);
    const profile: ColumnProfile = { ...base, count, missing: rowCount - count, unique, top };
    if (column.type === 'text') profile.meanLength = meanLength(column.codes, column.missing, column.categories);
    return profile;
  }
  const values = column.values ?? new Float64Array(rowCount).fill(NaN);
  if (column.type === 'boolean') {
    const { count, unique, top } = booleanTop(values, column.missing);
    return { ...base, count, missing: rowCount - count, unique, top };
  }
  const s = summarizeNumeric(values, column.missing, scratch);
  if (column.type === 'datetime') return datetimeProfile(column, rowCount, s);
  return numericProfile(column, rowCount, s);
}

export function numericProfile(column: Column, rowCount: number, s: NumericSummary): ColumnProfile {
  return {
    name: column.name,
    type: column.type,
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
    skewness: s.skewness,
    zeros: s.zeros,
    box: s.box,
    histogram: s.histogram,
  };
}

function datetimeProfile(column: Column, rowCount: number, s: NumericSummary): ColumnProfile {
  const { edges, counts } = s.histogram;
  return {
    name: column.name,
    type: column.type,
    count: s.count,
    missing: rowCount - s.count,
    unique: s.unique,
    min: s.min === null ? null : isoDate(s.min),
    max: s.max === null ? null : isoDate(s.max),
    timeline: { edges: edges.map((ms) => isoDate(ms)), counts },
  };
}

/** Mean length over rows, from per-category counts so each distinct string is measured once. */
function meanLength(codes: Uint32Array, missing: Uint8Array, categories: readonly string[]): number | null {
  const counts = new Float64Array(categories.length);
  let present = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (missing[i] || c === MISSING_CODE || c >= categories.length) continue;
    counts[c]++;
    present++;
  }
  if (present === 0) return null;
  let total = 0;
  categories.forEach((text, c) => {
    if (counts[c] > 0) total += counts[c] * codePoints(text);
  });
  return total / present;
}

function codePoints(text: string): number {
  let n = text.length;
  // Each surrogate pair is one character in Python's len(), two UTF-16 units here.
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
