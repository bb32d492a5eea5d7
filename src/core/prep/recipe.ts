/**
 * The recipe: preprocessing as plain JSON data.
 *
 * The same object is fitted once on training rows, then applied unchanged in training,
 * evaluation, browser predictions, the CLI and the exported bundle. Steps refer to columns by
 * name (never by position) so a prediction file may order its columns differently.
 */
import type { ColumnType } from '../data/table';
import { oneHotName, oneHotOtherName } from './oneHotNames';
import { preparedColumns } from './preparedSchema';
import type { PrepareStep } from './prepareSteps';

/** Fill missing values: numeric columns with the training median, categories with the most frequent value. */
export interface ImputeStep {
  kind: 'impute';
  columns: string[];
  /** One fill value per column; `null` when training had no value to learn from. */
  fitted?: { fill: Array<number | string | null> };
}

/**
 * One 0/1 column per category seen in training. Categories beyond the `maxCategories` most
 * frequent share one "other" column; a category never seen in training gives all zeros.
 */
export interface OneHotStep {
  kind: 'oneHot';
  columns: string[];
  maxCategories?: number;
  /** Per column: the kept categories (sorted) and the rare ones bucketed into "other". */
  fitted?: { categories: string[][]; other: string[][] };
}

/**
 * One number per category column: the category's position among those seen in training, sorted
 * (-1 for a category never seen, or missing). For tree models, which split on it directly.
 */
export interface OrdinalStep {
  kind: 'ordinal';
  columns: string[];
  fitted?: { categories: string[][] };
}

/** Subtract the training mean and divide by the training standard deviation (ddof 0; 0 becomes 1). */
export interface StandardScaleStep {
  kind: 'standardScale';
  columns: string[];
  fitted?: { mean: number[]; std: number[] };
}

export type RecipeStep = ImputeStep | OneHotStep | OrdinalStep | StandardScaleStep;
export type RecipeStepKind = RecipeStep['kind'];
export const RECIPE_STEP_KINDS: readonly RecipeStepKind[] = ['impute', 'oneHot', 'ordinal', 'standardScale'];

/** A column the default recipe left out, with the reason shown to the user. */
export interface DroppedColumn {
  column: string;
  reason: string;
}

export interface Recipe {
  version: 1;
  target: string;
  /** Input columns, matched by name in any table the recipe is applied to (what a prediction file must hold). */
  features: string[];
  /** The type each feature had in training; filled in by `fitRecipe`. */
  featureTypes?: ColumnType[];
  dropped?: DroppedColumn[];
  /**
   * The person's own preparation, run first on the features (see prepareSteps.ts). With enabled
   * steps, `steps` below encode the columns these leave instead of `features`, and an encoding step
   * skips a column that a prepare step dropped while fitting (e.g. a selection step on new data).
   */
  prepare?: PrepareStep[];
  /** The model's encoding: impute, oneHot/ordinal, standardScale. */
  steps: RecipeStep[];
}

export const DEFAULT_MAX_CATEGORIES = 50;

export { oneHotName, oneHotOtherName };

/** Whether the recipe has prepare steps that run (disabled ones change nothing). */
export function hasPrepare(recipe: Pick<Recipe, 'prepare'>): boolean {
  return recipe.prepare !== undefined && recipe.prepare.some((s) => s.enabled);
}

/** The columns the encoding steps start from: the features, or the columns the fitted prepare steps leave. */
export function encodingInputs(recipe: Recipe): string[] {
  return hasPrepare(recipe) ? preparedColumns(recipe).map((c) => c.name) : recipe.features.slice();
}

/** The columns that are treated as categories (anything a oneHot or ordinal step consumes). */
export function categoricalFeatures(recipe: Recipe): Set<string> {
  const out = new Set<string>();
  for (const step of recipe.steps) if (step.kind === 'oneHot' || step.kind === 'ordinal') for (const c of step.columns) out.add(c);
  return out;
}

/**
 * The model's input names in order, computed from a fitted recipe without any data: the
 * features (or the prepared columns), each one-hot column replaced in place by its outputs.
 */
export function recipeFeatureNames(recipe: Recipe): string[] {
  let names = encodingInputs(recipe);
  for (const step of recipe.steps) {
    if (step.kind !== 'oneHot') continue;
    if (!step.fitted) throw new Error('The recipe is not fitted yet, so its output columns are unknown.');
    const fitted = step.fitted;
    names = names.flatMap((name) => {
      const i = step.columns.indexOf(name);
      if (i < 0) return [name];
      const outs = fitted.categories[i].map((cat) => oneHotName(name, cat));
      if (fitted.other[i].length > 0) outs.push(oneHotOtherName(name));
      return outs;
    });
  }
  return names;
}
