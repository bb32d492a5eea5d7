/**
 * The losses gradient boosting minimises, with scikit-learn's choices: log loss on the logit
 * for two classes, softmax log loss with one tree per class per round for more, and squared
 * error for regression. Raw scores are class-major (`raw[k * n + i]`); gradients and hessians
 * are Float32 like scikit-learn's, which halves the memory the histogram pass reads.
 */

import { fastExp } from './fastExp';

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
  /** Set when a bit-identical WebAssembly version of `gradients` exists (gbdtWasmGradients.ts). */
  readonly wasmGradients?: boolean;
}

/**
 * Sums logarithms of factors >= 1 with one Math.log per few hundred rows: the log of a running
 * product, flushed before it overflows. Math.log costs about 30 ns in V8, twice what the rest
 * of a row's gradient does, and the loss is computed every round; the product's rounding adds
 * about 1e-16 per row, far below what the reported loss shows.
 */
class LogSum {
  private product = 1;
  private sum = 0;

  add(factor: number): void {
    const next = this.product * factor;
    if (next < 1e280) {
      this.product = next;
    } else {
      this.sum += Math.log(this.product);
      this.product = factor;
    }
  }

  total(): number {
    return this.sum + Math.log(this.product);
  }
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

/**
 * Loss of one row with logit z, given e = e^-z: log(1 + e) for a positive row, z + log(1 + e)
 * for a negative one. The log part goes to `logs`; the rest is returned. When e overflows
 * (z < -709), log(1 + e) is -z to double precision.
 */
function binaryRowLoss(z: number, e: number, positive: boolean, logs: LogSum): number {
  if (e < 1e300) {
    logs.add(1 + e);
    return positive ? 0 : z;
  }
  return positive ? -z : 0;
}

export const binaryLogLoss: GbdtLoss = {
  outputs: 1,
  constantHessian: false,
  wasmGradients: true,
  baseline(y) {
    let pos = 0;
    for (let i = 0; i < y.length; i++) pos += y[i];
    // Clipped like scikit-learn, so a single-class training set still gives a finite start.
    const p = Math.min(1 - 1e-15, Math.max(1e-15, pos / y.length));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(y, raw, g, h) {
    const logs = new LogSum();
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const z = raw[i];
      const e = fastExp(-z);
      const p = 1 / (1 + e);
      g[i] = p - y[i];
      h[i] = p * (1 - p);
      sum += binaryRowLoss(z, e, y[i] === 1, logs);
    }
    return (sum + logs.total()) / y.length;
  },
  loss(y, raw) {
    const logs = new LogSum();
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += binaryRowLoss(raw[i], fastExp(-raw[i]), y[i] === 1, logs);
    return (sum + logs.total()) / y.length;
  },
};

export function softmaxLogLoss(classes: number): GbdtLoss {
  const K = classes;
  /** Row i's loss is max + log(sum of e^(z_k - max)) - z_y; sum >= 1, so its log goes to `logs`. */
  const rowLoss = (y: ArrayLike<number>, raw: Float64Array, n: number, i: number, e: Float64Array, logs: LogSum): number => {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, raw[k * n + i]);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += e[k] = fastExp(raw[k * n + i] - max);
    e[K] = sum;
    logs.add(sum);
    return max - raw[y[i] * n + i];
  };
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
      const e = new Float64Array(K + 1);
      const logs = new LogSum();
      let total = 0;
      for (let i = 0; i < n; i++) {
        total += rowLoss(y, raw, n, i, e, logs);
        for (let k = 0; k < K; k++) {
          const p = e[k] / e[K];
          g[k * n + i] = p - (y[i] === k ? 1 : 0);
          h[k * n + i] = p * (1 - p);
        }
      }
      return (total + logs.total()) / n;
    },
    loss(y, raw) {
      const n = y.length;
      const e = new Float64Array(K + 1);
      const logs = new LogSum();
      let total = 0;
      for (let i = 0; i < n; i++) total += rowLoss(y, raw, n, i, e, logs);
      return (total + logs.total()) / n;
    },
  };
}

/** Class probabilities (rows x classes) from raw scores (row-major rows x outputs). */
export function rawToProba(raw: Float64Array, rows: number, classes: number): Float64Array {
  const out = new Float64Array(rows * classes);
  if (classes === 2) {
    for (let r = 0; r < rows; r++) {
      const p = 1 / (1 + fastExp(-raw[r]));
      out[r * 2] = 1 - p;
      out[r * 2 + 1] = p;
    }
    return out;
  }
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, raw[r * classes + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += out[r * classes + k] = fastExp(raw[r * classes + k] - max);
    for (let k = 0; k < classes; k++) out[r * classes + k] /= sum;
  }
  return out;
}
