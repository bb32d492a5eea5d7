/**
 * What the explanation methods need from a trained model. They take a "table -> prediction"
 * function rather than a model object, so a loaded bundle (`LoadedBundle.predict`), a freshly
 * trained model or any other predictor can be explained the same way, through its recipe.
 */
import type { Table } from '../data/table';
import type { FittedModel } from '../models/types';
import type { Recipe } from '../prep/recipe';

/** The shape of `BundlePrediction`: one prediction per row, and class probabilities for classifiers. */
export interface PredictionLike {
  /** The class name or the predicted value, one per input row. */
  prediction: ArrayLike<string | number>;
  /** Classifiers: rows x classes, row-major, in the order of `classes`. */
  proba?: Float64Array;
  classes?: string[];
}

export type PredictFn = (table: Table) => PredictionLike;

/** A trained model as `readBundle` returns it: its fitted recipe, the fitted model and the predictor. */
export interface ExplainableModel {
  meta: {
    recipe: Recipe;
    task: 'classification' | 'regression' | 'clustering';
    classes?: string[];
  };
  model: FittedModel;
  predict: PredictFn;
}

/** JSON has no NaN or Infinity: an undefined number is stored as null. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
