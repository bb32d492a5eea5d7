/**
 * The points of a predicted-vs-actual or residual plot: every row when there are at most
 * `maxPoints`, else a seeded random sample of that many (the same seed gives the same points
 * in the browser and the CLI), listed in row order. A scatter of thousands of points looks no
 * different and would be slow to send and draw.
 */
import { createRng } from '../random';

export interface PredictionSample {
  /** Row positions in the scored data, ascending. */
  rows: number[];
  actual: number[];
  predicted: number[];
  /** actual - predicted. */
  residual: number[];
  /** Rows scored, before sampling. */
  total: number;
}

export const DEFAULT_SAMPLE_POINTS = 2000;

export function predictionSample(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, maxPoints = DEFAULT_SAMPLE_POINTS, seed = 0): PredictionSample {
  const n = yTrue.length;
  if (yPred.length !== n) throw new Error(`There are ${yPred.length} predictions for ${n} rows.`);
  if (!(Number.isInteger(maxPoints) && maxPoints >= 1)) throw new Error(`The sample needs at least 1 point, got ${maxPoints}.`);
  let rows = Int32Array.from({ length: n }, (_, i) => i);
  if (n > maxPoints) rows = createRng(seed).shuffle(rows).slice(0, maxPoints).sort();
  const picked = Array.from(rows);
  return {
    rows: picked,
    actual: picked.map((i) => yTrue[i]),
    predicted: picked.map((i) => yPred[i]),
    residual: picked.map((i) => yTrue[i] - yPred[i]),
    total: n,
  };
}
