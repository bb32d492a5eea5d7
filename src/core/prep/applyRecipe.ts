/**
 * Applies a fitted recipe to any table with the feature columns (matched by name) and returns
 * the model's input matrix: the prepare steps first, then the encoding, learning nothing.
 */
import type { Table } from '../data/table';
import { applyPrepare } from './applyPrepare';
import { prepareInput } from './prepareInput';
import { droppedByPrepare } from './preparedSchema';
import { hasPrepare, type Recipe } from './recipe';
import { applyStepSkipping } from './recipeSteps';
import { allRows, buildFrame, buildPreparedFrame, type WorkFrame } from './workFrame';

export interface RecipeOutput {
  /** Row-major, rows x featureNames.length. */
  X: Float32Array;
  featureNames: string[];
}

/** `rows` picks table rows (default: all, in order); the output follows their order. */
export function applyRecipe(fitted: Recipe, table: Table, rows?: ArrayLike<number>): RecipeOutput {
  const picked = rows ?? allRows(table.rowCount);
  let frame: WorkFrame;
  let skip: ReadonlySet<string> = new Set();
  if (hasPrepare(fitted)) {
    const prepared = applyPrepare(fitted.prepare!, prepareInput(fitted, table, rows));
    skip = droppedByPrepare(fitted.prepare);
    frame = buildPreparedFrame(fitted, prepared);
  } else {
    frame = buildFrame(fitted, table, picked);
  }
  fitted.steps.forEach((step, s) => {
    if (!step.fitted) {
      throw new Error(`The recipe step "${step.kind}" (step ${s + 1}) is not fitted yet; fit the recipe on training rows first.`);
    }
    applyStepSkipping(step, frame, skip);
  });
  return frameMatrix(frame, picked);
}

/** Rows per block when the matrix is filled column by column: a block's rows stay in the CPU cache. */
const BLOCK_ROWS = 1024;

/** The frame as the model's matrix; `rowsOf` names each frame row's table row in messages. */
export function frameMatrix(frame: WorkFrame, rowsOf: ArrayLike<number>): RecipeOutput {
  const d = frame.columns.length;
  const X = new Float32Array(frame.rows * d);
  const columns = frame.columns.map((column) => {
    if (column.kind !== 'number') {
      throw new Error(`Column "${column.name}" still holds categories after the recipe; add it to a oneHot step.`);
    }
    return column.values;
  });
  // Filled in blocks of rows, each column in turn, rather than one whole column after another: a whole
  // column writes every cache line of X once per column, which is several times slower on wide data.
  for (let start = 0; start < frame.rows; start += BLOCK_ROWS) {
    const end = Math.min(frame.rows, start + BLOCK_ROWS);
    for (let j = 0; j < d; j++) {
      const values = columns[j];
      for (let r = start; r < end; r++) {
        const v = values[r];
        if (v !== v) {
          throw new Error(`Column "${frame.columns[j].name}" has a missing value in row ${rowsOf[r] + 1} after the recipe; add it to an impute step.`);
        }
        X[r * d + j] = v;
      }
    }
  }
  return { X, featureNames: frame.columns.map((c) => c.name) };
}
