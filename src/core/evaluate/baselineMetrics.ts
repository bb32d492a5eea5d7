/**
 * The metrics of a model that ignores its inputs, the yardstick for "did the model learn
 * anything": scikit-learn's DummyClassifier(strategy='prior') (every row gets the class shares
 * as probabilities, so it predicts the most frequent class and ranks nothing: ROC AUC 0.5) and
 * DummyRegressor() (every row gets the mean: R² 0, RMSE the standard deviation). The shares
 * or the mean come from `reference` (the training labels) when given, else from yTrue.
 */
import { classificationMetrics } from './classificationMetrics';
import { regressionMetrics } from './regressionMetrics';

export function classificationBaseline(yTrue: Int32Array, classes: number, reference: Int32Array = yTrue): Record<string, number | null> {
  const shares = new Float64Array(classes);
  for (const t of reference) shares[t]++;
  for (let k = 0; k < classes; k++) shares[k] /= reference.length;
  const proba = new Float64Array(yTrue.length * classes);
  for (let r = 0; r < yTrue.length; r++) proba.set(shares, r * classes);
  return nullForNaN({ ...classificationMetrics(yTrue, proba, classes) });
}

export function regressionBaseline(yTrue: Float64Array, reference: Float64Array = yTrue): Record<string, number | null> {
  let mean = 0;
  for (const y of reference) mean += y;
  mean /= reference.length;
  return nullForNaN({ ...regressionMetrics(yTrue, new Float64Array(yTrue.length).fill(mean)) });
}

/** JSON has no NaN: undefined metrics become null. */
export function nullForNaN(metrics: Record<string, number>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(metrics)) out[name] = Number.isFinite(value) ? value : null;
  return out;
}
