/**
 * Gaussian naive Bayes, as scikit-learn's GaussianNB: per class, the mean and the biased
 * (ddof 0) variance of every input, each variance widened by
 * epsilon = varSmoothing * (largest variance of any input over all training rows), and class
 * priors from the class frequencies. All statistics are float64 even though X is float32.
 *
 * A class with no training rows (shape.classes can exceed the classes present, e.g. in a small
 * cross-validation fold) gets prior 0, mean 0 and variance epsilon, as scikit-learn's
 * partial_fit(classes=...) does: its log prior is -Infinity, so its probability is exactly 0
 * and the log-sum-exp over the other classes stays finite.
 */
import { assertSafeJson, expectFiniteArray, expectFiniteMatrix, expectInteger, expectObject, joinPath, JsonShapeError, shapeError } from '../bundle/jsonShape';
import { throwIfAborted } from './abort';
import { checkFitShape } from './denseParams';
import { classProbabilities, predictedClasses } from './naiveBayesScores';
import type { FittedModel, ModelJSON, ModelSpec } from './types';

export type GaussianNaiveBayesParams = {
  /** Share of the largest input variance added to every variance (scikit-learn's var_smoothing). */
  varSmoothing: number;
};

const KIND = 'gaussian_naive_bayes';

const DEFAULTS: GaussianNaiveBayesParams = { varSmoothing: 1e-9 };

/** `means[k][j]`, `variances[k][j]` (already smoothed) of input j in class k; `priors[k]` in [0, 1]. */
export interface NaiveBayesStats {
  priors: number[];
  means: number[][];
  variances: number[][];
}

class GaussianNaiveBayesModel implements FittedModel {
  readonly kind = KIND;
  readonly inputCount: number;
  readonly classCount: number;
  private readonly mean: Float64Array;
  private readonly variance: Float64Array;
  /** log prior - 0.5 * sum(log(2 pi var)) per class: the part of the score that ignores x. */
  private readonly offset: Float64Array;

  constructor(private readonly stats: NaiveBayesStats) {
    this.classCount = stats.priors.length;
    this.inputCount = stats.means[0].length;
    this.mean = Float64Array.from(stats.means.flat());
    this.variance = Float64Array.from(stats.variances.flat());
    this.offset = Float64Array.from(stats.priors, (prior, k) => {
      let logDet = 0;
      for (const v of stats.variances[k]) logDet += Math.log(2 * Math.PI * v);
      return Math.log(prior) - 0.5 * logDet;
    });
  }

  /** scikit-learn's joint log likelihood, rows x classes; -Infinity for a class of prior 0. */
  private jointLogLikelihood(X: Float32Array, rows: number, cols: number): Float64Array {
    if (cols !== this.inputCount) throw new Error(`The model expects ${this.inputCount} input columns, got ${cols}.`);
    if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
    const K = this.classCount;
    const out = new Float64Array(rows * K);
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      for (let k = 0; k < K; k++) {
        let distance = 0;
        for (let j = 0; j < cols; j++) {
          const d = X[base + j] - this.mean[k * cols + j];
          distance += (d * d) / this.variance[k * cols + j];
        }
        out[r * K + k] = this.offset[k] - 0.5 * distance;
      }
    }
    return out;
  }

  predictProba(X: Float32Array, rows: number, cols: number): Float64Array {
    return classProbabilities(this.jointLogLikelihood(X, rows, cols), rows, this.classCount, this.stats.priors);
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    return predictedClasses(this.jointLogLikelihood(X, rows, cols), rows, this.classCount, this.stats.priors);
  }

  toJSON(): ModelJSON {
    const { priors, means, variances } = this.stats;
    return { kind: KIND, inputs: this.inputCount, classes: this.classCount, priors, means, variances };
  }
}

function resolveParams(params: Partial<GaussianNaiveBayesParams>): GaussianNaiveBayesParams {
  const p = { ...DEFAULTS, ...params };
  const v = p.varSmoothing;
  if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
    throw new Error(`The parameter "varSmoothing" is ${String(v)}; expected a number above 0 (scikit-learn's default is 1e-9).`);
  }
  return p;
}

/** The per-class statistics of one pass over the rows (plus one for the squared deviations). */
function naiveBayesStats(X: Float32Array, labels: Int32Array, rows: number, cols: number, K: number, varSmoothing: number): NaiveBayesStats {
  const counts = new Float64Array(K);
  const sums = new Float64Array(K * cols);
  const totals = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const k = labels[r];
    counts[k]++;
    for (let j = 0; j < cols; j++) {
      sums[k * cols + j] += X[r * cols + j];
      totals[j] += X[r * cols + j];
    }
  }
  const means = Float64Array.from(sums, (s, i) => {
    const n = counts[Math.floor(i / cols)];
    return n > 0 ? s / n : 0;
  });
  const overallMeans = Float64Array.from(totals, (t) => t / rows);
  const squares = new Float64Array(K * cols);
  const overallSquares = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const k = labels[r];
    for (let j = 0; j < cols; j++) {
      const x = X[r * cols + j];
      squares[k * cols + j] += (x - means[k * cols + j]) ** 2;
      overallSquares[j] += (x - overallMeans[j]) ** 2;
    }
  }
  let maxVariance = 0;
  for (const s of overallSquares) maxVariance = Math.max(maxVariance, s / rows);
  // Every input constant: scikit-learn's epsilon would be 0 and every score NaN; take unit scale.
  const epsilon = varSmoothing * (maxVariance > 0 ? maxVariance : 1);
  if (!(epsilon > 0)) throw new Error(`The parameter "varSmoothing" (${varSmoothing}) is too small for these inputs' variances.`);
  const perClass = (k: number, value: (i: number) => number) => Array.from({ length: cols }, (_, j) => value(k * cols + j));
  return {
    priors: Array.from(counts, (c) => c / rows),
    means: Array.from({ length: K }, (_, k) => perClass(k, (i) => means[i])),
    variances: Array.from({ length: K }, (_, k) => perClass(k, (i) => (counts[k] > 0 ? squares[i] / counts[k] : 0) + epsilon)),
  };
}

export const gaussianNaiveBayes: ModelSpec<GaussianNaiveBayesParams> = {
  name: KIND,
  label: 'Naive Bayes (Gaussian)',
  tasks: ['classification'],
  defaults: DEFAULTS,

  async fit(X, y, shape, params, ctx) {
    const { rows, cols } = shape;
    const K = shape.classes ?? 0;
    checkFitShape(X, y, rows, cols);
    if (!Number.isInteger(K) || K < 2) throw new Error(`A classifier needs at least 2 classes, got ${K}.`);
    const { varSmoothing } = resolveParams(params);
    const labels = Int32Array.from({ length: rows }, (_, i) => y[i]);
    for (let i = 0; i < rows; i++) {
      if (!(labels[i] >= 0 && labels[i] < K && labels[i] === y[i])) throw new Error(`Row ${i + 1} has class ${y[i]}, not one of 0..${K - 1}.`);
    }
    throwIfAborted(ctx.signal);
    return new GaussianNaiveBayesModel(naiveBayesStats(X, labels, rows, cols, K, varSmoothing));
  },

  fromJSON(json) {
    assertSafeJson(json);
    const o = expectObject(json, '');
    if (o.kind !== KIND) throw shapeError('kind', o.kind, `"${KIND}"`);
    const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
    const classes = expectInteger(o.classes, 'classes', 2, 100_000);
    const priors = expectFiniteArray(o.priors, 'priors', classes);
    priors.forEach((p, k) => {
      if (!(p >= 0 && p <= 1)) throw shapeError(joinPath('priors', k), p, 'a number from 0 to 1');
    });
    const total = priors.reduce((s, p) => s + p, 0);
    if (Math.abs(total - 1) > 1e-6) throw new JsonShapeError('priors', `"priors" sum to ${total}, expected 1.`);
    const means = expectFiniteMatrix(o.means, 'means', classes, inputs);
    const variances = expectFiniteMatrix(o.variances, 'variances', classes, inputs);
    variances.forEach((row, k) =>
      row.forEach((v, j) => {
        if (!(v > 0)) throw shapeError(joinPath(joinPath('variances', k), j), v, 'a number above 0');
      }),
    );
    return new GaussianNaiveBayesModel({ priors, means, variances });
  },
};
