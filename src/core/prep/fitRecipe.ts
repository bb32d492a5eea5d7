/**
 * Fits a recipe: every parameter (the prepare steps' medians, bounds, encodings, the encoding's
 * fills, categories, means) is learned from the training rows alone, so nothing about validation
 * or test rows leaks into the model's inputs. The prepare steps run first, then the encoding.
 */
import { columnIndex, type Table } from '../data/table';
import { frameMatrix, type RecipeOutput } from './applyRecipe';
import { fitPrepare } from './fitPrepare';
import { prepareInput } from './prepareInput';
import { droppedByPrepare } from './preparedSchema';
import { hasPrepare, type Recipe } from './recipe';
import { applyStepSkipping, fitStepSkipping } from './recipeSteps';
import { buildFrame, buildPreparedFrame, type WorkFrame } from './workFrame';

export interface FittedRecipe {
  recipe: Recipe;
  /** The training rows the model should learn from: trainRows less those a row-removing prepare step dropped. */
  keptTrainRows: Int32Array;
  /** For each kept row, its position in `trainRows` (to pick the matching targets). */
  keptPositions: Int32Array;
  /**
   * The model's inputs for the kept training rows as fitting transformed them (scikit-learn's
   * fit_transform): identical to applyRecipe on those rows except for target encoding, whose
   * training rows get out-of-fold values. Throws as applyRecipe does for values left missing.
   */
  trainMatrix(): RecipeOutput;
}

export function fitRecipe(recipe: Recipe, table: Table, trainRows: Int32Array): Recipe {
  return fitRecipeWithRows(recipe, table, trainRows).recipe;
}

export function fitRecipeWithRows(recipe: Recipe, table: Table, trainRows: Int32Array): FittedRecipe {
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
  let frame: WorkFrame;
  let kept = trainRows;
  let skip: ReadonlySet<string> = new Set();
  if (hasPrepare(base)) {
    const input = prepareInput(base, table);
    const targetAt = columnIndex(table, base.target);
    // The target travels beside the features only to the supervised steps; it is never transformed.
    if (targetAt >= 0) input.columns.push(table.columns[targetAt]);
    const prepared = fitPrepare(base.prepare!, input, trainRows, targetAt >= 0 ? { target: base.target } : {});
    base.prepare = prepared.steps;
    kept = prepared.keptTrainRows;
    skip = droppedByPrepare(prepared.steps);
    frame = buildPreparedFrame(base, prepared.table);
  } else {
    frame = buildFrame(base, table, trainRows);
  }
  const steps = base.steps.map((step) => {
    const fitted = fitStepSkipping(step, frame, skip);
    // Later steps learn from the output of earlier ones (e.g. scaling sees imputed values).
    applyStepSkipping(fitted, frame, skip);
    return fitted;
  });
  const keptPositions = positionsOf(kept, trainRows);
  return { recipe: { ...base, steps }, keptTrainRows: kept, keptPositions, trainMatrix: () => frameMatrix(frame, kept) };
}

function positionsOf(kept: Int32Array, trainRows: Int32Array): Int32Array {
  if (kept === trainRows) return Int32Array.from(trainRows, (_, i) => i);
  // Row-removing steps keep the order, so one forward walk matches them.
  const out = new Int32Array(kept.length);
  for (let i = 0, j = 0; i < kept.length; i++) {
    while (trainRows[j] !== kept[i]) j++;
    out[i] = j++;
  }
  return out;
}
