/**
 * Linear regression: one dense unit trained on mean squared error. The target is standardised
 * for training (so Adam's step size fits any target scale, e.g. prices) and the scaling is
 * folded back into the stored coefficients.
 */
import { checkFitShape, DENSE_DEFAULTS, resolveDenseParams } from './denseParams';
import { linearScores, parseLinearJson, type LinearWeights } from './linearWeights';
import type { DenseParams } from './trainDense';
import type { FittedModel, ModelJSON, ModelSpec } from './types';

export type LinearRegressionParams = DenseParams;

const KIND = 'linear_regression';

class LinearRegressionModel implements FittedModel {
  readonly kind = KIND;
  readonly inputCount: number;
  constructor(private readonly weights: LinearWeights) {
    this.inputCount = weights.coef[0].length;
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    return linearScores(this.weights, X, rows, cols);
  }

  toJSON(): ModelJSON {
    return { kind: KIND, inputs: this.inputCount, coef: this.weights.coef, intercept: this.weights.intercept };
  }
}

export const linearRegression: ModelSpec<LinearRegressionParams> = {
  name: KIND,
  label: 'Linear regression',
  usesTensorFlow: true,
  tasks: ['regression'],
  defaults: { ...DENSE_DEFAULTS },

  async fit(X, y, shape, params, ctx) {
    const { rows, cols } = shape;
    checkFitShape(X, y, rows, cols);
    const p = resolveDenseParams(DENSE_DEFAULTS, params);
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += y[i];
    mean /= rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += (y[i] - mean) ** 2;
    const sd = Math.sqrt(ss / rows) || 1;
    if (!Number.isFinite(mean) || !Number.isFinite(sd)) throw new Error('The target holds values that are not finite numbers.');
    const targets = Float32Array.from({ length: rows }, (_, i) => (y[i] - mean) / sd);
    // Loaded on demand: predicting with a stored model never needs TensorFlow.js.
    const { trainDense } = await import('./trainDense');
    // The penalties act on this standardised target: on standardised inputs, l1 matches
    // scikit-learn's Lasso(alpha) (1/(2n) ||y - Xw||^2 + alpha ||w||_1) at l1 = 2 alpha / sd.
    const fit = await trainDense({ X, rows, cols, targets, outputs: 1, loss: 'mse' }, p, ctx);
    const coef = [fit.coef[0].map((w) => w * sd)];
    const intercept = [fit.intercept[0] * sd + mean];
    return new LinearRegressionModel({ coef, intercept });
  },

  fromJSON(json) {
    const { coef, intercept } = parseLinearJson(json, KIND, 1);
    return new LinearRegressionModel({ coef, intercept });
  },
};
