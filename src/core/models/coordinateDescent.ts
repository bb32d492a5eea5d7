/**
 * Cyclic coordinate descent for the elastic net (lasso when l1Ratio = 1), step for step as
 * scikit-learn's `enet_coordinate_descent`, including its stopping rule, so that the fitted
 * coefficients agree with `ElasticNet` / `Lasso` to rounding. It minimises
 *   (1/(2n))||y - Xw - b||² + alpha*l1Ratio*||w||₁ + 0.5*alpha*(1-l1Ratio)*||w||²
 * on centred data (the intercept follows from the means).
 */
import { throwIfAborted, yieldToEventLoop } from './abort';
import { centreData, checkParam, isFiniteNumber, modelFromCentred, type CentredData, type PenalizedLinearModel } from './penalizedLinearModel';
import type { FitContext, FitShape } from './types';

export type SolverParams = {
  /** Most sweeps over all coefficients (scikit-learn's max_iter). */
  maxIterations: number;
  /** Stop once the duality gap is below tolerance * ||y - mean(y)||² (scikit-learn's tol). */
  tolerance: number;
};

export type ElasticNetParams = SolverParams & { alpha: number; l1Ratio: number };

export const SOLVER_DEFAULTS: SolverParams = { maxIterations: 1000, tolerance: 1e-4 };

/**
 * How long sweeps may run before letting queued messages (a "Stop" request) through. By time
 * rather than every N sweeps: on small data a sweep takes microseconds, and a wait on the event
 * loop every 20 of 100,000 sweeps cost several times the fit itself.
 */
const YIELD_MS = 25;

export function checkSolverParams(p: SolverParams): void {
  const m = p.maxIterations;
  checkParam('maxIterations', m, typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 1_000_000, 'an integer from 1 to 1000000');
  checkParam('tolerance', p.tolerance, isFiniteNumber(p.tolerance) && p.tolerance >= 0, 'a number of at least 0');
}

export function checkAlpha(alpha: unknown): void {
  checkParam('alpha', alpha, isFiniteNumber(alpha) && alpha > 0, 'a number above 0');
}

export interface CoordinateDescentResult {
  w: Float64Array;
  /** Sweeps run (scikit-learn's n_iter_). */
  sweeps: number;
  /** The last duality gap computed, on the solver's scale (n times the objective's). */
  gap: number;
  converged: boolean;
}

/**
 * Minimises 0.5||y - Xw||² + l1||w||₁ + 0.5*l2||w||² over centred column-major data; with
 * l1 = alpha*l1Ratio*n and l2 = alpha*(1-l1Ratio)*n this is n times the objective above.
 */
export async function coordinateDescent(
  data: CentredData,
  l1: number,
  l2: number,
  p: SolverParams,
  ctx: FitContext,
): Promise<CoordinateDescentResult> {
  const { rows: n, cols, X, y } = data;
  const w = new Float64Array(cols);
  const R = Float64Array.from(y); // residual y - Xw, with w = 0
  const norms = new Float64Array(cols);
  for (let j = 0; j < cols; j++) norms[j] = dot(X, j * n, X, j * n, n);
  const yNorm2 = dot(y, 0, y, 0, n);
  const gapTol = p.tolerance * yNorm2;
  let gap = Infinity;
  let lastYield = performance.now();

  for (let sweep = 1; sweep <= p.maxIterations; sweep++) {
    throwIfAborted(ctx.signal);
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < cols; j++) {
      if (norms[j] === 0) continue;
      const off = j * n;
      const old = w[j];
      if (old !== 0) axpy(old, X, off, R, n);
      const t = dot(X, off, R, 0, n);
      const next = (Math.sign(t) * Math.max(Math.abs(t) - l1, 0)) / (norms[j] + l2);
      w[j] = next;
      if (next !== 0) axpy(-next, X, off, R, n);
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }

    const rNorm2 = dot(R, 0, R, 0, n);
    let l1Norm = 0;
    let wNorm2 = 0;
    for (let j = 0; j < cols; j++) {
      l1Norm += Math.abs(w[j]);
      wNorm2 += w[j] * w[j];
    }
    ctx.onProgress?.({ epoch: sweep, epochs: p.maxIterations, loss: (0.5 * rNorm2 + l1 * l1Norm + 0.5 * l2 * wNorm2) / n });

    // The duality gap is only worth its cost once the largest step is small (or on the last sweep).
    if (wMax === 0 || dwMax / wMax < p.tolerance || sweep === p.maxIterations) {
      gap = dualityGap(data, w, R, l1, l2, rNorm2, l1Norm, wNorm2);
      // A zero gap (e.g. a constant target) is optimal even with a tolerance of 0.
      if (gap < gapTol || gap === 0) return { w, sweeps: sweep, gap, converged: true };
    }
    if (performance.now() - lastYield > YIELD_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  return { w, sweeps: p.maxIterations, gap, converged: false };
}

/**
 * scikit-learn's gap: the primal objective minus the dual one at the residual, scaled down
 * into the dual's feasible set |Xᵀθ - l2 w| <= l1. Without an L1 part (l1Ratio = 0) there is
 * no such constraint and the residual itself is the dual point; scikit-learn scales it to
 * zero there, so its gap never falls and it always runs max_iter sweeps.
 */
function dualityGap(
  data: CentredData,
  w: Float64Array,
  R: Float64Array,
  l1: number,
  l2: number,
  rNorm2: number,
  l1Norm: number,
  wNorm2: number,
): number {
  const { rows: n, cols, X, y } = data;
  let dualNorm = 0;
  for (let j = 0; j < cols; j++) dualNorm = Math.max(dualNorm, Math.abs(dot(X, j * n, R, 0, n) - l2 * w[j]));
  let scale = 1;
  let gap = rNorm2;
  if (l1 > 0 && dualNorm > l1) {
    scale = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  }
  return gap + l1 * l1Norm - scale * dot(R, 0, y, 0, n) + 0.5 * l2 * (1 + scale * scale) * wNorm2;
}

function dot(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aOff + i] * b[bOff + i];
  return s;
}

/** out += k * a[aOff .. aOff + n). */
function axpy(k: number, a: Float64Array, aOff: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] += k * a[aOff + i];
}

/** Lasso and elastic net: centre, run coordinate descent, fold the means into the intercept. */
export async function fitElasticNet(
  kind: string,
  X: Float32Array,
  y: ArrayLike<number>,
  shape: FitShape,
  p: ElasticNetParams,
  ctx: FitContext,
): Promise<PenalizedLinearModel> {
  throwIfAborted(ctx.signal);
  const data = centreData(X, y, shape);
  // The same products, in the same order, as scikit-learn's enet_path.
  const l1 = p.alpha * p.l1Ratio * data.rows;
  const l2 = p.alpha * (1 - p.l1Ratio) * data.rows;
  const { w } = await coordinateDescent(data, l1, l2, p, ctx);
  return modelFromCentred(kind, w, data);
}
