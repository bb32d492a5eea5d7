/**
 * The definition of a fitted recipe: its inputs, prepare steps, encoding steps and step options
 * with every learned parameter (fills, categories, means, bounds, encodings, lambdas, dropped
 * columns) and the training types taken off. A bundle stores only the fitted recipe; this is what
 * retraining (`train --recipe`) fits again on new rows, so nothing learned from the old data
 * carries over, while the prepare steps are replayed exactly as they were defined.
 */
import type { PrepareStep } from './prepareSteps';
import type { Recipe, RecipeStep } from './recipe';

export function unfittedRecipe(recipe: Recipe): Recipe {
  const { featureTypes: _learnedTypes, prepare, ...definition } = recipe;
  // Step options (e.g. oneHot's maxCategories) sit beside `fitted`, so they stay.
  const steps = recipe.steps.map(({ fitted: _learned, ...options }) => options as RecipeStep);
  const unfitted = prepare?.map(({ fitted: _learned, ...options }) => options as PrepareStep);
  // A deep copy: the caller's fitted recipe stays as it was.
  return JSON.parse(JSON.stringify({ ...definition, ...(unfitted ? { prepare: unfitted } : {}), steps })) as Recipe;
}
