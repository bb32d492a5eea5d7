/**
 * The checks every tree fit starts with. Unlike the linear models' check, non-finite inputs are
 * accepted: trees route them as "missing". Targets must be finite, and class labels whole
 * numbers in 0..classes-1.
 */
import type { FitShape } from '../types';

/** Returns the class labels for a classifier (shape.classes set), or null for regression. */
export function checkTreeInputs(X: Float32Array, y: ArrayLike<number>, shape: FitShape): Int32Array | null {
  const { rows, cols } = shape;
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 1 && cols >= 1)) {
    throw new Error(`Training needs at least one row and one input column, got ${rows} x ${cols}.`);
  }
  if (X.length !== rows * cols) throw new Error(`The input holds ${X.length} values, expected ${rows} x ${cols}.`);
  if (y.length !== rows) throw new Error(`There are ${y.length} target values for ${rows} rows.`);
  if (shape.classes === undefined) {
    for (let i = 0; i < rows; i++) {
      if (!Number.isFinite(y[i])) throw new Error(`Row ${i + 1} has target ${y[i]}; regression needs finite numbers.`);
    }
    return null;
  }
  const K = shape.classes;
  if (!Number.isInteger(K) || K < 2) throw new Error(`A classifier needs at least 2 classes, got ${K}.`);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = y[i];
    if (!(labels[i] >= 0 && labels[i] < K && labels[i] === y[i])) throw new Error(`Row ${i + 1} has class ${y[i]}, not one of 0..${K - 1}.`);
  }
  return labels;
}
