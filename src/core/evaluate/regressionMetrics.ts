/**
 * Regression metrics with scikit-learn's definitions: r2 (a constant y_true gives 1 for a
 * perfect fit and 0 otherwise, sklearn's force_finite), rmse, mae.
 */
export interface RegressionMetrics {
  r2: number;
  rmse: number;
  mae: number;
}

export function regressionMetrics(yTrue: Float64Array, yPred: Float64Array): RegressionMetrics {
  const n = yTrue.length;
  if (n === 0) throw new Error('Metrics need at least one row.');
  if (yPred.length !== n) throw new Error(`There are ${yPred.length} predictions for ${n} rows.`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  let absSum = 0;
  for (let i = 0; i < n; i++) {
    const e = yTrue[i] - yPred[i];
    ssRes += e * e;
    absSum += Math.abs(e);
    ssTot += (yTrue[i] - mean) ** 2;
  }
  const r2 = ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  return { r2, rmse: Math.sqrt(ssRes / n), mae: absSum / n };
}
