/**
 * One column's drift reference: a numeric sketch (numbers, datetimes, booleans) or the counts of
 * its most frequent categories (categories, text, identifiers).
 */
import type { Column, ColumnType } from '../data/table';
import type { CategoricalReference, ColumnReference, NumericReference } from './driftTypes';
import { readCategories, readNumbers } from './readColumn';
import { sketchNumbers } from './sketchNumbers';

/** Categories kept per column; the rest are counted together as "other". */
export const MAX_CATEGORIES = 200;
/** Longer category texts (free text, not categories) are counted as "other" rather than stored. */
export const MAX_CATEGORY_LENGTH = 1000;

export interface SummaryLimits {
  /** Sketch points for the KS test. */
  points: number;
  /** Characters of category text, all kept categories together. */
  categoryText: number;
}

export function isNumericType(type: ColumnType): boolean {
  return type === 'numeric' || type === 'datetime' || type === 'boolean';
}

export function summariseColumn(name: string, column: Column, rowCount: number, type: ColumnType, limits: SummaryLimits): ColumnReference {
  if (isNumericType(type)) {
    const reading = readNumbers(column, rowCount, type);
    const summary: NumericReference = {
      name,
      kind: 'numeric',
      type,
      count: reading.sorted.length,
      missing: reading.missing,
      ...sketchNumbers(reading.sorted, limits.points, type),
    };
    return summary;
  }
  const reading = readCategories(column, rowCount);
  const order = reading.categories.map((_, k) => k).sort((a, b) => reading.counts[b] - reading.counts[a]);
  const summary: CategoricalReference = { name, kind: 'categorical', type, count: 0, missing: reading.missing, categories: [], counts: [], other: 0 };
  let text = 0;
  for (const k of order) {
    const category = reading.categories[k];
    const count = reading.counts[k];
    summary.count += count;
    const fits = summary.categories.length < MAX_CATEGORIES && category.length <= MAX_CATEGORY_LENGTH && text + category.length <= limits.categoryText;
    if (fits) {
      summary.categories.push(category);
      summary.counts.push(count);
      text += category.length;
    } else {
      summary.other += count;
    }
  }
  return summary;
}
