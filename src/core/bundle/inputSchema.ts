/**
 * The input schema of a fitted recipe, from the recipe alone (no model, no registry), so the page
 * can build its "what if" form without preparing a bundle first.
 */
import type { Recipe } from '../prep/recipe';
import type { InputField } from './bundleTypes';

/** The columns a prediction file needs, with the categories each one-hot column knows. */
export function inputSchema(recipe: Recipe): InputField[] {
  return recipe.features.map((name, i) => {
    const field: InputField = { name, type: recipe.featureTypes?.[i] ?? 'numeric' };
    for (const step of recipe.steps) {
      if (!step.fitted) continue;
      const c = step.columns.indexOf(name);
      if (c < 0) continue;
      if (step.kind === 'oneHot') field.categories = [...step.fitted.categories[c], ...step.fitted.other[c]];
      if (step.kind === 'ordinal') field.categories = [...step.fitted.categories[c]];
    }
    return field;
  });
}
