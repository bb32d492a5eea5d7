/**
 * Classification metrics with scikit-learn's definitions (1.2), so numbers in the studio match
 * what a data scientist computes in Python:
 * - macro averages run over the classes present in y_true or in the predictions
 *   (sklearn's `unique_labels`), a 0/0 precision or recall counts as 0 (zero_division);
 * - balanced accuracy averages recall over the classes present in y_true;
 * - log loss clips probabilities to [eps, 1 - eps] (eps = float64 machine epsilon), renormalises
 *   each row, and averages -log p(true class).
 */
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

export function classificationMetrics(yTrue: Int32Array, proba: Float64Array, classes: number): ClassificationMetrics {
  const rows = yTrue.length;
  if (rows === 0) throw new Error('Metrics need at least one row.');
  if (!(Number.isInteger(classes) && classes >= 2)) throw new Error(`Metrics need at least 2 classes, got ${classes}.`);
  if (proba.length !== rows * classes) throw new Error(`The probabilities hold ${proba.length} values, expected ${rows} x ${classes}.`);
  const yPred = argmaxClasses(proba, rows, classes);
  const cm = confusionMatrix(yTrue, yPred, classes);

  let correct = 0;
  let precisionSum = 0;
  let recallSum = 0;
  let f1Sum = 0;
  let labelCount = 0;
  let presentRecallSum = 0;
  let presentCount = 0;
  for (let k = 0; k < classes; k++) {
    const tp = cm[k][k];
    correct += tp;
    let trueSum = 0;
    let predSum = 0;
    for (let j = 0; j < classes; j++) {
      trueSum += cm[k][j];
      predSum += cm[j][k];
    }
    if (trueSum === 0 && predSum === 0) continue;
    const precision = predSum > 0 ? tp / predSum : 0;
    const recall = trueSum > 0 ? tp / trueSum : 0;
    const denom = precision + recall;
    precisionSum += precision;
    recallSum += recall;
    f1Sum += denom === 0 ? 0 : (2 * precision * recall) / denom;
    labelCount++;
    if (trueSum > 0) {
      presentRecallSum += recall;
      presentCount++;
    }
  }

  return {
    accuracy: correct / rows,
    balanced_accuracy: presentRecallSum / presentCount,
    f1_macro: f1Sum / labelCount,
    precision_macro: precisionSum / labelCount,
    recall_macro: recallSum / labelCount,
    log_loss: logLoss(yTrue, proba, classes),
    roc_auc: rocAuc(yTrue, proba, classes),
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
