/**
 * One fit of the recipe and a model on some rows and its score on others: the step that a hold-out
 * run does once and cross-validation once per fold. The recipe is fitted on the training rows only.
 */
import type { Table } from '../data/table';
import { classificationMetrics } from '../evaluate/classificationMetrics';
import { regressionMetrics } from '../evaluate/regressionMetrics';
import { applyRecipe } from '../prep/applyRecipe';
import type { ClassificationTarget, RegressionTarget } from '../prep/encodeTarget';
import { fitRecipeWithRows } from '../prep/fitRecipe';
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
  /** See FitContext.deadline. */
  deadline?: number;
  /** Also return the scored rows' predictions and the training rows' metrics, for the evaluation view. */
  keepPredictions?: boolean;
}

/** The scored rows with their predictions: what the evaluation view draws its charts from. */
export interface HoldoutPredictions {
  /** Table rows scored, in order. */
  rows: Int32Array;
  /** Class indices (classification) or values (regression). */
  yTrue: Int32Array | Float64Array;
  /** rows x classes probabilities (classification), or predicted values (regression). */
  output: Float64Array;
  /** The same metrics on (a sample of) the training rows, to compare with the held-out ones. */
  trainMetrics: Record<string, number>;
}

/** Training-row metrics are measured on at most this many rows: predicting all of a million costs seconds. */
export const TRAIN_METRICS_MAX_ROWS = 20_000;

export interface FitAndScoreResult {
  recipe: Recipe;
  model: FittedModel;
  /** NaN where a metric is undefined (e.g. ROC AUC of one class). */
  metrics: Record<string, number>;
  featureNames: string[];
  curve: TrainProgress[];
  /** Present with `keepPredictions`. */
  holdout?: HoldoutPredictions;
}

export async function fitAndScore(input: FitAndScoreInput): Promise<FitAndScoreResult> {
  const { table, encoded, spec, scoreOn } = input;
  const allTrainRows = Int32Array.from(input.fitOn, (i) => encoded.rows[i]);
  const testRows = Int32Array.from(scoreOn, (i) => encoded.rows[i]);
  // Row-removing prepare steps shrink the training rows, and target encoding gives them
  // out-of-fold values: the model learns from exactly what the recipe's fit produced.
  const fitted = fitRecipeWithRows(input.recipe, table, allTrainRows);
  const recipe = fitted.recipe;
  const fitOn = Int32Array.from(fitted.keptPositions, (p) => input.fitOn[p]);
  const trainRows = fitted.keptTrainRows;
  const train = fitted.trainMatrix();
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
      deadline: input.deadline,
      onProgress: (p) => {
        curve.push(p);
        input.onProgress?.(p);
      },
    },
  );

  const score = (X: Float32Array, rows: number, positions: Int32Array) => {
    if (encoded.task === 'classification') {
      if (!model.predictProba) throw new Error(`The model "${spec.name}" gives no class probabilities.`);
      const proba = model.predictProba(X, rows, cols);
      const yTrue = pick(encoded.y, positions);
      return { yTrue, output: proba, metrics: { ...classificationMetrics(yTrue, proba, encoded.classes.length) } as Record<string, number> };
    }
    const yTrue = pick(encoded.y, positions);
    const output = model.predict(X, rows, cols);
    return { yTrue, output, metrics: { ...regressionMetrics(yTrue, output) } as Record<string, number> };
  };
  const scored = score(test.X, testRows.length, scoreOn);
  let holdout: HoldoutPredictions | undefined;
  if (input.keepPredictions) {
    // Every k-th training row: a deterministic sample, spread over the whole split.
    const step = Math.max(1, Math.ceil(fitOn.length / TRAIN_METRICS_MAX_ROWS));
    const sampled = fitOn.filter((_, i) => i % step === 0);
    const trainX = step === 1 ? train.X : sampleRows(train.X, cols, step, sampled.length);
    holdout = { rows: testRows, yTrue: scored.yTrue, output: scored.output, trainMetrics: score(trainX, sampled.length, sampled).metrics };
  }
  return { recipe, model, metrics: scored.metrics, featureNames: train.featureNames, curve, ...(holdout ? { holdout } : {}) };
}

/** Rows 0, step, 2*step, ... of a row-major matrix. */
function sampleRows(X: Float32Array, cols: number, step: number, count: number): Float32Array {
  const out = new Float32Array(count * cols);
  for (let k = 0; k < count; k++) out.set(X.subarray(k * step * cols, (k * step + 1) * cols), k * cols);
  return out;
}

function pick<A extends Int32Array | Float64Array>(y: A, rows: Int32Array): A {
  const out = new (y.constructor as new (n: number) => A)(rows.length);
  rows.forEach((i, k) => (out[k] = y[i]));
  return out;
}
