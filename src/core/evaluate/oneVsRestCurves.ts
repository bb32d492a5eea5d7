/**
 * ROC and precision-recall curves of a classifier, one class against the rest: for each class,
 * "is this class" against its predicted probability. Two classes give one entry, for the
 * positive class classes[1] (the other is its mirror image). The macro ROC AUC is the mean of
 * the defined per-class AUCs, the studio's roc_auc (scikit-learn's multi_class='ovr', macro).
 *
 * Many classes would multiply the points sent to the UI, so by default each curve keeps fewer
 * points as the classes grow (300 up to 10 classes, never under 50).
 */
import { MAX_CURVE_POINTS } from './binaryCurve';
import { precisionRecallCurve, type PrecisionRecallCurve } from './precisionRecallCurve';
import { rocCurve, type RocCurve } from './rocCurve';

export interface ClassCurves {
  class: string;
  /** Index into the classes. */
  index: number;
  roc: RocCurve;
  pr: PrecisionRecallCurve;
}

export interface OneVsRestCurves {
  curves: ClassCurves[];
  /** Mean of the per-class AUCs that are defined; null when none is. */
  macroRocAuc: number | null;
}

export function defaultPointsPerCurve(classCount: number): number {
  return Math.max(50, Math.min(MAX_CURVE_POINTS, Math.floor(3000 / classCount)));
}

export function oneVsRestCurves(yTrue: Int32Array, proba: Float64Array, classes: string[], maxPoints?: number): OneVsRestCurves {
  const k = classes.length;
  const rows = yTrue.length;
  if (k < 2) throw new Error(`Curves need at least 2 classes, got ${k}.`);
  if (proba.length !== rows * k) throw new Error(`The probabilities hold ${proba.length} values, expected ${rows} x ${k}.`);
  const points = maxPoints ?? defaultPointsPerCurve(k);
  const curves: ClassCurves[] = [];
  for (let c = k === 2 ? 1 : 0; c < k; c++) {
    const positive = Array.from(yTrue, (t) => t === c);
    const score = new Float64Array(rows);
    for (let r = 0; r < rows; r++) score[r] = proba[r * k + c];
    curves.push({ class: classes[c], index: c, roc: rocCurve(positive, score, points), pr: precisionRecallCurve(positive, score, points) });
  }
  const aucs = curves.map((c) => c.roc.auc).filter((a): a is number => a !== null);
  return { curves, macroRocAuc: aucs.length > 0 ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null };
}
