/**
 * The numbers an explanation averages, from one prediction: the predicted value for
 * regression, or each class's probability for classification (a classifier that gives no
 * probabilities counts 1 for its predicted class, so averages become shares of rows).
 */
import type { PredictionLike } from './types';

export interface OutputMatrix {
  /** 'prediction' for regression, else the class names. */
  names: string[];
  /** Row-major rows x names.length. */
  values: Float64Array;
}

/** `classes` names the classes when the prediction does not; their presence means classification. */
export function predictionOutputs(pred: PredictionLike, rows: number, classes?: readonly string[]): OutputMatrix {
  if (pred.prediction.length !== rows) throw new Error(`The model returned ${pred.prediction.length} predictions for ${rows} rows.`);
  const names = pred.classes ?? (classes ? classes.slice() : undefined);
  if (!names) {
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const v = pred.prediction[r];
      values[r] = typeof v === 'number' ? v : Number(v);
    }
    return { names: ['prediction'], values };
  }
  const K = names.length;
  if (pred.proba) {
    if (pred.proba.length !== rows * K) throw new Error(`The model returned ${pred.proba.length} probabilities, expected ${rows} x ${K}.`);
    return { names, values: pred.proba };
  }
  const index = new Map(names.map((name, k) => [name, k]));
  const values = new Float64Array(rows * K);
  for (let r = 0; r < rows; r++) {
    const k = index.get(String(pred.prediction[r]));
    if (k !== undefined) values[r * K + k] = 1;
  }
  return { names, values };
}
