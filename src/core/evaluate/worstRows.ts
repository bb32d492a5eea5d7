/**
 * The rows the model gets most wrong, for an error-analysis table: classification ranks rows by
 * the probability given to their true class (lowest first; the loss is that row's log loss,
 * -log p, with log_loss's clipping so a 0 stays finite), regression by the absolute error.
 * Ties keep the earlier row. Row positions index the scored rows, so the UI can show the
 * inputs next to each.
 */
import { argmaxClasses } from './confusionMatrix';

export interface WorstRow {
  /** Position in the scored rows. */
  row: number;
  /** The true value, or the true class index. */
  actual: number;
  /** The prediction, or the predicted class index (most probable). */
  predicted: number;
  /** -log p(true class), or |actual - predicted|. */
  loss: number;
  /** Classification only: the probability given to the true class. */
  trueClassProbability?: number;
}

const EPS = 2.220446049250313e-16;

/**
 * `predictions` is, for classification, the class probabilities (rows x classes, row-major) and,
 * for regression, the predicted values. At most `n` rows come back, worst first.
 */
export function worstRows(yTrue: ArrayLike<number>, predictions: Float64Array, task: 'classification' | 'regression', n = 20): WorstRow[] {
  const rows = yTrue.length;
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`The number of rows to list is ${n}; expected a whole number.`);
  if (rows === 0) return [];
  const loss = new Float64Array(rows);
  let predicted: ArrayLike<number>;
  let trueProbability: Float64Array | null = null;
  if (task === 'classification') {
    const classes = predictions.length / rows;
    if (!(Number.isInteger(classes) && classes >= 2)) throw new Error(`The probabilities hold ${predictions.length} values, not a whole number of classes (2 or more) for ${rows} rows.`);
    predicted = argmaxClasses(predictions, rows, classes);
    trueProbability = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      // The same clipping and renormalising as log_loss, so the losses add up to its total.
      let rowSum = 0;
      for (let k = 0; k < classes; k++) rowSum += clip(predictions[r * classes + k]);
      trueProbability[r] = predictions[r * classes + yTrue[r]];
      loss[r] = -Math.log(clip(trueProbability[r]) / rowSum);
    }
  } else {
    if (predictions.length !== rows) throw new Error(`There are ${predictions.length} predictions for ${rows} rows.`);
    predicted = predictions;
    for (let r = 0; r < rows; r++) loss[r] = Math.abs(yTrue[r] - predictions[r]);
  }
  return topByLoss(loss, n).map((row) => ({
    row,
    actual: yTrue[row],
    predicted: predicted[row],
    loss: loss[row],
    ...(trueProbability ? { trueClassProbability: trueProbability[row] } : {}),
  }));
}

/** Positions of the n largest losses, largest first, earlier rows first on ties. */
function topByLoss(loss: Float64Array, n: number): number[] {
  // A short sorted list: most rows do not beat its last entry, so this is about one pass.
  const top: number[] = [];
  for (let r = 0; r < loss.length && n > 0; r++) {
    if (top.length === n && !(loss[r] > loss[top[n - 1]])) continue;
    let at = top.length;
    while (at > 0 && loss[r] > loss[top[at - 1]]) at--;
    top.splice(at, 0, r);
    if (top.length > n) top.pop();
  }
  return top;
}

function clip(p: number): number {
  return Math.min(1 - EPS, Math.max(EPS, p));
}
