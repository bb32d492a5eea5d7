/**
 * Logistic regression: one sigmoid unit for two classes, a softmax layer (multinomial) for
 * more. Probabilities are computed in plain TypeScript from the stored coefficients.
 */
import { expectInteger, expectObject } from '../bundle/jsonShape';
import { argmaxClasses } from '../evaluate/confusionMatrix';
import { checkFitShape, DENSE_DEFAULTS, resolveDenseParams } from './denseParams';
import { linearScores, parseLinearJson, type LinearWeights } from './linearWeights';
import type { DenseParams } from './trainDense';
import type { FittedModel, ModelJSON, ModelSpec } from './types';

export type LogisticRegressionParams = DenseParams;

const KIND = 'logistic_regression';

class LogisticRegressionModel implements FittedModel {
  readonly kind = KIND;
  readonly inputCount: number;
  constructor(
    private readonly weights: LinearWeights,
    readonly classCount: number,
  ) {
    this.inputCount = weights.coef[0].length;
  }

  predictProba(X: Float32Array, rows: number, cols: number): Float64Array {
    const z = linearScores(this.weights, X, rows, cols);
    const K = this.classCount;
    const out = new Float64Array(rows * K);
    if (K === 2) {
      for (let r = 0; r < rows; r++) {
        const p = 1 / (1 + Math.exp(-z[r]));
        out[r * 2] = 1 - p;
        out[r * 2 + 1] = p;
      }
      return out;
    }
    for (let r = 0; r < rows; r++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[r * K + k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += out[r * K + k] = Math.exp(z[r * K + k] - max);
      for (let k = 0; k < K; k++) out[r * K + k] /= sum;
    }
    return out;
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    return Float64Array.from(argmaxClasses(this.predictProba(X, rows, cols), rows, this.classCount));
  }

  toJSON(): ModelJSON {
    const { coef, intercept } = this.weights;
    return { kind: KIND, inputs: this.inputCount, classes: this.classCount, coef, intercept };
  }
}

export const logisticRegression: ModelSpec<LogisticRegressionParams> = {
  name: KIND,
  label: 'Logistic regression',
  usesTensorFlow: true,
  tasks: ['classification'],
  // l2 near scikit-learn's default (C = 1) for a few hundred rows: 1 / (2 C n) ~ 1e-3. The L1
  // penalty (off by default) matches LogisticRegression(penalty='l1', C) at l1 = 1 / (C n):
  // scikit-learn minimises C * sum of the row losses + ||w||_1, the studio their mean + l1 ||w||_1.
  defaults: { ...DENSE_DEFAULTS, l2: 1e-3, learningRate: 0.02 },

  async fit(X, y, shape, params, ctx) {
    const { rows, cols } = shape;
    const K = shape.classes ?? 0;
    checkFitShape(X, y, rows, cols);
    if (!Number.isInteger(K) || K < 2) throw new Error(`A classifier needs at least 2 classes, got ${K}.`);
    const p = resolveDenseParams(logisticRegression.defaults, params);
    const labels = Int32Array.from({ length: rows }, (_, i) => y[i]);
    for (let i = 0; i < rows; i++) {
      if (!(labels[i] >= 0 && labels[i] < K && labels[i] === y[i])) throw new Error(`Row ${i + 1} has class ${y[i]}, not one of 0..${K - 1}.`);
    }
    const outputs = K === 2 ? 1 : K;
    const targets = new Float32Array(rows * outputs);
    for (let i = 0; i < rows; i++) {
      if (K === 2) targets[i] = labels[i];
      else targets[i * K + labels[i]] = 1;
    }
    const { trainDense } = await import('./trainDense');
    const loss = K === 2 ? 'sigmoid' : 'softmax';
    const fit = await trainDense({ X, rows, cols, targets, outputs, loss, stratify: labels }, p, ctx);
    return new LogisticRegressionModel({ coef: fit.coef, intercept: fit.intercept }, K);
  },

  fromJSON(json) {
    const classes = expectInteger(expectObject(json, '').classes, 'classes', 2, 100_000);
    const { coef, intercept } = parseLinearJson(json, KIND, classes === 2 ? 1 : classes);
    return new LogisticRegressionModel({ coef, intercept }, classes);
  },
};
