/**
 * The building blocks of scikit-learn's binary curves (sklearn.metrics._binary_clf_curve):
 * rows sorted by score, highest first, and at each distinct score the cumulative counts of
 * positives (tps) and negatives (fps) scoring at least that much. Shared by the ROC and
 * precision-recall curves, plus the thinning that bounds what travels to the UI.
 */

export interface BinaryCounts {
  /** Distinct scores, descending. */
  thresholds: Float64Array;
  /** Positives with score >= thresholds[i]. */
  tps: Float64Array;
  /** Negatives with score >= thresholds[i]. */
  fps: Float64Array;
  positives: number;
  negatives: number;
}

export function binaryCounts(positive: ArrayLike<boolean>, score: ArrayLike<number>): BinaryCounts {
  const n = score.length;
  if (positive.length !== n) throw new Error(`There are ${score.length} scores for ${positive.length} rows.`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(score[i])) throw new Error(`Row ${i + 1} has the score ${score[i]}; scores must be finite numbers.`);
  }
  // Ties are collapsed into one threshold, so their order within the sort does not matter.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  for (let i = 0; i < n; i++) {
    if (positive[order[i]]) tp++;
    if (i === n - 1 || score[order[i + 1]] !== score[order[i]]) {
      thresholds.push(score[order[i]]);
      tps.push(tp);
      fps.push(i + 1 - tp);
    }
  }
  return { thresholds: Float64Array.from(thresholds), tps: Float64Array.from(tps), fps: Float64Array.from(fps), positives: tp, negatives: n - tp };
}

/** Default number of points a curve sends to the UI. */
export const MAX_CURVE_POINTS = 300;

/**
 * Positions of at most `maxPoints` of `n` points, evenly spaced by position (rounded), the
 * first and the last always kept: a plot of ~300 points looks the same as one of thousands,
 * and the ends (where a curve starts and finishes) stay exact.
 */
export function thinIndices(n: number, maxPoints: number = MAX_CURVE_POINTS): number[] {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) throw new Error(`A curve needs at least 2 points, got ${maxPoints}.`);
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: maxPoints }, (_, i) => Math.round((i * (n - 1)) / (maxPoints - 1)));
}

/** The values of `values` at `indices`, as a plain array for JSON. */
export function pickAt(values: ArrayLike<number>, indices: number[]): number[] {
  return indices.map((i) => values[i]);
}

/** numpy.trapz(y, x): the trapezoidal area under y(x). */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}
