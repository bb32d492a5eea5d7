/**
 * The precision-recall curve exactly as scikit-learn 1.2's precision_recall_curve: one point
 * per distinct score in order of increasing threshold (recall decreasing), a 0/0 precision
 * written as 0, and a last point (recall 0, precision 1) with no threshold. Average precision
 * is scikit-learn's average_precision_score, sum over points of (R_i - R_i+1) * P_i, on the
 * full curve; the point lists sent to the UI are thinned to at most `maxPoints`.
 */
import { binaryCounts, MAX_CURVE_POINTS, pickAt, thinIndices } from './binaryCurve';

export interface FullPrecisionRecallCurve {
  precision: Float64Array;
  recall: Float64Array;
  /** Ascending, one fewer than the points (the last point has none). */
  thresholds: Float64Array;
  positives: number;
  negatives: number;
}

export interface PrecisionRecallCurve {
  precision: number[];
  recall: number[];
  /** thresholds[i] belongs to point i; the last point (recall 0) has null. */
  thresholds: (number | null)[];
  /** Null when y_true has no positives (the curve is then empty). */
  averagePrecision: number | null;
  /** Share of positives: the precision of a classifier that guesses, for a reference line. */
  baseline: number;
  totalPoints: number;
  positives: number;
  negatives: number;
}

export function fullPrecisionRecallCurve(positive: ArrayLike<boolean>, score: ArrayLike<number>): FullPrecisionRecallCurve {
  const { tps, fps, thresholds, positives, negatives } = binaryCounts(positive, score);
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const ascending = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const j = m - 1 - i;
    const predicted = tps[j] + fps[j];
    precision[i] = predicted !== 0 ? tps[j] / predicted : 0;
    // scikit-learn sets recall to 1 throughout when there is no positive.
    recall[i] = positives === 0 ? 1 : tps[j] / positives;
    ascending[i] = thresholds[j];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: ascending, positives, negatives };
}

/** average_precision_score on a full curve. */
export function averagePrecisionOf(curve: FullPrecisionRecallCurve): number {
  let sum = 0;
  for (let i = 0; i + 1 < curve.recall.length; i++) sum += (curve.recall[i] - curve.recall[i + 1]) * curve.precision[i];
  return sum;
}

export function precisionRecallCurve(positive: ArrayLike<boolean>, score: ArrayLike<number>, maxPoints: number = MAX_CURVE_POINTS): PrecisionRecallCurve {
  const full = fullPrecisionRecallCurve(positive, score);
  const { positives, negatives } = full;
  const rows = positives + negatives;
  if (positives === 0) {
    return { precision: [], recall: [], thresholds: [], averagePrecision: null, baseline: 0, totalPoints: 0, positives, negatives };
  }
  const keep = thinIndices(full.precision.length, maxPoints);
  return {
    precision: pickAt(full.precision, keep),
    recall: pickAt(full.recall, keep),
    thresholds: keep.map((i) => (i < full.thresholds.length ? full.thresholds[i] : null)),
    averagePrecision: averagePrecisionOf(full),
    baseline: positives / rows,
    totalPoints: full.precision.length,
    positives,
    negatives,
  };
}
