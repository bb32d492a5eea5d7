/**
 * A column's present values read the way its drift reference needs them, whatever type the CSV
 * reader guessed for the new file: numbers from a column it read as text are parsed (as the recipe
 * does for predictions), categories from a number column are its display text.
 */
import { cellText, type Column, type ColumnType } from '../data/table';

export interface NumberReading {
  /** Present, readable values, sorted ascending. */
  sorted: Float64Array;
  /** Missing cells, unreadable ones included. */
  missing: number;
  /** Present cells that are not a value of the type, and the first of them. */
  unreadable: number;
  firstUnreadable?: string;
}

export interface CategoryReading {
  /** Distinct categories in order of first appearance, with their counts. */
  categories: string[];
  counts: number[];
  missing: number;
}

export function readNumbers(column: Column, rowCount: number, type: ColumnType): NumberReading {
  const present: number[] = [];
  let missing = 0;
  let unreadable = 0;
  let firstUnreadable: string | undefined;
  const parsed = column.values ? undefined : (column.categories ?? []).map((text) => parseValue(text, type));
  for (let r = 0; r < rowCount; r++) {
    if (column.missing[r]) {
      missing++;
      continue;
    }
    const v = column.values ? column.values[r] : parsed![column.codes![r]];
    if (Number.isFinite(v)) {
      present.push(v);
      continue;
    }
    missing++;
    unreadable++;
    firstUnreadable ??= cellText(column, r);
  }
  const sorted = Float64Array.from(present).sort();
  return { sorted, missing, unreadable, ...(firstUnreadable !== undefined ? { firstUnreadable } : {}) };
}

export function readCategories(column: Column, rowCount: number): CategoryReading {
  const index = new Map<string, number>();
  const categories: string[] = [];
  const counts: number[] = [];
  let missing = 0;
  const add = (text: string, count: number) => {
    let k = index.get(text);
    if (k === undefined) {
      index.set(text, (k = categories.length));
      categories.push(text);
      counts.push(0);
    }
    counts[k] += count;
  };
  const byCode = column.codes && column.categories ? new Float64Array(column.categories.length) : undefined;
  for (let r = 0; r < rowCount; r++) {
    if (column.missing[r]) {
      missing++;
      continue;
    }
    if (byCode) {
      byCode[column.codes![r]]++;
      continue;
    }
    add(cellText(column, r), 1);
  }
  if (byCode) {
    // The reader numbers codes by first appearance, so code order is the file's order; texts are
    // merged in case two codes spell the same category.
    byCode.forEach((count, code) => count > 0 && add(column.categories![code], count));
  }
  return { categories, counts, missing };
}

function parseValue(text: string, type: ColumnType): number {
  const t = text.trim();
  if (t === '') return NaN;
  if (type === 'datetime') return Date.parse(t);
  if (type === 'boolean') {
    const lower = t.toLowerCase();
    if (lower === 'true') return 1;
    if (lower === 'false') return 0;
  }
  return Number(t);
}
