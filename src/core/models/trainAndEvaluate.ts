/**
 * One model's training run, the same in the web worker and the CLI: encode the target (rows
 * without one are dropped), optionally cross-validate on K folds, then split 80/20 with the seed
 * (stratified for classification), fit the recipe on the training rows only, fit the model, and
 * score it on the test rows. The hold-out fit is the model that is kept and exported.
 */
import type { Table } from '../data/table';
import { encodeTarget, type ClassificationTarget, type RegressionTarget } from '../prep/encodeTarget';
import type { Recipe } from '../prep/recipe';
import type { FoldBy } from '../prep/foldsBy';
import { suggestRecipe } from '../prep/suggestRecipe';
import { throwIfAborted } from './abort';
import { affordableTrainingRows } from './autoMLRules';
import { crossValidate, type CrossValidation } from './crossValidate';
import { fitAndScore, type HoldoutPredictions } from './fitAndScore';
import { holdoutSplit } from './holdoutSplit';
import { searchHyperparameters, subsampleRows, subsetTarget, type SearchStrategy, type SearchTrial } from './hyperparameterSearch';
import { CV_MAX_ROWS } from './cvMaxRows';

export { CV_MAX_ROWS } from './cvMaxRows';
// The split of the kept model's fit, for code that needs its training rows again.
export { DEFAULT_TEST_FRACTION, holdoutSplit } from './holdoutSplit';
import { getModel, listModels } from './registry';
import type { FittedModel, ModelParams, TrainProgress } from './types';
import { validateTrainingSetup } from './validateTrainingSetup';

export { validateTrainingSetup } from './validateTrainingSetup';

export interface TrainOptions {
  target: string;
  task: 'classification' | 'regression';
  /** A registry name; default: the first model listed for the task. */
  model?: string;
  /** Overrides of the model's default hyperparameters. */
  params?: Partial<ModelParams>;
  seed: number;
  /**
   * Date.now() milliseconds after which iterative fits stop growing (FitContext.deadline): the
   * cross-validation and tuning fits stop at `deadline`, the kept model's fit at `finalDeadline`
   * (default `deadline`), so a model that used up the budget still gets time for its final fit.
   */
  deadline?: number;
  finalDeadline?: number;
  /** Default DEFAULT_TEST_FRACTION (0.2). */
  testFraction?: number;
  /** Default: `suggestRecipe(table, target)` with the model's way of encoding categories. */
  recipe?: Recipe;
  /**
   * K >= 2 also cross-validates the model on K folds of the rows with a target (before the hold-out
   * fit), on a seeded stratified sample of `cvMaxRows` of them when there are more.
   */
  folds?: number;
  /** Default CV_MAX_ROWS. */
  cvMaxRows?: number;
  /**
   * Folds and the hold-out split by group (no group on both sides) or in time order (scored on
   * later rows than trained on) instead of shuffled and stratified.
   */
  foldBy?: FoldBy;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** Cross-validation progress: folds done out of K. */
  onFold?: (done: number, folds: number) => void;
  /**
   * Tunes the hyperparameters by cross-validation before the hold-out fit (needs folds >= 2):
   * the defaults and `trials` sampled configurations of the model's search space, seeded; no
   * evaluation starts after `timeBudgetSeconds`. The best configuration is fitted and kept.
   */
  search?: { strategy: SearchStrategy; trials?: number; timeBudgetSeconds?: number };
  /** Search progress: evaluations done (the defaults are the first). */
  onTrial?: (trial: SearchTrial) => void;
}

export interface SearchSummary {
  strategy: SearchStrategy;
  /** Evaluations run, the defaults included. */
  evaluations: number;
  /** Whether the time budget cut the search short. */
  stoppedByBudget: boolean;
  /** Whether the defaults won. */
  defaultsWon: boolean;
}

export interface TrainResult {
  /** The fitted recipe. */
  recipe: Recipe;
  model: FittedModel;
  /** The registry name and the hyperparameters actually used (for the bundle and leaderboard). */
  modelName: string;
  params: ModelParams;
  /** Scored on the test rows; NaN where a metric is undefined (e.g. ROC AUC of one class). */
  metrics: Record<string, number>;
  classes?: string[];
  /** Rows the kept model was fitted on. */
  trainRows: number;
  /**
   * Present when the kept model was fitted on a seeded sample of the training split because all of
   * it would not have fitted in the time budget: the split's size.
   */
  sampledFrom?: number;
  testRows: number;
  featureNames: string[];
  curve: TrainProgress[];
  /** Present when `folds` was given. */
  cv?: CrossValidation;
  /** Rows the cross-validation and tuning used (fewer than the rows with a target above cvMaxRows). */
  cvRows?: number;
  /** Present when the hyperparameters were tuned. */
  search?: SearchSummary;
  /** The held-out rows' predictions, for the evaluation view. */
  holdout: HoldoutPredictions;
}

export async function trainAndEvaluate(table: Table, options: TrainOptions): Promise<TrainResult> {
  const { target, task, seed } = options;
  const problems = validateTrainingSetup(table, target, task);
  if (problems.length > 0) throw new Error(problems.join(' '));
  throwIfAborted(options.signal);

  const spec = options.model ? getModel(options.model) : listModels(task)[0];
  if (!spec.tasks.includes(task)) throw new Error(`The model "${spec.name}" does not do ${task}.`);
  const encoded = encodeTarget(table, target, task);
  const split = holdoutSplit(table, encoded, { seed, testFraction: options.testFraction, foldBy: options.foldBy });
  let params = { ...spec.defaults, ...options.params } as ModelParams;
  const unfitted = options.recipe ?? suggestRecipe(table, target, { categories: spec.categoricalEncoding });
  const folds = options.folds ?? 0;
  let cv: CrossValidation | undefined;
  let search: SearchSummary | undefined;
  // Above cvMaxRows, K folds and every tuning trial would each refit on most of the data: a seeded
  // sample ranks the models as well at a fraction of the time, and the kept model sees every row.
  const cvMaxRows = options.cvMaxRows ?? CV_MAX_ROWS;
  const cvTarget = folds >= 2 && encoded.rows.length > cvMaxRows ? subsetTarget(encoded, subsampleRows(encoded, cvMaxRows, seed)) : encoded;
  const cvStarted = performance.now();
  let cvFits = 0;
  if (folds >= 2 && options.search) {
    const found = await searchHyperparameters({
      table,
      target,
      task,
      encoded: cvTarget,
      spec,
      recipe: unfitted,
      folds,
      seed,
      by: options.foldBy,
      strategy: options.search.strategy,
      trials: options.search.trials,
      timeBudgetSeconds: options.search.timeBudgetSeconds,
      baseParams: options.params,
      signal: options.signal,
      deadline: options.deadline,
      onTrial: options.onTrial,
    });
    params = found.best.params;
    cv = found.best.cv;
    search = { strategy: options.search.strategy, evaluations: found.trials.length, stoppedByBudget: found.stoppedByBudget, defaultsWon: found.best.candidate === 0 };
    cvFits = found.trials.length * folds;
  } else if (folds >= 2) {
    cv = await crossValidate({ table, target, encoded: cvTarget, spec, params, recipe: unfitted, folds, seed, by: options.foldBy, signal: options.signal, deadline: options.deadline, onFold: options.onFold });
    cvFits = folds;
  }
  const fitOn = budgetedTrainingRows(split.train, encoded, seed, {
    deadline: options.finalDeadline ?? options.deadline,
    sampled: cvTarget !== encoded,
    cvFitRows: Math.round((cvTarget.rows.length * (folds - 1)) / Math.max(1, folds)),
    cvFits,
    cvSeconds: (performance.now() - cvStarted) / 1000,
  });
  const { recipe, model, metrics, featureNames, curve, holdout } = await fitAndScore({
    table,
    target,
    encoded,
    spec,
    params,
    recipe: unfitted,
    fitOn,
    scoreOn: split.test,
    seed,
    signal: options.signal,
    deadline: options.finalDeadline ?? options.deadline,
    onProgress: options.onProgress,
    keepPredictions: true,
  });
  const classes = encoded.task === 'classification' ? encoded.classes : undefined;
  return {
    recipe,
    model,
    modelName: spec.name,
    params,
    metrics,
    classes,
    trainRows: fitOn.length,
    ...(fitOn.length < split.train.length ? { sampledFrom: split.train.length } : {}),
    testRows: split.test.length,
    featureNames,
    curve,
    holdout: holdout!,
    ...(cv ? { cv, cvRows: cvTarget.rows.length } : {}),
    ...(search ? { search } : {}),
  };
}

/**
 * The training positions the kept model is fitted on: all of the split, or, when cross-validation
 * ran on a sample of big data and the whole split would overrun the deadline at the speed the
 * cross-validation fits went, a seeded (stratified) sample of it, in ascending order.
 */
function budgetedTrainingRows(
  train: Int32Array,
  encoded: ClassificationTarget | RegressionTarget,
  seed: number,
  cv: { deadline?: number; sampled: boolean; cvFitRows: number; cvFits: number; cvSeconds: number },
): Int32Array {
  if (cv.deadline === undefined || !cv.sampled || cv.cvFits === 0 || cv.cvFitRows === 0) return train;
  const secondsPerRow = cv.cvSeconds / (cv.cvFits * cv.cvFitRows);
  const rows = affordableTrainingRows(train.length, cv.cvFitRows, secondsPerRow, (cv.deadline - Date.now()) / 1000);
  if (rows >= train.length) return train;
  const picked = subsampleRows(subsetTarget(encoded, train), rows, seed);
  return Int32Array.from(picked, (i) => train[i]).sort();
}
