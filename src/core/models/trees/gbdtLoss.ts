/**
 * The losses gradient boosting minimises, with scikit-learn's choices: log loss on the logit
 * for two classes, softmax log loss with one tree per class per round for more, and squared
 * error for regression. Raw scores are class-major (`raw[k * n + i]`); gradients and hessians
 * are Float32 like scikit-learn's, which halves the memory the histogram pass reads.
 */

export interface GbdtLoss {
  /** Trees per boosting round (1, or the number of classes for softmax). */
  readonly outputs: number;
  /** True when every hessian is 1, so histograms can count rows instead of summing hessians. */
  readonly constantHessian: boolean;
  /** The best constant raw score per output (the model's starting point). */
  baseline(y: ArrayLike<number>): Float64Array;
  /**
   * Fills g and h (class-major, like raw) for the current raw scores and returns their mean
   * loss, computed in the same pass since it shares the exponentials.
   */
  gradients(y: ArrayLike<number>, raw: Float64Array, g: Float32Array, h: Float32Array): number;
  /** The mean loss reported to the user and watched by early stopping. */
  loss(y: ArrayLike<number>, raw: Float64Array): number;
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export const squaredError: GbdtLoss = {
  outputs: 1,
  constantHessian: true,
  baseline(y) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i];
    return Float64Array.of(sum / y.length);
  },
  gradients(y, raw, g, h) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const d = raw[i] - y[i];
      g[i] = d;
      h[i] = 1;
      sum += d * d;
    }
    return sum / y.length;
  },
  // Mean squared error (what the linear models report too), not scikit-learn's half of it.
  loss(y, raw) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += (y[i] - raw[i]) ** 2;
    return sum / y.length;
  },
};

export const binaryLogLoss: GbdtLoss = {
  outputs: 1,
  constantHessian: false,
  baseline(y) {
    let pos = 0;
    for (let i = 0; i < y.length; i++) pos += y[i];
    // Clipped like scikit-learn, so a single-class training set still gives a finite start.
    const p = Math.min(1 - 1e-15, Math.max(1e-15, pos / y.length));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(y, raw, g, h) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const z = raw[i];
      const e = Math.exp(-z);
      const p = 1 / (1 + e);
      g[i] = p - y[i];
      h[i] = p * (1 - p);
      // log(1 + e^-z) is the loss of a positive row, z + log(1 + e^-z) of a negative one;
      // when e^-z overflows (z < -709) log(1 + e^-z) is -z to double precision.
      const lp = e < 1e300 ? Math.log1p(e) : -z;
      sum += y[i] === 1 ? lp : z + lp;
    }
    return sum / y.length;
  },
  loss(y, raw) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += softplus(raw[i]) - y[i] * raw[i];
    return sum / y.length;
  },
};

export function softmaxLogLoss(classes: number): GbdtLoss {
  const K = classes;
  return {
    outputs: K,
    constantHessian: false,
    baseline(y) {
      const counts = new Float64Array(K);
      for (let i = 0; i < y.length; i++) counts[y[i]]++;
      // log p_k, centred so the scores sum to 0 (softmax ignores a common shift).
      const logs = Float64Array.from(counts, (c) => Math.log(Math.min(1 - 1e-15, Math.max(1e-15, c / y.length))));
      const mean = logs.reduce((a, b) => a + b, 0) / K;
      return logs.map((v) => v - mean);
    },
    gradients(y, raw, g, h) {
      const n = y.length;
      const e = new Float64Array(K);
      let total = 0;
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, raw[k * n + i]);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += e[k] = Math.exp(raw[k * n + i] - max);
        for (let k = 0; k < K; k++) {
          const p = e[k] / sum;
          g[k * n + i] = p - (y[i] === k ? 1 : 0);
          h[k * n + i] = p * (1 - p);
        }
        total += max + Math.log(sum) - raw[y[i] * n + i];
      }
      return total / n;
    },
    loss(y, raw) {
      const n = y.length;
      let total = 0;
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, raw[k * n + i]);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(raw[k * n + i] - max);
        total += max + Math.log(sum) - raw[y[i] * n + i];
      }
      return total / n;
    },
  };
}

/** Class probabilities (rows x classes) from raw scores (row-major rows x outputs). */
export function rawToProba(raw: Float64Array, rows: number, classes: number): Float64Array {
  const out = new Float64Array(rows * classes);
  if (classes === 2) {
    for (let r = 0; r < rows; r++) {
      const p = 1 / (1 + Math.exp(-raw[r]));
      out[r * 2] = 1 - p;
      out[r * 2 + 1] = p;
    }
    return out;
  }
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, raw[r * classes + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += out[r * classes + k] = Math.exp(raw[r * classes + k] - max);
    for (let k = 0; k < classes; k++) out[r * classes + k] /= sum;
  }
  return out;
}
