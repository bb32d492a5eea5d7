/**
 * Ridge regression: least squares with an L2 penalty, ||y - Xw - b||² + alpha*||w||², solved
 * exactly (Cholesky, float64) as scikit-learn's `Ridge(alpha)` with its "cholesky" solver:
 * the normal equations (XᵀX + alpha I) w = Xᵀy on centred data, or, with more columns than
 * rows, the kernel form w = Xᵀ (XXᵀ + alpha I)⁻¹ y, which has the same solution.
 */
import { throwIfAborted, yieldToEventLoop } from './abort';
import { centreData, checkParam, isFiniteNumber, modelFromCentred, parsePenalizedJson, type CentredData } from './penalizedLinearModel';
import type { FitContext, ModelSpec } from './types';

export type RidgeParams = { alpha: number };

const KIND = 'ridge';

/** A pivot this small next to its diagonal means the column repeats earlier ones (alpha = 0). */
const DEPENDENT_PIVOT = 1e-12;

/** Gram-matrix rows between two waits on the event loop, so that a Stop request can arrive. */
const ROWS_PER_YIELD = 32;

export function resolveRidgeParams(params: Partial<RidgeParams>): RidgeParams {
  const p: RidgeParams = { ...ridgeRegression.defaults, ...params };
  checkParam('alpha', p.alpha, isFiniteNumber(p.alpha) && p.alpha >= 0, 'a number of at least 0');
  return p;
}

/**
 * Solves A x = b for a symmetric positive semi-definite A (m x m, row-major; its lower
 * triangle is overwritten by the Cholesky factor). A variable whose pivot vanishes (a column
 * that is a combination of earlier ones, possible only without a penalty) is left at 0, which
 * still gives a least-squares solution.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, m: number): Float64Array {
  const dependent = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const rowJ = j * m;
    let d = A[rowJ + j];
    for (let k = 0; k < j; k++) d -= A[rowJ + k] * A[rowJ + k];
    if (!(d > DEPENDENT_PIVOT * A[rowJ + j])) {
      // Zeroing the column below the pivot removes the variable from the later pivots.
      dependent[j] = 1;
      for (let i = j + 1; i < m; i++) A[i * m + j] = 0;
      continue;
    }
    const pivot = Math.sqrt(d);
    A[rowJ + j] = pivot;
    for (let i = j + 1; i < m; i++) {
      const rowI = i * m;
      let s = A[rowI + j];
      for (let k = 0; k < j; k++) s -= A[rowI + k] * A[rowJ + k];
      A[rowI + j] = s / pivot;
    }
  }
  // L z = b, then Lᵀ x = z.
  const x = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    if (dependent[i]) {
      x[i] = 0;
      continue;
    }
    let s = x[i];
    for (let k = 0; k < i; k++) s -= A[i * m + k] * x[k];
    x[i] = s / A[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    if (dependent[i]) continue;
    let s = x[i];
    for (let k = i + 1; k < m; k++) s -= A[k * m + i] * x[k];
    x[i] = s / A[i * m + i];
  }
  return x;
}

/** (XᵀX + alpha I) w = Xᵀy, over the centred columns. */
async function solvePrimal(data: CentredData, alpha: number, ctx: FitContext): Promise<Float64Array> {
  const { rows: n, cols: p, X, y } = data;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const cj = X.subarray(j * n, (j + 1) * n);
    for (let k = 0; k <= j; k++) {
      const ck = X.subarray(k * n, (k + 1) * n);
      let s = 0;
      for (let i = 0; i < n; i++) s += cj[i] * ck[i];
      A[j * p + k] = s;
    }
    A[j * p + j] += alpha;
    let s = 0;
    for (let i = 0; i < n; i++) s += cj[i] * y[i];
    b[j] = s;
    if (j % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await pause(ctx);
  }
  return choleskySolve(A, b, p);
}

/** (XXᵀ + alpha I) a = y, then w = Xᵀa: an n x n system for n < p rows (alpha > 0). */
async function solveKernel(data: CentredData, alpha: number, ctx: FitContext): Promise<Float64Array> {
  const { rows: n, cols: p, X, y } = data;
  const K = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let s = 0; s <= r; s++) {
      let v = 0;
      for (let j = 0; j < p; j++) v += X[j * n + r] * X[j * n + s];
      K[r * n + s] = v;
    }
    K[r * n + r] += alpha;
    if (r % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await pause(ctx);
  }
  const a = choleskySolve(K, y, n);
  const w = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let v = 0;
    for (let i = 0; i < n; i++) v += X[j * n + i] * a[i];
    w[j] = v;
  }
  return w;
}

async function pause(ctx: FitContext): Promise<void> {
  await yieldToEventLoop();
  throwIfAborted(ctx.signal);
}

export const ridgeRegression: ModelSpec<RidgeParams> = {
  name: KIND,
  label: 'Ridge regression',
  tasks: ['regression'],
  defaults: { alpha: 1 },

  async fit(X, y, shape, params, ctx) {
    const { alpha } = resolveRidgeParams(params);
    throwIfAborted(ctx.signal);
    const data = centreData(X, y, shape);
    // As scikit-learn: the kernel form when there are more columns than rows. Without a
    // penalty that system is singular, so the normal equations are kept.
    const w = data.cols > data.rows && alpha > 0 ? await solveKernel(data, alpha, ctx) : await solvePrimal(data, alpha, ctx);
    throwIfAborted(ctx.signal);
    return modelFromCentred(KIND, w, data);
  },

  fromJSON(json) {
    return parsePenalizedJson(json, KIND);
  },
};
