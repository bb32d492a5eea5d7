/**
 * Permutation importance (Breiman; scikit-learn's `permutation_importance`): how much a score
 * drops when one input column's values are shuffled across rows, breaking its link with the
 * target. Whole table columns are shuffled, before the recipe, so the one-hot columns of a
 * category move together, as with scikit-learn on a Pipeline.
 *
 * As in scikit-learn, importance = baseline score - permuted score, its mean and (ddof 0)
 * standard deviation over the repeats, and every column sees the same shuffles. Unlike
 * scikit-learn's `max_samples` (a new subsample per column, baseline on all rows), rows are
 * sampled once and the baseline is scored on that sample, so the columns' drops compare
 * like with like.
 */
import { columnIndex, type Table, takeRows } from '../data/table';
import { sampleRows } from '../explore/sampleRows';
import { createRng } from '../random';
import { permuteColumn } from './permuteColumn';
import { scorerFor, type Scorer, type ScorerName } from './scorers';
import { createStopCheck } from './stopCheck';
import { finiteOrNull, type PredictFn } from './types';

export interface PermutationImportanceOptions {
  task: 'classification' | 'regression';
  /** Class names, for log loss when the predictions do not name them. */
  classes?: string[];
  /** Default accuracy (classification) or r2 (regression). */
  metric?: ScorerName;
  /** Shuffles per column; default 5. */
  repeats?: number;
  seed: number;
  /** Rows scored (a seeded sample when there are more); default 5000. */
  maxRows?: number;
  /** The input columns to shuffle; default every column of the table. */
  columns?: string[];
  signal?: AbortSignal;
  /** Columns done out of all. */
  onProgress?: (done: number, total: number) => void;
}

export interface ColumnImportance {
  column: string;
  /** Mean drop in score over the repeats (null if a score was undefined). */
  mean: number | null;
  std: number | null;
  /** The drop of each repeat. */
  drops: Array<number | null>;
}

export interface PermutationImportance {
  metric: ScorerName;
  /** The score on the sampled rows, unshuffled. */
  baseline: number | null;
  rows: number;
  repeats: number;
  /** Most important first. */
  columns: ColumnImportance[];
}

export const DEFAULT_IMPORTANCE_ROWS = 5000;
export const DEFAULT_REPEATS = 5;

export async function permutationImportance(
  predict: PredictFn,
  table: Table,
  yTrue: ArrayLike<string | number | null>,
  options: PermutationImportanceOptions,
): Promise<PermutationImportance> {
  if (yTrue.length !== table.rowCount) throw new Error(`There are ${yTrue.length} targets for ${table.rowCount} rows.`);
  const scorer = scorerFor(options.task, options.metric);
  const repeats = options.repeats ?? DEFAULT_REPEATS;
  if (!(Number.isInteger(repeats) && repeats >= 1)) throw new Error(`Permutation importance needs at least 1 repeat, got ${repeats}.`);
  const names = options.columns ?? table.columns.map((c) => c.name);
  const indices = names.map((name) => {
    const i = columnIndex(table, name);
    if (i < 0) throw new Error(`The data has no column "${name}".`);
    return i;
  });

  // Rows without a target cannot be scored; the rest are sampled down to maxRows.
  const labelled: number[] = [];
  for (let i = 0; i < yTrue.length; i++) if (hasTarget(yTrue[i])) labelled.push(i);
  if (labelled.length === 0) throw new Error('No row has a target value to score against.');
  const picks = sampleRows(labelled.length, options.maxRows ?? DEFAULT_IMPORTANCE_ROWS, options.seed);
  const rows = Array.from(picks, (p) => labelled[p]);
  const sample = takeRows(table, rows);
  const y = rows.map((r) => yTrue[r] as string | number);

  // A separate stream from the sample's, so adding rows does not change which rows are drawn.
  const orders = permutationOrders(rows.length, repeats, options.seed + 0x9e37);
  const scores = await permutationScores(predict, sample, y, indices, orders, scorer, options);
  const columns = names.map((column, c): ColumnImportance => {
    const drops = scores.permuted[c].map((s) => scores.baseline - s);
    return { column, ...meanAndStd(drops), drops: drops.map(finiteOrNull) };
  });
  // Most important first; undefined ones last; ties keep the input order (the sort is stable).
  columns.sort((a, b) => (b.mean ?? -Infinity) - (a.mean ?? -Infinity));
  return { metric: scorer.name, baseline: finiteOrNull(scores.baseline), rows: rows.length, repeats, columns };
}

/** `repeats` seeded shuffles of 0..rows-1; every column is shuffled by the same ones. */
export function permutationOrders(rows: number, repeats: number, seed: number): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: repeats }, () => rng.shuffle(Int32Array.from({ length: rows }, (_, i) => i)));
}

/**
 * The unshuffled score and, per column and order, the score with that column's cells
 * reordered by the order (row i takes row order[i]'s cell). Exported so a test can pass
 * scikit-learn's own shuffles and compare with its numbers.
 */
export async function permutationScores(
  predict: PredictFn,
  table: Table,
  yTrue: ArrayLike<string | number>,
  columns: readonly number[],
  orders: readonly ArrayLike<number>[],
  scorer: Scorer,
  options: { classes?: string[]; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ baseline: number; permuted: number[][] }> {
  const stop = createStopCheck(options.signal);
  const baseline = scorer.score(yTrue, predict(table), options.classes);
  const permuted: number[][] = [];
  for (let c = 0; c < columns.length; c++) {
    const scores: number[] = [];
    for (const order of orders) {
      await stop();
      scores.push(scorer.score(yTrue, predict(permuteColumn(table, columns[c], order)), options.classes));
    }
    permuted.push(scores);
    options.onProgress?.(c + 1, columns.length);
  }
  return { baseline, permuted };
}

function hasTarget(v: string | number | null): boolean {
  return v !== null && v !== '' && !(typeof v === 'number' && Number.isNaN(v));
}

/** Mean and population standard deviation (numpy's default ddof 0, as scikit-learn reports). */
function meanAndStd(values: number[]): { mean: number | null; std: number | null } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return { mean: finiteOrNull(mean), std: finiteOrNull(Math.sqrt(variance)) };
}
