/** How the rows of a classification target split over its classes. */
import { columnIndex, type Table } from '../data/table';
import { targetClasses } from './targetClasses';

export interface ClassBalance {
  /** In training order (numbers ascending, text by code units). */
  classes: string[];
  counts: number[];
  /** Largest class count over smallest; null with fewer than two classes. */
  imbalanceRatio: number | null;
}

export function classBalance(table: Table, target: string): ClassBalance {
  const j = columnIndex(table, target);
  if (j < 0) throw new Error(`There is no column "${target}".`);
  const { classes, counts } = targetClasses(table.columns[j], table.rowCount);
  const ratio = classes.length >= 2 ? Math.max(...counts) / Math.min(...counts) : null;
  return { classes, counts, imbalanceRatio: ratio };
}
