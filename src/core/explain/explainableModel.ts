/**
 * A trained model (fitted recipe + fitted model) as the explanation methods take it, with the
 * same "table -> prediction" path as a loaded bundle (bundle/readBundle.ts), so a model can be
 * explained straight after training without writing a bundle first.
 */
import type { Table } from '../data/table';
import { argmaxClasses } from '../evaluate/confusionMatrix';
import type { FittedModel } from '../models/types';
import { applyRecipe } from '../prep/applyRecipe';
import type { Recipe } from '../prep/recipe';
import type { ExplainableModel, PredictionLike } from './types';

export interface TrainedParts {
  recipe: Recipe;
  model: FittedModel;
  task: 'classification' | 'regression';
  /** Class names, for classifiers (index k is class k of the model). */
  classes?: string[];
}

export function explainableModel({ recipe, model, task, classes }: TrainedParts): ExplainableModel {
  if (task === 'classification' && classes?.length !== model.classCount) {
    throw new Error(`The model has ${model.classCount} classes but ${classes?.length ?? 0} class names were given.`);
  }
  const names = task === 'classification' ? classes : undefined;
  const predict = (table: Table): PredictionLike => {
    const { X, featureNames } = applyRecipe(recipe, table);
    const rows = table.rowCount;
    const cols = featureNames.length;
    if (names && model.predictProba) {
      const proba = model.predictProba(X, rows, cols);
      const index = argmaxClasses(proba, rows, names.length);
      return { prediction: Array.from(index, (k) => names[k]), proba, classes: names.slice() };
    }
    if (names) return { prediction: Array.from(model.predict(X, rows, cols), (k) => names[k]), classes: names.slice() };
    return { prediction: Array.from(model.predict(X, rows, cols)) };
  };
  return { meta: { recipe, task, ...(names ? { classes: names.slice() } : {}) }, model, predict };
}
