/**
 * One fit of the recipe and a model on some rows and its score on others: the step that a hold-out
 * run does once and cross-validation once per fold. The recipe is fitted on the training rows only.
 */
import type { Table } from '../data/table';
import { classificationMetrics } from '../evaluate/classificationMetrics';
import { regressionMetrics } from '../evaluate/regressionMetrics';
import { applyRecipe } from '../prep/applyRecipe';
import type { ClassificationTarget, RegressionTarget } from '../prep/encodeTarget';
import { fitRecipe } from '../prep/fitRecipe';
import type { Recipe } from '../prep/recipe';
import type { FittedModel, ModelParams, ModelSpec, TrainProgress } from './types';

export interface FitAndScoreInput {
  table: Table;
  target: string;
  encoded: ClassificationTarget | RegressionTarget;
  spec: ModelSpec<ModelParams>;
  params: ModelParams;
  /** The recipe to fit (its unfitted steps). */
  recipe: Recipe;
  /** Positions in `encoded.rows` (not table rows) to fit on and to score on. */
  fitOn: Int32Array;
  scoreOn: Int32Array;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
}

export interface FitAndScoreResult {
  recipe: Recipe;
  model: FittedModel;
  /** NaN where a metric is undefined (e.g. ROC AUC of one class). */
  metrics: Record<string, number>;
  featureNames: string[];
  curve: TrainProgress[];
}

export async function fitAndScore(input: FitAndScoreInput): Promise<FitAndScoreResult> {
  const { table, encoded, spec, fitOn, scoreOn } = input;
  const trainRows = Int32Array.from(fitOn, (i) => encoded.rows[i]);
  const testRows = Int32Array.from(scoreOn, (i) => encoded.rows[i]);
  const recipe = fitRecipe(input.recipe, table, trainRows);
  const train = applyRecipe(recipe, table, trainRows);
  const test = applyRecipe(recipe, table, testRows);
  const cols = train.featureNames.length;
  if (cols === 0) throw new Error(`The recipe leaves no input columns to predict "${input.target}".`);

  const classes = encoded.task === 'classification' ? encoded.classes : undefined;
  const curve: TrainProgress[] = [];
  const model = await spec.fit(
    train.X,
    pick(encoded.y, fitOn),
    { rows: trainRows.length, cols, classes: classes?.length },
    input.params,
    {
      seed: input.seed,
      signal: input.signal,
      onProgress: (p) => {
        curve.push(p);
        input.onProgress?.(p);
      },
    },
  );

  let metrics: Record<string, number>;
  if (encoded.task === 'classification') {
    if (!model.predictProba) throw new Error(`The model "${spec.name}" gives no class probabilities.`);
    const proba = model.predictProba(test.X, testRows.length, cols);
    metrics = { ...classificationMetrics(pick(encoded.y, scoreOn), proba, encoded.classes.length) };
  } else {
    metrics = { ...regressionMetrics(pick(encoded.y, scoreOn), model.predict(test.X, testRows.length, cols)) };
  }
  return { recipe, model, metrics, featureNames: train.featureNames, curve };
}

function pick<A extends Int32Array | Float64Array>(y: A, rows: Int32Array): A {
  const out = new (y.constructor as new (n: number) => A)(rows.length);
  rows.forEach((i, k) => (out[k] = y[i]));
  return out;
}
