/**
 * K-fold cross-validation of one model: the rows with a target are dealt into K folds (stratified
 * by class for classification, shuffled with the seed), and for each fold the recipe and the model
 * are fitted on the other K-1 folds and scored on it. The same seed gives the same folds in the
 * browser and the CLI.
 */
import type { Table } from '../data/table';
import type { ClassificationTarget, RegressionTarget } from '../prep/encodeTarget';
import type { Recipe } from '../prep/recipe';
import { groupKFold, rowKeys, timeSeriesFolds, type FoldBy } from '../prep/foldsBy';
import { kFoldRows, type RowSplit } from '../prep/splitRows';
import { throwIfAborted } from './abort';
import { fitAndScore } from './fitAndScore';
import type { ModelParams, ModelSpec } from './types';

export interface CrossValidation {
  folds: number;
  /** Each metric's mean over the folds; NaN when it is undefined in any fold. */
  mean: Record<string, number>;
  /** Each metric's standard deviation over the folds (population, ddof 0, as numpy's std). */
  std: Record<string, number>;
  /** Every fold's metrics, in fold order. */
  perFold: Record<string, number>[];
}

export interface CrossValidateInput {
  table: Table;
  target: string;
  encoded: ClassificationTarget | RegressionTarget;
  spec: ModelSpec<ModelParams>;
  params: ModelParams;
  recipe: Recipe;
  folds: number;
  seed: number;
  /** Folds by group or in time order instead of shuffled (and stratified) ones. */
  by?: FoldBy;
  signal?: AbortSignal;
  /** See FitContext.deadline: folds fitted after it get the trees or epochs grown by then. */
  deadline?: number;
  /** Called after each fold with how many are done. */
  onFold?: (done: number, folds: number) => void;
}

export async function crossValidate(input: CrossValidateInput): Promise<CrossValidation> {
  const { encoded, folds } = input;
  const n = encoded.rows.length;
  if (n < 2 * folds) {
    throw new Error(`${folds}-fold cross-validation needs at least ${2 * folds} rows with a target; "${input.target}" has ${n}.`);
  }
  const stratify = encoded.task === 'classification' ? encoded.y : undefined;
  const splits = foldSplits(input.table, encoded.rows, folds, input.seed, stratify, input.by);
  const perFold: Record<string, number>[] = [];
  for (const split of splits) {
    throwIfAborted(input.signal);
    const { metrics } = await fitAndScore({ ...input, fitOn: split.train, scoreOn: split.test });
    perFold.push(metrics);
    input.onFold?.(perFold.length, folds);
  }
  return { folds, ...summarizeFolds(perFold), perFold };
}

export function summarizeFolds(perFold: Record<string, number>[]): { mean: Record<string, number>; std: Record<string, number> } {
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const name of Object.keys(perFold[0] ?? {})) {
    const values = perFold.map((m) => m[name]);
    const mu = values.reduce((a, b) => a + b, 0) / values.length;
    mean[name] = mu;
    std[name] = Math.sqrt(values.reduce((a, v) => a + (v - mu) * (v - mu), 0) / values.length);
  }
  return { mean, std };
}

/** The K folds over `rows` (table rows): shuffled and stratified, or by group, or in time order. */
export function foldSplits(table: Table, rows: Int32Array, folds: number, seed: number, stratify?: Int32Array, by?: FoldBy): RowSplit[] {
  if (!by) return kFoldRows(rows.length, folds, seed, stratify);
  const keys = rowKeys(table, by, rows);
  return keys.groups ? groupKFold(keys.groups, folds) : timeSeriesFolds(keys.times!, folds);
}
