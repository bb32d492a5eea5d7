/**
 * Classification metrics with scikit-learn's definitions (1.2), so numbers in the studio match
 * what a data scientist computes in Python:
 * - macro averages run over the classes present in y_true or in the predictions
 *   (sklearn's `unique_labels`), a 0/0 precision or recall counts as 0 (zero_division);
 * - balanced accuracy averages recall over the classes present in y_true;
 * - log loss clips probabilities to [eps, 1 - eps] (eps = float64 machine epsilon), renormalises
 *   each row, and averages -log p(true class).
 */
import { accuracyOf, balancedAccuracy, classScores, macroAverage } from './classScores';
import { argmaxClasses, confusionMatrix } from './confusionMatrix';
import { rocAuc } from './rocAuc';

export interface ClassificationMetrics {
  accuracy: number;
  balanced_accuracy: number;
  f1_macro: number;
  precision_macro: number;
  recall_macro: number;
  log_loss: number;
  /** NaN when undefined (a single class in y_true). */
  roc_auc: number;
}

const EPS = 2.220446049250313e-16;

/** The metrics that need only the predicted classes (no probabilities). */
export type LabelMetrics = Pick<ClassificationMetrics, 'accuracy' | 'balanced_accuracy' | 'f1_macro' | 'precision_macro' | 'recall_macro'>;

export function classificationMetrics(yTrue: Int32Array, proba: Float64Array, classes: number): ClassificationMetrics {
  const rows = yTrue.length;
  if (rows === 0) throw new Error('Metrics need at least one row.');
  if (!(Number.isInteger(classes) && classes >= 2)) throw new Error(`Metrics need at least 2 classes, got ${classes}.`);
  if (proba.length !== rows * classes) throw new Error(`The probabilities hold ${proba.length} values, expected ${rows} x ${classes}.`);
  return {
    ...labelMetrics(yTrue, argmaxClasses(proba, rows, classes), classes),
    log_loss: logLoss(yTrue, proba, classes),
    roc_auc: rocAuc(yTrue, proba, classes),
  };
}

/** Accuracy, balanced accuracy and the macro averages of predicted class indices. */
export function labelMetrics(yTrue: Int32Array, yPred: ArrayLike<number>, classes: number): LabelMetrics {
  if (yTrue.length === 0) throw new Error('Metrics need at least one row.');
  const matrix = confusionMatrix(yTrue, yPred, classes);
  const scores = classScores(matrix);
  const macro = macroAverage(scores);
  return {
    accuracy: accuracyOf(matrix),
    balanced_accuracy: balancedAccuracy(scores),
    f1_macro: macro.f1,
    precision_macro: macro.precision,
    recall_macro: macro.recall,
  };
}

export function logLoss(yTrue: Int32Array, proba: Float64Array, classes: number): number {
  let total = 0;
  for (let r = 0; r < yTrue.length; r++) {
    let rowSum = 0;
    for (let k = 0; k < classes; k++) rowSum += clip(proba[r * classes + k]);
    total += -Math.log(clip(proba[r * classes + yTrue[r]]) / rowSum);
  }
  return total / yTrue.length;
}

function clip(p: number): number {
  return Math.min(1 - EPS, Math.max(EPS, p));
}
