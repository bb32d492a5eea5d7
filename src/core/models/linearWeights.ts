/**
 * Plain-array linear weights shared by the linear models: how they are scored (in TypeScript,
 * in float64, with no tfjs at prediction time) and how they are read back from untrusted JSON.
 */
import { expectArray, expectFiniteArray, expectFiniteMatrix, expectInteger, expectObject, shapeError } from '../bundle/jsonShape';

/** `coef[k][j]`: weight of input j for output k; `intercept[k]`: bias of output k. */
export interface LinearWeights {
  coef: number[][];
  intercept: number[];
}

/** Scores X (rows x cols) as a row-major rows x outputs matrix. */
export function linearScores(w: LinearWeights, X: Float32Array, rows: number, cols: number): Float64Array {
  const outputs = w.intercept.length;
  const inputs = w.coef[0]?.length ?? 0;
  if (cols !== inputs) throw new Error(`The model expects ${inputs} input columns, got ${cols}.`);
  if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
  const out = new Float64Array(rows * outputs);
  for (let k = 0; k < outputs; k++) {
    const c = w.coef[k];
    const b = w.intercept[k];
    for (let r = 0; r < rows; r++) {
      let z = b;
      const base = r * cols;
      for (let j = 0; j < cols; j++) z += c[j] * X[base + j];
      out[r * outputs + k] = z;
    }
  }
  return out;
}

/** Reads `{ kind, inputs, coef, intercept }` and checks every shape and number. */
export function parseLinearJson(json: unknown, kind: string, outputs: number): LinearWeights & { inputs: number } {
  const o = expectObject(json, '');
  if (o.kind !== kind) throw shapeError('kind', o.kind, `"${kind}"`);
  const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
  expectArray(o.coef, 'coef', outputs, 'rows');
  const coef = expectFiniteMatrix(o.coef, 'coef', outputs, inputs);
  const intercept = expectFiniteArray(o.intercept, 'intercept', outputs);
  return { inputs, coef, intercept };
}
