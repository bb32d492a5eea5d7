/**
 * Score against training-set size, like scikit-learn's learning_curve: the rows with a target
 * are dealt into K folds exactly as cross-validation deals them (stratified and shuffled with
 * the seed, or by group or time), and for each fold and each size the recipe and the model are
 * fitted on that many of the fold's training rows (recipe fitted on those rows only) and scored
 * on them (training score) and on the held-out fold (validation score). Per size, every
 * metric's mean and standard deviation over the folds.
 *
 * Sizes are fractions of the smallest training fold (scikit-learn uses the first; K-fold sizes
 * differ by at most one row), floored, at least 2 rows, duplicates dropped. A size's rows are a
 * seeded stratified sample of the fold's training rows that grows with the size (scikit-learn
 * takes the first rows, which is biased when the file is sorted). Above `maxRows` rows with a
 * target, a seeded sample of them is used, as in cross-validation.
 */
import type { Table } from '../data/table';
import { applyRecipe } from '../prep/applyRecipe';
import { encodeTarget, type ClassificationTarget, type RegressionTarget } from '../prep/encodeTarget';
import type { FoldBy } from '../prep/foldsBy';
import type { Recipe } from '../prep/recipe';
import { suggestRecipe } from '../prep/suggestRecipe';
import { throwIfAborted } from '../models/abort';
import { foldSplits, summarizeFolds } from '../models/crossValidate';
import { CV_MAX_ROWS } from '../models/cvMaxRows';
import { fitAndScore } from '../models/fitAndScore';
import { subsampleRows, subsetTarget } from '../models/hyperparameterSearch';
import { getModel, listModels } from '../models/registry';
import type { FittedModel, ModelParams } from '../models/types';
import { validateTrainingSetup } from '../models/validateTrainingSetup';
import { nullForNaN } from './baselineMetrics';
import { classificationMetrics } from './classificationMetrics';
import { regressionMetrics } from './regressionMetrics';

export const DEFAULT_TRAIN_SIZES = [0.1, 0.325, 0.55, 0.775, 1.0];

export interface LearningCurveOptions {
  target: string;
  task: 'classification' | 'regression';
  /** A registry name; default: the first model listed for the task. */
  model?: string;
  params?: Partial<ModelParams>;
  /** Default: `suggestRecipe(table, target)` with the model's way of encoding categories. */
  recipe?: Recipe;
  seed: number;
  /** Default 5. */
  folds?: number;
  /** Fractions in (0, 1] of the training fold; default DEFAULT_TRAIN_SIZES. */
  sizes?: number[];
  /** Default CV_MAX_ROWS. */
  maxRows?: number;
  foldBy?: FoldBy;
  signal?: AbortSignal;
  /** Called after each fit. */
  onProgress?: (p: { done: number; total: number; size: number; fold: number }) => void;
}

export interface MetricSummary {
  /** Mean over the folds; null where undefined in a fold (e.g. ROC AUC of one class). */
  mean: Record<string, number | null>;
  /** Population standard deviation over the folds. */
  std: Record<string, number | null>;
}

export interface LearningCurvePoint {
  /** Training rows fitted on. */
  size: number;
  train: MetricSummary;
  validation: MetricSummary;
}

export interface LearningCurve {
  /** The metric to plot: accuracy or r2 (every metric is in the points). */
  metric: string;
  folds: number;
  /** Rows with a target used (after the maxRows sample). */
  rows: number;
  points: LearningCurvePoint[];
}

export async function learningCurve(table: Table, options: LearningCurveOptions): Promise<LearningCurve> {
  const { target, task, seed } = options;
  const problems = validateTrainingSetup(table, target, task);
  if (problems.length > 0) throw new Error(problems.join(' '));
  const spec = options.model ? getModel(options.model) : listModels(task)[0];
  if (!spec.tasks.includes(task)) throw new Error(`The model "${spec.name}" does not do ${task}.`);
  const params = { ...spec.defaults, ...options.params } as ModelParams;
  const recipe = options.recipe ?? suggestRecipe(table, target, { categories: spec.categoricalEncoding });
  const folds = options.folds ?? 5;
  const all = encodeTarget(table, target, task);
  const maxRows = options.maxRows ?? CV_MAX_ROWS;
  const encoded = all.rows.length > maxRows ? subsetTarget(all, subsampleRows(all, maxRows, seed)) : all;
  if (encoded.rows.length < 2 * folds) {
    throw new Error(`A ${folds}-fold learning curve needs at least ${2 * folds} rows with a target; "${target}" has ${encoded.rows.length}.`);
  }
  const stratify = encoded.task === 'classification' ? encoded.y : undefined;
  const splits = foldSplits(table, encoded.rows, folds, seed, stratify, options.foldBy);
  const sizes = absoluteSizes(options.sizes ?? DEFAULT_TRAIN_SIZES, Math.min(...splits.map((s) => s.train.length)));

  const total = sizes.length * splits.length;
  const trainScores: Record<string, number>[][] = sizes.map(() => []);
  const validationScores: Record<string, number>[][] = sizes.map(() => []);
  for (let f = 0; f < splits.length; f++) {
    const trainFold = splits[f].train;
    for (let s = 0; s < sizes.length; s++) {
      throwIfAborted(options.signal);
      const fitOn = trainingSubset(encoded, trainFold, sizes[s], seed);
      const fitted = await fitAndScore({ table, target, encoded, spec, params, recipe, fitOn, scoreOn: splits[f].test, seed, signal: options.signal });
      validationScores[s].push(fitted.metrics);
      trainScores[s].push(scoreRows(table, encoded, fitted.recipe, fitted.model, fitOn));
      options.onProgress?.({ done: f * sizes.length + s + 1, total, size: sizes[s], fold: f });
    }
  }
  const summary = (perFold: Record<string, number>[]): MetricSummary => {
    const { mean, std } = summarizeFolds(perFold);
    return { mean: nullForNaN(mean), std: nullForNaN(std) };
  };
  return {
    metric: task === 'classification' ? 'accuracy' : 'r2',
    folds: splits.length,
    rows: encoded.rows.length,
    points: sizes.map((size, s) => ({ size, train: summary(trainScores[s]), validation: summary(validationScores[s]) })),
  };
}

/** Row counts from fractions of `largest`, as scikit-learn's _translate_train_sizes (floored), at least 2. */
export function absoluteSizes(fractions: number[], largest: number): number[] {
  if (fractions.length === 0) throw new Error('A learning curve needs at least one training size.');
  for (const f of fractions) {
    if (!(f > 0 && f <= 1)) throw new Error(`Training sizes are fractions in (0, 1]; got ${f}.`);
  }
  const counts = fractions.map((f) => Math.min(largest, Math.max(2, Math.floor(f * largest))));
  return [...new Set(counts)].sort((a, b) => a - b);
}

/** `count` of the fold's training positions: all of them, or a seeded stratified sample. */
function trainingSubset(encoded: ClassificationTarget | RegressionTarget, trainFold: Int32Array, count: number, seed: number): Int32Array {
  if (count >= trainFold.length) return trainFold;
  const picked = subsampleRows(subsetTarget(encoded, trainFold), count, seed);
  return Int32Array.from(picked, (i) => trainFold[i]);
}

/** The fitted recipe and model scored on the encoded positions `positions`. */
function scoreRows(table: Table, encoded: ClassificationTarget | RegressionTarget, recipe: Recipe, model: FittedModel, positions: Int32Array): Record<string, number> {
  const rows = Int32Array.from(positions, (i) => encoded.rows[i]);
  const { X, featureNames } = applyRecipe(recipe, table, rows);
  const cols = featureNames.length;
  if (encoded.task === 'classification') {
    const yTrue = Int32Array.from(positions, (i) => encoded.y[i]);
    return { ...classificationMetrics(yTrue, model.predictProba!(X, rows.length, cols), encoded.classes.length) };
  }
  const yTrue = Float64Array.from(positions, (i) => encoded.y[i]);
  return { ...regressionMetrics(yTrue, model.predict(X, rows.length, cols)) };
}
