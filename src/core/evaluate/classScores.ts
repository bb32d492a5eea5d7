/**
 * Per-class precision, recall and F1 from a confusion matrix, and their averages, with
 * scikit-learn's definitions (precision_recall_fscore_support with zero_division=0): a 0/0
 * precision or recall counts as 0, and so does the F1 of a class whose precision and recall
 * are both 0. Shared by the metrics table, the classification report and the group metrics,
 * so the three always agree.
 */

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Rows of this class in y_true. */
  support: number;
  /** Rows predicted as this class. */
  predicted: number;
}

export interface AveragedScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Scores of each class k from `matrix[true][predicted]`. */
export function classScores(matrix: number[][]): ClassScores[] {
  const classes = matrix.length;
  const out: ClassScores[] = [];
  for (let k = 0; k < classes; k++) {
    const tp = matrix[k][k];
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < classes; j++) {
      support += matrix[k][j];
      predicted += matrix[j][k];
    }
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const denom = precision + recall;
    out.push({ precision, recall, f1: denom === 0 ? 0 : (2 * precision * recall) / denom, support, predicted });
  }
  return out;
}

/**
 * The unweighted mean over the classes seen in y_true or in the predictions (scikit-learn's
 * default labels, `unique_labels`): a class that never occurs at all does not drag it down.
 */
export function macroAverage(scores: ClassScores[]): AveragedScores {
  const seen = scores.filter((s) => s.support > 0 || s.predicted > 0);
  const mean = (pick: (s: ClassScores) => number): number => seen.reduce((a, s) => a + pick(s), 0) / seen.length;
  return { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1), support: total(scores) };
}

/** The mean weighted by support (rows per true class). */
export function weightedAverage(scores: ClassScores[]): AveragedScores {
  const rows = total(scores);
  const mean = (pick: (s: ClassScores) => number): number => scores.reduce((a, s) => a + pick(s) * s.support, 0) / rows;
  return { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1), support: rows };
}

/** Mean recall over the classes present in y_true (scikit-learn's balanced_accuracy_score). */
export function balancedAccuracy(scores: ClassScores[]): number {
  const present = scores.filter((s) => s.support > 0);
  return present.reduce((a, s) => a + s.recall, 0) / present.length;
}

/** Share of rows on the diagonal. */
export function accuracyOf(matrix: number[][]): number {
  let correct = 0;
  let rows = 0;
  matrix.forEach((row, k) => {
    correct += row[k];
    for (const count of row) rows += count;
  });
  return correct / rows;
}

function total(scores: ClassScores[]): number {
  return scores.reduce((a, s) => a + s.support, 0);
}
