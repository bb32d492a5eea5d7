/**
 * Linear support vector machine: L2-regularised hinge loss, solved in the dual by coordinate
 * descent as LIBLINEAR does (scikit-learn's LinearSVC(loss='hinge', dual=True)), one binary
 * problem for two classes and one-vs-rest for more. Everything runs in float64 in plain
 * TypeScript; no tfjs.
 *
 * Probabilities: an SVM has none, but the studio's log loss and ROC AUC need them. Each binary
 * problem gets Platt scaling, P(+ | f) = 1 / (1 + exp(A f + B)), fitted with Platt's regularised
 * targets (LIBSVM's sigmoid_train) on the training rows' own decision values. scikit-learn's
 * CalibratedClassifierCV would fit it on cross-validated decision values instead; that costs a
 * fit per fold, and the studio already cross-validates the whole model. For more than two
 * classes the one-vs-rest probabilities are normalised to sum to 1. `predict` stays the argmax
 * of the decision values, as LinearSVC.predict, so it may differ from the argmax of
 * `predictProba` on a few borderline rows.
 */
import { expectArray, expectFiniteArray, expectInteger, expectObject, joinPath, shapeError } from '../bundle/jsonShape';
import { createRng, type Rng } from '../random';
import { throwIfAborted, yieldToEventLoop } from './abort';
import { checkFitShape } from './denseParams';
import { linearScores, parseLinearJson, type LinearWeights } from './linearWeights';
import type { FittedModel, ModelJSON, ModelSpec } from './types';

export type LinearSvmParams = {
  /** Cost of a margin violation; larger C means less regularisation. */
  C: number;
  /** Most passes over the rows of each binary problem (LIBLINEAR's max_iter). */
  maxIterations: number;
  /** Stop when the projected gradient's spread falls below this (LIBLINEAR's eps). */
  tolerance: number;
};

const KIND = 'linear_svm';

function resolveSvmParams(defaults: LinearSvmParams, params: Partial<LinearSvmParams>): LinearSvmParams {
  const p: LinearSvmParams = { ...defaults, ...params };
  const check = (name: keyof LinearSvmParams, ok: boolean, expected: string): void => {
    if (!ok) throw new Error(`The parameter "${name}" is ${String(p[name])}; expected ${expected}.`);
  };
  const positive = (v: unknown): boolean => typeof v === 'number' && v > 0 && Number.isFinite(v);
  check('C', positive(p.C), 'a finite number above 0');
  check('maxIterations', Number.isInteger(p.maxIterations) && p.maxIterations >= 1 && p.maxIterations <= 1_000_000, 'an integer from 1 to 1000000');
  check('tolerance', positive(p.tolerance), 'a finite number above 0');
  return { C: p.C, maxIterations: p.maxIterations, tolerance: p.tolerance };
}

/**
 * One binary problem, LIBLINEAR's solve_l2r_l1l2_svc for the L1 (hinge) loss, shrinking
 * included. The intercept is the weight of an appended constant feature 1 (intercept_scaling
 * = 1) and is regularised with the other weights, as LIBLINEAR does.
 */
class DualCoordinateDescent {
  /** cols weights, then the intercept. */
  readonly w: Float64Array;
  done = false;
  /** Primal objective 0.5 |w|^2 + C sum(hinge) after the latest pass. */
  objective: number;
  private readonly alpha: Float64Array;
  private readonly qd: Float64Array;
  private readonly index: Int32Array;
  private active: number;
  private pgMaxOld = Infinity;
  private pgMinOld = -Infinity;

  constructor(
    private readonly X: Float32Array,
    private readonly rows: number,
    private readonly cols: number,
    private readonly sign: Int8Array,
    private readonly C: number,
    private readonly tolerance: number,
  ) {
    this.w = new Float64Array(cols + 1);
    this.alpha = new Float64Array(rows);
    this.qd = new Float64Array(rows);
    this.index = Int32Array.from({ length: rows }, (_, i) => i);
    this.active = rows;
    for (let i = 0; i < rows; i++) {
      let sq = 1; // the constant feature
      for (let j = 0; j < cols; j++) sq += X[i * cols + j] ** 2;
      this.qd[i] = sq;
    }
    this.objective = C * rows; // w = 0: every hinge is 1
  }

  score(i: number): number {
    const { X, cols, w } = this;
    let z = w[cols];
    for (let j = 0, base = i * cols; j < cols; j++) z += w[j] * X[base + j];
    return z;
  }

  /** One outer iteration over the active rows, in a fresh random order. */
  pass(rng: Rng): void {
    const { X, cols, w, alpha, index, sign, C } = this;
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < this.active; s++) {
      const t = s + rng.int(this.active - s);
      [index[s], index[t]] = [index[t], index[s]];
    }
    for (let s = 0; s < this.active; s++) {
      const i = index[s];
      const g = sign[i] * this.score(i) - 1;
      // Shrinking: a bound variable whose gradient points outward past last pass's extremes
      // is unlikely to move, so it leaves the active set until the next full check.
      if (alpha[i] === 0 ? g > this.pgMaxOld : alpha[i] === C && g < this.pgMinOld) {
        this.active--;
        [index[s], index[this.active]] = [index[this.active], index[s]];
        s--;
        continue;
      }
      const pg = alpha[i] === 0 ? Math.min(g, 0) : alpha[i] === C ? Math.max(g, 0) : g;
      pgMax = Math.max(pgMax, pg);
      pgMin = Math.min(pgMin, pg);
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(old - g / this.qd[i], 0), C);
        const d = (alpha[i] - old) * sign[i];
        for (let j = 0, base = i * cols; j < cols; j++) w[j] += d * X[base + j];
        w[cols] += d;
      }
    }
    this.objective = this.primal();
    if (pgMax - pgMin <= this.tolerance) {
      // Converged on the active set: done if nothing was shrunk, else re-check every row.
      if (this.active === this.rows) this.done = true;
      this.active = this.rows;
      this.pgMaxOld = Infinity;
      this.pgMinOld = -Infinity;
      return;
    }
    this.pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    this.pgMinOld = pgMin >= 0 ? -Infinity : pgMin;
  }

  private primal(): number {
    let reg = 0;
    for (let j = 0; j <= this.cols; j++) reg += this.w[j] ** 2;
    let hinge = 0;
    for (let i = 0; i < this.rows; i++) hinge += Math.max(0, 1 - this.sign[i] * this.score(i));
    return 0.5 * reg + this.C * hinge;
  }
}

/** log(1 / (1 + exp(t))) without overflow. */
function logPlatt(t: number): number {
  return t >= 0 ? -t - Math.log1p(Math.exp(-t)) : -Math.log1p(Math.exp(t));
}

/** Platt's A and B by Newton's method with backtracking (LIBSVM's sigmoid_train, same constants). */
export function plattScaling(f: Float64Array, positive: Uint8Array): [number, number] {
  const n = f.length;
  let prior1 = 0;
  for (let i = 0; i < n; i++) prior1 += positive[i];
  const prior0 = n - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  // Cross-entropy against the regularised targets, written with logPlatt to stay finite.
  const objective = (a: number, b: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const t = positive[i] ? hi : lo;
      const z = f[i] * a + b;
      v -= t * logPlatt(z) + (1 - t) * logPlatt(-z);
    }
    return v;
  };
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = objective(A, B);
  for (let iter = 0; iter < 100; iter++) {
    // Gradient and Hessian; the 1e-12 on the diagonal keeps the Hessian strictly positive.
    let [h11, h22, h21, g1, g2] = [1e-12, 1e-12, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const z = f[i] * A + B;
      const p = Math.exp(logPlatt(z));
      const q = Math.exp(logPlatt(-z));
      const d1 = (positive[i] ? hi : lo) - p;
      h11 += f[i] * f[i] * p * q;
      h22 += p * q;
      h21 += f[i] * p * q;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    for (; step >= 1e-10; step /= 2) {
      const next = objective(A + step * dA, B + step * dB);
      if (next < fval + 1e-4 * step * gd) {
        [A, B, fval] = [A + step * dA, B + step * dB, next];
        break;
      }
    }
    if (step < 1e-10) break; // line search failed: keep the last good point, as LIBSVM does
  }
  return [A, B];
}

/** The fitted model. Binary: one output (positive = class 1); else one output per class. */
export class LinearSvmModel implements FittedModel {
  readonly kind = KIND;
  readonly inputCount: number;
  constructor(
    private readonly weights: LinearWeights,
    readonly classCount: number,
    private readonly plattA: number[],
    private readonly plattB: number[],
    /** Classes without training rows: never predicted, probability 0 (their weights are 0). */
    private readonly absent: number[],
  ) {
    this.inputCount = weights.coef[0].length;
  }

  /** rows x outputs, as LinearSVC.decision_function (binary: one column for class 1). */
  decisionFunction(X: Float32Array, rows: number, cols: number): Float64Array {
    return linearScores(this.weights, X, rows, cols);
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    const z = this.decisionFunction(X, rows, cols);
    const K = this.classCount;
    const out = new Float64Array(rows);
    if (K === 2) {
      const fixed = this.absent.length ? 1 - this.absent[0] : -1;
      for (let r = 0; r < rows; r++) out[r] = fixed >= 0 ? fixed : z[r] > 0 ? 1 : 0;
      return out;
    }
    for (let r = 0; r < rows; r++) {
      let best = -1;
      for (let k = 0; k < K; k++) {
        if (!this.absent.includes(k) && (best < 0 || z[r * K + k] > z[r * K + best])) best = k;
      }
      out[r] = best;
    }
    return out;
  }

  predictProba(X: Float32Array, rows: number, cols: number): Float64Array {
    const z = this.decisionFunction(X, rows, cols);
    const K = this.classCount;
    const { plattA: A, plattB: B } = this;
    const out = new Float64Array(rows * K);
    if (K === 2) {
      for (let r = 0; r < rows; r++) {
        const p1 = this.absent.length ? 1 - this.absent[0] : Math.exp(logPlatt(A[0] * z[r] + B[0]));
        out[r * 2] = 1 - p1;
        out[r * 2 + 1] = p1;
      }
      return out;
    }
    // Normalised in log space, so rows far from every class still divide by a sum near 1.
    const logp = new Float64Array(K);
    for (let r = 0; r < rows; r++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        logp[k] = this.absent.includes(k) ? -Infinity : logPlatt(A[k] * z[r * K + k] + B[k]);
        max = Math.max(max, logp[k]);
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += out[r * K + k] = Math.exp(logp[k] - max);
      for (let k = 0; k < K; k++) out[r * K + k] /= sum;
    }
    return out;
  }

  toJSON(): ModelJSON {
    const { coef, intercept } = this.weights;
    const { plattA, plattB, absent } = this;
    return { kind: KIND, inputs: this.inputCount, classes: this.classCount, coef, intercept, plattA, plattB, absent };
  }
}

export const linearSvm: ModelSpec<LinearSvmParams> = {
  name: KIND,
  label: 'Linear SVM',
  tasks: ['classification'],
  defaults: { C: 1, maxIterations: 1000, tolerance: 1e-4 },

  async fit(X, y, shape, params, ctx) {
    const { rows, cols } = shape;
    const K = shape.classes ?? 0;
    checkFitShape(X, y, rows, cols);
    if (!Number.isInteger(K) || K < 2) throw new Error(`A classifier needs at least 2 classes, got ${K}.`);
    const p = resolveSvmParams(linearSvm.defaults, params);
    const counts = new Array<number>(K).fill(0);
    for (let i = 0; i < rows; i++) {
      if (!(y[i] >= 0 && y[i] < K && Number.isInteger(y[i]))) throw new Error(`Row ${i + 1} has class ${y[i]}, not one of 0..${K - 1}.`);
      counts[y[i]]++;
    }
    const absent = counts.flatMap((c, k) => (c === 0 ? [k] : []));
    // Binary: class 1 is the positive side; a missing class leaves nothing to solve.
    const positives = K === 2 ? (absent.length ? [] : [1]) : counts.flatMap((c, k) => (c > 0 ? [k] : []));
    const solvers = positives.map((k) => {
      const sign = Int8Array.from({ length: rows }, (_, i) => (y[i] === k ? 1 : -1));
      return new DualCoordinateDescent(X, rows, cols, sign, p.C, p.tolerance);
    });
    const rng = createRng(ctx.seed);
    // The binary problems are independent; they advance in lockstep so a pass is one epoch.
    for (let epoch = 1; epoch <= p.maxIterations && solvers.some((s) => !s.done); epoch++) {
      throwIfAborted(ctx.signal);
      let loss = 0;
      for (const s of solvers) {
        if (!s.done) s.pass(rng);
        loss += s.objective;
      }
      ctx.onProgress?.({ epoch, epochs: p.maxIterations, loss });
      if (epoch % 10 === 0) await yieldToEventLoop();
    }
    throwIfAborted(ctx.signal);
    const outputs = K === 2 ? 1 : K;
    const weights: LinearWeights = { coef: [], intercept: [] };
    const plattA = new Array<number>(outputs).fill(0);
    const plattB = new Array<number>(outputs).fill(0);
    for (let k = 0; k < outputs; k++) {
      const positive = K === 2 ? 1 : k;
      const s = solvers[positives.indexOf(positive)];
      weights.coef.push(s ? Array.from(s.w.subarray(0, cols)) : new Array<number>(cols).fill(0));
      weights.intercept.push(s ? s.w[cols] : 0);
      if (!s) continue;
      const f = Float64Array.from({ length: rows }, (_, i) => s.score(i));
      [plattA[k], plattB[k]] = plattScaling(f, Uint8Array.from({ length: rows }, (_, i) => (y[i] === positive ? 1 : 0)));
    }
    return new LinearSvmModel(weights, K, plattA, plattB, absent);
  },

  fromJSON(json) {
    const classes = expectInteger(expectObject(json, '').classes, 'classes', 2, 100_000);
    const outputs = classes === 2 ? 1 : classes;
    const { coef, intercept } = parseLinearJson(json, KIND, outputs);
    const o = json as Record<string, unknown>;
    const plattA = expectFiniteArray(o.plattA, 'plattA', outputs);
    const plattB = expectFiniteArray(o.plattB, 'plattB', outputs);
    const absent = expectArray(o.absent, 'absent').map((v, i) => expectInteger(v, joinPath('absent', i), 0, classes - 1));
    if (absent.length >= classes || absent.some((k, i) => i > 0 && k <= absent[i - 1])) {
      throw shapeError('absent', o.absent, `distinct class indices in increasing order, fewer than ${classes}`);
    }
    return new LinearSvmModel({ coef, intercept }, classes, plattA, plattB, absent);
  },
};
