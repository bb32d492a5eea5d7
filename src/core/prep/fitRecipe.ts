/**
 * Fits a recipe: every parameter (medians, categories, means) is learned from the training rows
 * alone, so nothing about validation or test rows leaks into the model's inputs.
 */
import { columnIndex, type Table } from '../data/table';
import type { Recipe } from './recipe';
import { applyStep, fitStep } from './recipeSteps';
import { buildFrame } from './workFrame';

export function fitRecipe(recipe: Recipe, table: Table, trainRows: Int32Array): Recipe {
  if (recipe.features.includes(recipe.target)) {
    throw new Error(`The target "${recipe.target}" is also listed as a feature; the model would see the answer.`);
  }
  if (trainRows.length === 0) throw new Error('The recipe cannot be fitted on zero training rows.');
  const featureTypes = recipe.features.map((name) => {
    const i = columnIndex(table, name);
    if (i < 0) throw new Error(`The data has no column "${name}", which the recipe needs as an input.`);
    return table.columns[i].type;
  });
  // A copy: the caller's unfitted recipe stays as it was (the UI may still be editing it).
  const base: Recipe = JSON.parse(JSON.stringify({ ...recipe, featureTypes }));
  const frame = buildFrame(base, table, trainRows);
  const steps = base.steps.map((step) => {
    const fitted = fitStep(step, frame);
    // Later steps learn from the output of earlier ones (e.g. scaling sees imputed values).
    applyStep(fitted, frame);
    return fitted;
  });
  return { ...base, steps };
}
