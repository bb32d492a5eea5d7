/**
 * A classifier's full report for the results page, in scikit-learn's terms: per class
 * precision, recall, F1 and support (classification_report with zero_division=0), their macro
 * and weighted averages, the headline metrics (the same numbers as the metrics table) and the
 * confusion matrix, as counts and normalised by true row (confusion_matrix(normalize='true')).
 *
 * Predictions are the most probable class. ROC AUC is that of classes[1] for two classes and
 * the one-vs-rest macro mean otherwise; it is null where undefined (one class in y_true).
 * Everything is plain JSON: no NaN, and at most classes x classes numbers in the matrices.
 */
import { classificationMetrics, type ClassificationMetrics } from './classificationMetrics';
import { classScores, macroAverage, weightedAverage, type AveragedScores } from './classScores';
import { argmaxClasses, confusionMatrix } from './confusionMatrix';

export interface ClassReportRow {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  /** Rows of this class in y_true. */
  support: number;
}

export interface ConfusionReport {
  /** Class names, the order of both axes. */
  labels: string[];
  /** counts[t][p]: rows of true class t predicted as p. */
  counts: number[][];
  /** counts divided by their row total (0 for a class absent from y_true, as scikit-learn). */
  normalized: number[][];
}

export interface ClassificationReport {
  rows: number;
  perClass: ClassReportRow[];
  /** Unweighted mean over the classes seen in y_true or in the predictions. */
  macro: AveragedScores;
  /** Mean weighted by support. */
  weighted: AveragedScores;
  /** The metrics table's numbers; roc_auc is null where undefined. */
  metrics: Omit<ClassificationMetrics, 'roc_auc'> & { roc_auc: number | null };
  confusion: ConfusionReport;
}

export function classificationReport(yTrue: Int32Array, proba: Float64Array, classes: string[]): ClassificationReport {
  const k = classes.length;
  const metrics = classificationMetrics(yTrue, proba, k);
  const counts = confusionMatrix(yTrue, argmaxClasses(proba, yTrue.length, k), k);
  const scores = classScores(counts);
  const normalized = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (total > 0 ? c / total : 0));
  });
  return {
    rows: yTrue.length,
    perClass: scores.map((s, i) => ({ class: classes[i], precision: s.precision, recall: s.recall, f1: s.f1, support: s.support })),
    macro: macroAverage(scores),
    weighted: weightedAverage(scores),
    metrics: { ...metrics, roc_auc: Number.isNaN(metrics.roc_auc) ? null : metrics.roc_auc },
    confusion: { labels: [...classes], counts, normalized },
  };
}
