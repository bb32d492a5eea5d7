/**
 * Hyperparameters shared by the linear models, with their defaults and a check that turns a
 * bad value (from the UI, a CLI flag or a stored bundle) into a sentence instead of a NaN loss.
 */
import type { DenseParams } from './trainDense';

export const DENSE_DEFAULTS: DenseParams = {
  epochs: 100,
  learningRate: 0.01,
  batchSize: 0,
  l2: 0,
  l1: 0,
  patience: 10,
  validationFraction: 0.1,
};

export function resolveDenseParams(defaults: DenseParams, params: Partial<DenseParams>): DenseParams {
  const p: DenseParams = { ...defaults, ...params };
  const check = (name: keyof DenseParams, ok: boolean, expected: string): void => {
    if (!ok) throw new Error(`The parameter "${name}" is ${String(p[name])}; expected ${expected}.`);
  };
  check('epochs', Number.isInteger(p.epochs) && p.epochs >= 1 && p.epochs <= 100_000, 'an integer from 1 to 100000');
  check('learningRate', p.learningRate > 0 && p.learningRate <= 10, 'a number above 0 and at most 10');
  check('batchSize', Number.isInteger(p.batchSize) && p.batchSize >= 0, 'a whole number (0 for automatic)');
  check('l2', p.l2 >= 0 && Number.isFinite(p.l2), 'a number of at least 0');
  check('l1', p.l1 >= 0 && Number.isFinite(p.l1), 'a number of at least 0');
  check('patience', Number.isInteger(p.patience) && p.patience >= 1, 'a positive integer');
  check('validationFraction', p.validationFraction >= 0 && p.validationFraction < 0.5, 'a number from 0 to 0.5');
  return p;
}

/** The same checks every fit starts with: the matrix and labels agree with the stated shape. */
export function checkFitShape(X: Float32Array, y: ArrayLike<number>, rows: number, cols: number): void {
  if (!(rows >= 1 && cols >= 1)) throw new Error(`Training needs at least one row and one input column, got ${rows} x ${cols}.`);
  if (X.length !== rows * cols) throw new Error(`The input holds ${X.length} values, expected ${rows} x ${cols}.`);
  if (y.length !== rows) throw new Error(`There are ${y.length} target values for ${rows} rows.`);
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      throw new Error(`Input column ${(i % cols) + 1} of row ${Math.floor(i / cols) + 1} is ${X[i]}; models need finite numbers.`);
    }
  }
}
