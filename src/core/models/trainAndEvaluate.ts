/**
 * One hold-out training run, the same in the web worker and the CLI: encode the target (rows
 * without one are dropped), split 80/20 with the seed (stratified for classification), fit the
 * recipe on the training rows only, fit the model, and score it on the test rows.
 */
import type { Table } from '../data/table';
import { classificationMetrics } from '../evaluate/classificationMetrics';
import { regressionMetrics } from '../evaluate/regressionMetrics';
import { applyRecipe } from '../prep/applyRecipe';
import { encodeTarget } from '../prep/encodeTarget';
import { fitRecipe } from '../prep/fitRecipe';
import type { Recipe } from '../prep/recipe';
import { splitRows } from '../prep/splitRows';
import { suggestRecipe } from '../prep/suggestRecipe';
import { throwIfAborted } from './abort';
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
  /** Default 0.2. */
  testFraction?: number;
  /** Default: `suggestRecipe(table, target)`. */
  recipe?: Recipe;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
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
  trainRows: number;
  testRows: number;
  featureNames: string[];
  curve: TrainProgress[];
}

export async function trainAndEvaluate(table: Table, options: TrainOptions): Promise<TrainResult> {
  const { target, task, seed } = options;
  const problems = validateTrainingSetup(table, target, task);
  if (problems.length > 0) throw new Error(problems.join(' '));
  throwIfAborted(options.signal);

  const spec = options.model ? getModel(options.model) : listModels(task)[0];
  if (!spec.tasks.includes(task)) throw new Error(`The model "${spec.name}" does not do ${task}.`);
  const encoded = encodeTarget(table, target, task);
  const stratify = encoded.task === 'classification' ? encoded.y : undefined;
  const split = splitRows(encoded.rows.length, { testFraction: options.testFraction ?? 0.2, seed, stratify });
  const trainRows = Int32Array.from(split.train, (i) => encoded.rows[i]);
  const testRows = Int32Array.from(split.test, (i) => encoded.rows[i]);

  const recipe = fitRecipe(options.recipe ?? suggestRecipe(table, target), table, trainRows);
  const train = applyRecipe(recipe, table, trainRows);
  const test = applyRecipe(recipe, table, testRows);
  const cols = train.featureNames.length;
  if (cols === 0) throw new Error(`The recipe leaves no input columns to predict "${target}".`);

  const classes = encoded.task === 'classification' ? encoded.classes : undefined;
  const pick = <A extends Int32Array | Float64Array>(y: A, rows: Int32Array): A => {
    const out = new (y.constructor as new (n: number) => A)(rows.length);
    rows.forEach((i, k) => (out[k] = y[i]));
    return out;
  };
  const params = { ...spec.defaults, ...options.params } as ModelParams;
  const curve: TrainProgress[] = [];
  const model = await spec.fit(
    train.X,
    pick(encoded.y, split.train),
    { rows: trainRows.length, cols, classes: classes?.length },
    params,
    {
      seed,
      signal: options.signal,
      onProgress: (p) => {
        curve.push(p);
        options.onProgress?.(p);
      },
    },
  );

  let metrics: Record<string, number>;
  if (encoded.task === 'classification') {
    if (!model.predictProba) throw new Error(`The model "${spec.name}" gives no class probabilities.`);
    const proba = model.predictProba(test.X, testRows.length, cols);
    metrics = { ...classificationMetrics(pick(encoded.y, split.test), proba, classes!.length) };
  } else {
    metrics = { ...regressionMetrics(pick(encoded.y, split.test), model.predict(test.X, testRows.length, cols)) };
  }
  return {
    recipe,
    model,
    modelName: spec.name,
    params,
    metrics,
    classes,
    trainRows: trainRows.length,
    testRows: testRows.length,
    featureNames: train.featureNames,
    curve,
  };
}
