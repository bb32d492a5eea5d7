/**
 * The one "table -> prediction" path of a fitted recipe and model: a loaded bundle predicts with
 * it, and so does a model explained straight after training, so both give the same answers.
 */
import type { Table } from '../data/table';
import { argmaxClasses } from '../evaluate/confusionMatrix';
import type { FittedModel } from '../models/types';
import { applyRecipe } from '../prep/applyRecipe';
import type { Recipe } from '../prep/recipe';
import type { BundlePrediction } from './bundleTypes';

/** `classes` names the classes of a classifier (index k is class k); regression and clustering have none. */
export function recipePredictor(recipe: Recipe, model: FittedModel, classes?: string[]): (table: Table) => BundlePrediction {
  return (table) => {
    const { X, featureNames } = applyRecipe(recipe, table);
    const rows = table.rowCount;
    const cols = featureNames.length;
    if (classes && model.predictProba) {
      const proba = model.predictProba(X, rows, cols);
      const index = argmaxClasses(proba, rows, classes.length);
      return { prediction: Array.from(index, (k) => classes[k]), proba, classes: classes.slice() };
    }
    if (classes) return { prediction: Array.from(model.predict(X, rows, cols), (k) => classes[k]), classes: classes.slice() };
    return { prediction: Array.from(model.predict(X, rows, cols)) };
  };
}
