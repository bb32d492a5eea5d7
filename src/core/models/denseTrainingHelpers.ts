/**
 * Array and tensor helpers shared by the TensorFlow.js trainers (trainDense for the linear models,
 * trainNetwork for the neural network): seeded splits and initial weights, input standardisation
 * in float64, and row selection.
 */
import type * as tf from '@tensorflow/tfjs';
import { splitRows } from '../prep/splitRows';
import type { Rng } from '../random';

/** Rows per Adam step when the person leaves it automatic: 32, growing to about 64 steps per epoch. */
export function autoBatchSize(rows: number): number {
  return Math.min(1024, Math.max(32, Math.ceil(rows / 64)));
}

export function scalarOf(t: tf.Tensor): number {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

export function internalSplit(rows: number, fraction: number, rng: Rng, stratify?: Int32Array): { train: Int32Array; val: Int32Array | null } {
  if (fraction > 0 && rows >= 20) {
    const { train, test } = splitRows(rows, { testFraction: fraction, seed: rng.int(2 ** 31), stratify });
    return { train, val: test };
  }
  return { train: Int32Array.from({ length: rows }, (_, i) => i), val: null };
}

/** Column means and standard deviations (1 for constant columns), in float64. */
export function columnScaling(X: Float32Array, rows: number, cols: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) mean[j] += X[r * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const d = X[r * cols + j] - mean[j];
      scale[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    const s = Math.sqrt(scale[j] / rows);
    scale[j] = s > 1e-12 && Number.isFinite(s) ? s : 1;
  }
  return { mean, scale };
}

export function standardRows(X: Float32Array, rows: Int32Array, cols: number, mean: Float64Array, scale: Float64Array): Float32Array {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => {
    for (let j = 0; j < cols; j++) out[i * cols + j] = (X[r * cols + j] - mean[j]) / scale[j];
  });
  return out;
}

export function pickRows(values: Float32Array, rows: Int32Array, width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(values.subarray(r * width, r * width + width), i * width));
  return out;
}

/** Glorot-uniform initial kernel from the seeded generator. */
export function glorotUniform(cols: number, outputs: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (cols + outputs));
  return Float32Array.from({ length: cols * outputs }, () => (rng.next() * 2 - 1) * limit);
}
