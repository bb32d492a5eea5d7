/**
 * Turns the target column into model labels. Rows whose target is missing cannot be learned
 * from or scored, so they are left out and the kept table rows are returned alongside.
 */
import { cellText, columnIndex, MISSING_CODE, type Column, type Table } from '../data/table';
import { compareText } from './compareText';

export interface ClassificationTarget {
  task: 'classification';
  /** Index into `classes`, one per kept row. */
  y: Int32Array;
  /** Sorted: numerically for number-valued targets, by code units for text. */
  classes: string[];
  /** The table rows kept (target present), ascending. */
  rows: Int32Array;
}

export interface RegressionTarget {
  task: 'regression';
  y: Float64Array;
  rows: Int32Array;
}

export function encodeTarget(table: Table, target: string, task: 'classification'): ClassificationTarget;
export function encodeTarget(table: Table, target: string, task: 'regression'): RegressionTarget;
export function encodeTarget(
  table: Table,
  target: string,
  task: 'classification' | 'regression',
): ClassificationTarget | RegressionTarget;
export function encodeTarget(
  table: Table,
  target: string,
  task: 'classification' | 'regression',
): ClassificationTarget | RegressionTarget {
  const column = targetColumn(table, target);
  const rows = presentRows(column, table.rowCount);
  return task === 'classification' ? classify(column, rows) : regress(column, rows);
}

export function targetColumn(table: Table, target: string): Column {
  const i = columnIndex(table, target);
  if (i < 0) throw new Error(`There is no column "${target}" to predict.`);
  return table.columns[i];
}

export function presentRows(column: Column, rowCount: number): Int32Array {
  const kept: number[] = [];
  for (let r = 0; r < rowCount; r++) {
    if (column.missing[r]) continue;
    if (column.codes && column.codes[r] === MISSING_CODE) continue;
    if (column.values && Number.isNaN(column.values[r])) continue;
    kept.push(r);
  }
  return Int32Array.from(kept);
}

function classify(column: Column, rows: Int32Array): ClassificationTarget {
  const labels: string[] = Array.from(rows, (r) => cellText(column, r));
  const distinct = [...new Set(labels)];
  if (column.values) {
    // Number-valued classes (0/1, 1..5): numeric order, so "10" sorts after "9".
    const valueOf = new Map<string, number>();
    rows.forEach((r, i) => valueOf.set(labels[i], column.values![r]));
    distinct.sort((a, b) => valueOf.get(a)! - valueOf.get(b)!);
  } else {
    distinct.sort(compareText);
  }
  const index = new Map(distinct.map((c, k) => [c, k]));
  const y = Int32Array.from(labels, (l) => index.get(l)!);
  return { task: 'classification', y, classes: distinct, rows };
}

function regress(column: Column, rows: Int32Array): RegressionTarget {
  const y = new Float64Array(rows.length);
  if (column.values) {
    rows.forEach((r, i) => (y[i] = column.values![r]));
    return { task: 'regression', y, rows };
  }
  const categories = column.categories ?? [];
  const parsed = categories.map((c) => (c.trim() === '' ? NaN : Number(c)));
  rows.forEach((r, i) => {
    const v = parsed[column.codes![r]];
    if (!Number.isFinite(v)) throw new Error(nonNumericTargetMessage(column.name, r, categories[column.codes![r]]));
    y[i] = v;
  });
  return { task: 'regression', y, rows };
}

export function nonNumericTargetMessage(name: string, row: number, text: string): string {
  return `The target "${name}" must be numeric for regression, but row ${row + 1} holds ${JSON.stringify(text)}.`;
}
