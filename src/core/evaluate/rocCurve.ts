/**
 * The ROC curve exactly as scikit-learn 1.2's roc_curve(drop_intermediate=True): one point per
 * distinct score, minus the points on a straight segment between two others, plus (0, 0) with
 * the threshold max score + 1 (scikit-learn >= 1.3 writes Infinity there, which JSON cannot
 * hold). The AUC is the trapezoidal area under the full curve (roc_auc_score); the point lists
 * sent to the UI are thinned to at most `maxPoints` (see thinIndices).
 */
import { binaryCounts, MAX_CURVE_POINTS, pickAt, thinIndices, trapezoid } from './binaryCurve';

export interface FullRocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** Descending: a row is predicted positive when its score >= the threshold. */
  thresholds: Float64Array;
  positives: number;
  negatives: number;
}

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
  /** Null when y_true lacks positives or negatives (the curve is then empty). */
  auc: number | null;
  /** Points of the full curve, before thinning. */
  totalPoints: number;
  positives: number;
  negatives: number;
}

export function fullRocCurve(positive: ArrayLike<boolean>, score: ArrayLike<number>): FullRocCurve {
  const counts = binaryCounts(positive, score);
  const { positives, negatives } = counts;
  let { tps, fps, thresholds } = counts;
  if (tps.length > 2) {
    // Keep the ends and every corner: a point whose second difference is 0 in both counts lies
    // on the segment between its neighbours.
    const keep: number[] = [0];
    for (let i = 1; i < tps.length - 1; i++) {
      if (fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0) keep.push(i);
    }
    keep.push(tps.length - 1);
    tps = Float64Array.from(keep, (i) => tps[i]);
    fps = Float64Array.from(keep, (i) => fps[i]);
    thresholds = Float64Array.from(keep, (i) => thresholds[i]);
  }
  const m = tps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const withStart = new Float64Array(m);
  withStart[0] = thresholds[0] + 1;
  for (let i = 1; i < m; i++) {
    fpr[i] = fps[i - 1] / negatives;
    tpr[i] = tps[i - 1] / positives;
    withStart[i] = thresholds[i - 1];
  }
  return { fpr, tpr, thresholds: withStart, positives, negatives };
}

export function rocCurve(positive: ArrayLike<boolean>, score: ArrayLike<number>, maxPoints: number = MAX_CURVE_POINTS): RocCurve {
  const full = fullRocCurve(positive, score);
  const { positives, negatives } = full;
  if (positives === 0 || negatives === 0) {
    return { fpr: [], tpr: [], thresholds: [], auc: null, totalPoints: 0, positives, negatives };
  }
  const keep = thinIndices(full.fpr.length, maxPoints);
  return {
    fpr: pickAt(full.fpr, keep),
    tpr: pickAt(full.tpr, keep),
    thresholds: pickAt(full.thresholds, keep),
    auc: trapezoid(full.fpr, full.tpr),
    totalPoints: full.fpr.length,
    positives,
    negatives,
  };
}
