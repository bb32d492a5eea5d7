/**
 * What ridge, lasso and elastic net share: the fitted model (one coefficient per input and an
 * intercept, scored in float64 in plain TypeScript), how it is read back from untrusted JSON,
 * and the float64 centring every fit starts from (scikit-learn's fit_intercept=True).
 */
import { assertSafeJson, expectFinite, expectFiniteArray, expectInteger, expectObject, shapeError } from '../bundle/jsonShape';
import { checkFitShape } from './denseParams';
import type { FitShape, FittedModel, ModelJSON } from './types';

export class PenalizedLinearModel implements FittedModel {
  readonly inputCount: number;
  constructor(
    readonly kind: string,
    private readonly coef: Float64Array,
    private readonly intercept: number,
  ) {
    this.inputCount = coef.length;
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    const w = this.coef;
    if (cols !== w.length) throw new Error(`The model expects ${w.length} input columns, got ${cols}.`);
    if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let z = 0;
      const base = r * cols;
      for (let j = 0; j < cols; j++) z += w[j] * X[base + j];
      // Added last, as scikit-learn's X @ coef_ + intercept_.
      out[r] = z + this.intercept;
    }
    return out;
  }

  toJSON(): ModelJSON {
    return { kind: this.kind, inputs: this.inputCount, coef: Array.from(this.coef), intercept: this.intercept };
  }
}

/** Reads `{ kind, inputs, coef, intercept }` written by `toJSON`, checking every field. */
export function parsePenalizedJson(json: unknown, kind: string): PenalizedLinearModel {
  assertSafeJson(json);
  const o = expectObject(json, '');
  if (o.kind !== kind) throw shapeError('kind', o.kind, `"${kind}"`);
  const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
  const coef = expectFiniteArray(o.coef, 'coef', inputs);
  const intercept = expectFinite(o.intercept, 'intercept');
  return new PenalizedLinearModel(kind, Float64Array.from(coef), intercept);
}

/** Throws the sentence the studio shows for a bad hyperparameter. */
export function checkParam(name: string, value: unknown, ok: boolean, expected: string): void {
  if (!ok) throw new Error(`The parameter "${name}" is ${String(value)}; expected ${expected}.`);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The training data in float64, each column and the target minus its mean. */
export interface CentredData {
  rows: number;
  cols: number;
  /** Column-major (column j is X[j * rows .. (j + 1) * rows)): the solvers walk columns. */
  X: Float64Array;
  y: Float64Array;
  xMean: Float64Array;
  yMean: number;
}

export function centreData(X: Float32Array, y: ArrayLike<number>, shape: FitShape): CentredData {
  const { rows, cols } = shape;
  checkFitShape(X, y, rows, cols);
  const yc = Float64Array.from({ length: rows }, (_, i) => y[i]);
  let yMean = 0;
  for (let i = 0; i < rows; i++) yMean += yc[i];
  yMean /= rows;
  if (!Number.isFinite(yMean)) throw new Error('The target holds values that are not finite numbers.');
  for (let i = 0; i < rows; i++) yc[i] -= yMean;

  const Xc = new Float64Array(rows * cols);
  const xMean = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const col = Xc.subarray(j * rows, (j + 1) * rows);
    let sum = 0;
    let constant = true;
    for (let i = 0; i < rows; i++) {
      col[i] = X[i * cols + j];
      sum += col[i];
      constant &&= col[i] === col[0];
    }
    // A constant column's rounded mean can miss its value by an ulp; make it exactly zero so
    // the solvers see no signal there and give it a zero coefficient.
    const mean = constant ? col[0] : sum / rows;
    xMean[j] = mean;
    for (let i = 0; i < rows; i++) col[i] -= mean;
  }
  return { rows, cols, X: Xc, y: yc, xMean, yMean };
}

/** The model for coefficients fitted on centred data: intercept = mean(y) - mean(X) . w. */
export function modelFromCentred(kind: string, w: Float64Array, data: CentredData): PenalizedLinearModel {
  let dot = 0;
  for (let j = 0; j < data.cols; j++) dot += data.xMean[j] * w[j];
  const intercept = data.yMean - dot;
  for (let j = 0; j < w.length; j++) {
    if (!Number.isFinite(w[j])) throw new Error('The fit did not give finite coefficients; the inputs may be too large.');
  }
  if (!Number.isFinite(intercept)) throw new Error('The fit did not give a finite intercept; the inputs may be too large.');
  return new PenalizedLinearModel(kind, w, intercept);
}
