/**
 * A model's predictions as a table column, so they are summarised and compared like an input:
 * class names as categories (every class listed, in the model's order), numbers as numbers.
 */
import type { BundlePrediction } from '../bundle/bundleTypes';
import { MISSING_CODE, type Column, type ColumnType } from '../data/table';
import { PREDICTION_NAME } from './driftTypes';

export function predictionColumn(predictions: BundlePrediction): { column: Column; type: ColumnType } {
  const values = predictions.prediction;
  const n = values.length;
  const missing = new Uint8Array(n);
  const categorical = predictions.classes !== undefined || values.some((v) => typeof v === 'string');
  if (!categorical) {
    const numbers = Float64Array.from(values, (v, i) => {
      const x = Number(v);
      if (!Number.isFinite(x)) missing[i] = 1;
      return x;
    });
    return { column: { name: PREDICTION_NAME, type: 'numeric', inferredType: 'numeric', values: numbers, missing }, type: 'numeric' };
  }
  const categories = predictions.classes ? predictions.classes.slice() : [];
  const index = new Map(categories.map((c, k) => [c, k]));
  const codes = Uint32Array.from(values, (v, i) => {
    const text = String(v);
    let code = index.get(text);
    if (code === undefined) {
      if (v === '') {
        missing[i] = 1;
        return MISSING_CODE;
      }
      index.set(text, (code = categories.push(text) - 1));
    }
    return code;
  });
  return { column: { name: PREDICTION_NAME, type: 'categorical', inferredType: 'categorical', codes, categories, missing }, type: 'categorical' };
}
