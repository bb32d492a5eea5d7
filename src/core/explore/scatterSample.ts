/**
 * The points of a scatter matrix: one seeded uniform sample of rows shared by every chosen column,
 * so each panel shows the same rows and a million-row table still draws at most `maxPoints`.
 */
import { columnIndex, MISSING_CODE, type Table } from '../data/table';
import { sampleRows } from './sampleRows';

export interface ScatterSample {
  columns: string[];
  /** The sampled row indices, ascending. */
  rows: Int32Array;
  /**
   * Per column, per sampled row: the number (datetimes as epoch ms, booleans 0/1; for categorical,
   * text and identifier columns the index into `categories`), or null where missing.
   */
  values: (number | null)[][];
  /** Per column: the category texts its values index, or null for number-valued columns. */
  categories: (string[] | null)[];
}

export const SCATTER_POINTS = 2000;

export function scatterSample(table: Table, columns: string[], maxPoints = SCATTER_POINTS, seed = 0): ScatterSample {
  const picked = columns.map((name) => {
    const j = columnIndex(table, name);
    if (j < 0) throw new Error(`There is no column "${name}".`);
    return table.columns[j];
  });
  const rows = sampleRows(table.rowCount, maxPoints, seed);
  const values = picked.map((c) =>
    Array.from(rows, (r): number | null => {
      if (c.missing[r]) return null;
      if (c.codes) return c.codes[r] === MISSING_CODE ? null : c.codes[r];
      const v = c.values ? c.values[r] : NaN;
      return Number.isFinite(v) ? v : null;
    }),
  );
  return { columns: [...columns], rows, values, categories: picked.map((c) => (c.codes ? [...(c.categories ?? [])] : null)) };
}
