/**
 * Which input column each of the recipe's output columns comes from, so explanations computed
 * on the model's matrix (TreeSHAP) can be summed back to the columns the user knows. Follows
 * `recipeFeatureNames`: the features in order, each one-hot column replaced in place by its
 * outputs; the other steps keep one output per column.
 */
import type { Recipe } from '../prep/recipe';

/** For each model input, the index in `recipe.features` of the column it is made from. */
export function featureSources(recipe: Recipe): number[] {
  let names = recipe.features.map((name, source) => ({ name, source }));
  for (const step of recipe.steps) {
    if (step.kind !== 'oneHot') continue;
    if (!step.fitted) throw new Error('The recipe is not fitted yet, so its output columns are unknown.');
    const fitted = step.fitted;
    names = names.flatMap((entry) => {
      const i = step.columns.indexOf(entry.name);
      if (i < 0) return [entry];
      const width = fitted.categories[i].length + (fitted.other[i].length > 0 ? 1 : 0);
      return Array.from({ length: width }, () => ({ name: '', source: entry.source }));
    });
  }
  return names.map((entry) => entry.source);
}
