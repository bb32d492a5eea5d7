/**
 * Partial dependence and ICE curves (scikit-learn's `partial_dependence`, method 'brute',
 * kind 'average' and 'individual'): every sampled row is predicted with the column set to
 * each grid value in turn; the curve is the average prediction (regression) or the average
 * probability of each class (classification), and ICE lines are the same predictions for a
 * few single rows. The column is set before the recipe, so a category moves all its one-hot
 * columns together.
 */
import { cellText, columnIndex, isCoded, type Column, type Table, takeRows } from '../data/table';
import { sampleRows } from '../explore/sampleRows';
import { fillColumn } from './fillColumn';
import { categoricalGrid, numericGrid, type GridOptions } from './partialDependenceGrid';
import { predictionOutputs } from './predictionOutputs';
import { createStopCheck } from './stopCheck';
import { finiteOrNull, type PredictFn } from './types';

export interface PartialDependenceOptions extends GridOptions {
  /** Unique values instead of percentiles (default: whether the column holds categories). */
  categorical?: boolean;
  /** Rows averaged over (a seeded sample when there are more); default 1000. */
  maxRows?: number;
  /** Rows drawn as ICE lines, from the sampled ones; default 50. */
  iceRows?: number;
  seed?: number;
  /** Class names, when the predictions do not name them. */
  classes?: string[];
  signal?: AbortSignal;
}

export interface PartialDependence {
  column: string;
  kind: 'numeric' | 'categorical';
  /** Grid values: numbers, or category names. */
  grid: Array<number | string>;
  /** Each grid value as display text. */
  labels: string[];
  /** 'prediction', or one name per class. */
  outputs: string[];
  /** [output][grid point]: the average over the sampled rows. */
  average: Array<Array<number | null>>;
  /** Single rows' curves, [output][grid point]; `row` is the row's index in the input table. */
  ice: Array<{ row: number; values: Array<Array<number | null>> }>;
  /** Rows averaged over. */
  rows: number;
}

export const DEFAULT_PD_ROWS = 1000;
export const DEFAULT_ICE_ROWS = 50;

export async function partialDependence(
  predict: PredictFn,
  table: Table,
  column: string,
  options: PartialDependenceOptions = {},
): Promise<PartialDependence> {
  const index = columnIndex(table, column);
  if (index < 0) throw new Error(`The data has no column "${column}".`);
  const seed = options.seed ?? 0;
  const rows = sampleRows(table.rowCount, options.maxRows ?? DEFAULT_PD_ROWS, seed);
  if (rows.length === 0) throw new Error('Partial dependence needs at least one row.');
  const sample = takeRows(table, rows);
  const source = sample.columns[index];
  const categorical = isCoded(source.type) || !source.values || (options.categorical ?? false);
  const grid = gridOf(source, categorical, options);
  if (grid.length === 0) throw new Error(`Column "${column}" has no values in the sampled rows to build a grid from.`);
  // ICE rows: positions within the sample, seeded apart from the sample itself.
  const icePositions = sampleRows(rows.length, options.iceRows ?? DEFAULT_ICE_ROWS, seed + 0x1ce);

  const stop = createStopCheck(options.signal);
  const n = rows.length;
  let outputs: string[] = [];
  let average: number[][] = [];
  let ice: number[][][] = [];
  for (let g = 0; g < grid.length; g++) {
    await stop();
    const out = predictionOutputs(predict(fillColumn(sample, index, grid[g])), n, options.classes);
    const K = out.names.length;
    if (g === 0) {
      outputs = out.names;
      average = out.names.map(() => new Array<number>(grid.length).fill(0));
      ice = Array.from(icePositions, () => out.names.map(() => new Array<number>(grid.length).fill(0)));
    }
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let r = 0; r < n; r++) sum += out.values[r * K + k];
      average[k][g] = sum / n;
      icePositions.forEach((p, i) => (ice[i][k][g] = out.values[p * K + k]));
    }
  }
  const clean = (m: number[][]) => m.map((line) => line.map(finiteOrNull));
  return {
    column,
    kind: categorical ? 'categorical' : 'numeric',
    grid,
    labels: grid.map((v) => labelOf(source, v)),
    outputs,
    average: clean(average),
    ice: Array.from(icePositions, (p, i) => ({ row: rows[p], values: clean(ice[i]) })),
    rows: n,
  };
}

function gridOf(column: Column, categorical: boolean, options: GridOptions): Array<number | string> {
  const present: number[] = [];
  for (let r = 0; r < column.missing.length; r++) if (!column.missing[r]) present.push(r);
  if (column.codes && column.categories) {
    const categories = column.categories;
    return categoricalGrid(present.map((r) => categories[column.codes![r]]), options);
  }
  const values = present.map((r) => column.values![r]).filter((v) => !Number.isNaN(v));
  return categorical ? categoricalGrid(values, options) : numericGrid(values, options);
}

/** A grid value as the column would show it (dates as ISO text, booleans as true/false). */
function labelOf(column: Column, value: number | string): string {
  if (typeof value === 'string') return value;
  const one: Column = { ...column, values: Float64Array.of(value), missing: new Uint8Array(1) };
  delete one.codes;
  return cellText(one, 0);
}
