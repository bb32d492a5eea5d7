/**
 * A trained model (fitted recipe + fitted model) as the explanation methods take it, with the
 * same "table -> prediction" path as a loaded bundle (bundle/recipePredictor.ts), so a model can be
 * explained straight after training without writing a bundle first.
 */
import type { FittedModel } from '../models/types';
import { recipePredictor } from '../bundle/recipePredictor';
import type { Recipe } from '../prep/recipe';
import type { ExplainableModel } from './types';

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
  const predict = recipePredictor(recipe, model, names);
  return { meta: { recipe, task, ...(names ? { classes: names.slice() } : {}) }, model, predict };
}
