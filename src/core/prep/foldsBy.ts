/**
 * Folds and hold-out splits that respect structure in the rows, for when shuffled folds would
 * leak: by group (rows of one patient, store or user never fall on both sides, as scikit-learn's
 * GroupKFold) and by time (the model is always scored on rows later than those it learned from,
 * as TimeSeriesSplit). Positions refer to the rows given, not to table rows.
 */
import { cellText, columnIndex, type Table } from '../data/table';
import { createRng } from '../random';
import type { RowSplit } from './splitRows';

export type FoldBy = { kind: 'group'; column: string } | { kind: 'time'; column: string };

/** One key per given row: the group's text, or the time as a number (NaN when missing). */
export function rowKeys(table: Table, by: FoldBy, rows: Int32Array): { groups?: string[]; times?: Float64Array } {
  const index = columnIndex(table, by.column);
  if (index < 0) throw new Error(`There is no column "${by.column}" to ${by.kind === 'group' ? 'group the folds by' : 'order the folds by'}.`);
  const column = table.columns[index];
  if (by.kind === 'group') return { groups: Array.from(rows, (r) => (column.missing[r] ? '' : cellText(column, r))) };
  if (!column.values) throw new Error(`"${by.column}" holds text, so it cannot order the rows in time; choose a date or number column.`);
  const values = column.values;
  return { times: Float64Array.from(rows, (r) => (column.missing[r] ? NaN : values[r])) };
}

/** GroupKFold: groups, largest first, each into the fold with the fewest rows so far. */
export function groupKFold(groups: readonly string[], k: number): RowSplit[] {
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => {
    let list = members.get(g);
    if (!list) members.set(g, (list = []));
    list.push(i);
  });
  if (members.size < k) throw new Error(`${k} folds by group need at least ${k} groups; there are ${members.size}.`);
  const ordered = [...members.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const sizes = new Array<number>(k).fill(0);
  const fold = new Int32Array(groups.length);
  for (const [, rows] of ordered) {
    let f = 0;
    for (let j = 1; j < k; j++) if (sizes[j] < sizes[f]) f = j;
    sizes[f] += rows.length;
    for (const r of rows) fold[r] = f;
  }
  return foldsFrom(fold, k);
}

/** TimeSeriesSplit: k test blocks of n / (k + 1) rows in time order, each scored after training on all earlier rows. */
export function timeSeriesFolds(times: Float64Array, k: number): RowSplit[] {
  const order = timeOrder(times);
  const n = order.length;
  const testSize = Math.floor(n / (k + 1));
  if (testSize < 1) throw new Error(`${k} folds in time order need at least ${k + 1} rows; there are ${n}.`);
  const out: RowSplit[] = [];
  for (let f = 0; f < k; f++) {
    const start = n - (k - f) * testSize;
    out.push({ train: sortedCopy(order.subarray(0, start)), test: sortedCopy(order.subarray(start, start + testSize)) });
  }
  return out;
}

/** A hold-out split by group: whole groups, in a seeded order, go to the test side until it has `fraction` of the rows. */
export function groupHoldout(groups: readonly string[], fraction: number, seed: number): RowSplit {
  const names = [...new Set(groups)].sort();
  if (names.length < 2) throw new Error('A split by group needs at least 2 groups.');
  createRng(seed).shuffle(names);
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  const want = Math.max(1, Math.round(groups.length * fraction));
  const test = new Set<string>();
  let taken = 0;
  for (const name of names) {
    if (taken >= want || test.size === names.length - 1) break;
    test.add(name);
    taken += counts.get(name)!;
  }
  const fold = Int32Array.from(groups, (g) => (test.has(g) ? 0 : 1));
  const [testSplit] = foldsFrom(fold, 2);
  return testSplit;
}

/** A hold-out split in time: the latest `fraction` of the rows are the test side. */
export function timeHoldout(times: Float64Array, fraction: number): RowSplit {
  const order = timeOrder(times);
  const nTest = Math.min(order.length - 1, Math.max(1, Math.round(order.length * fraction)));
  const cut = order.length - nTest;
  return { train: sortedCopy(order.subarray(0, cut)), test: sortedCopy(order.subarray(cut)) };
}

/** Positions in time order (missing times first, ties by position). */
function timeOrder(times: Float64Array): Int32Array {
  const order = Int32Array.from(times, (_, i) => i);
  const key = (i: number) => (Number.isNaN(times[i]) ? -Infinity : times[i]);
  return order.sort((a, b) => key(a) - key(b) || a - b);
}

function foldsFrom(fold: Int32Array, k: number): RowSplit[] {
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    fold.forEach((g, i) => (g === f ? test : train).push(i));
    return { train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

function sortedCopy(rows: Int32Array): Int32Array {
  return Int32Array.from(rows).sort();
}
