/**
 * The definition of a fitted recipe: its inputs, steps and step options with every learned
 * parameter (fills, categories, means) and the training types taken off. A bundle stores only the
 * fitted recipe; this is what retraining fits again on new rows, so nothing learned from the old
 * data carries over.
 */
import type { Recipe, RecipeStep } from './recipe';

export function unfittedRecipe(recipe: Recipe): Recipe {
  const { featureTypes: _learnedTypes, ...definition } = recipe;
  // Step options (e.g. oneHot's maxCategories) sit beside `fitted`, so they stay.
  const steps = recipe.steps.map(({ fitted: _learned, ...options }) => options as RecipeStep);
  // A deep copy: the caller's fitted recipe stays as it was.
  return JSON.parse(JSON.stringify({ ...definition, steps })) as Recipe;
}
