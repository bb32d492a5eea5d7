/**
 * Applies a fitted recipe to any table with the feature columns (matched by name) and returns
 * the model's input matrix.
 */
import type { Table } from '../data/table';
import type { Recipe } from './recipe';
import { applyStep } from './recipeSteps';
import { allRows, buildFrame } from './workFrame';

export interface RecipeOutput {
  /** Row-major, rows x featureNames.length. */
  X: Float32Array;
  featureNames: string[];
}

/** `rows` picks table rows (default: all, in order); the output follows their order. */
export function applyRecipe(fitted: Recipe, table: Table, rows?: ArrayLike<number>): RecipeOutput {
  const picked = rows ?? allRows(table.rowCount);
  const frame = buildFrame(fitted, table, picked);
  fitted.steps.forEach((step, s) => {
    if (!step.fitted) {
      throw new Error(`The recipe step "${step.kind}" (step ${s + 1}) is not fitted yet; fit the recipe on training rows first.`);
    }
    applyStep(step, frame);
  });
  const d = frame.columns.length;
  const X = new Float32Array(frame.rows * d);
  frame.columns.forEach((column, j) => {
    if (column.kind !== 'number') {
      throw new Error(`Column "${column.name}" still holds categories after the recipe; add it to a oneHot step.`);
    }
    const values = column.values;
    for (let r = 0; r < frame.rows; r++) {
      const v = values[r];
      if (Number.isNaN(v)) {
        throw new Error(
          `Column "${column.name}" has a missing value in row ${picked[r] + 1} after the recipe; add it to an impute step.`,
        );
      }
      X[r * d + j] = v;
    }
  });
  return { X, featureNames: frame.columns.map((c) => c.name) };
}
