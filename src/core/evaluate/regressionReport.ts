/**
 * A regressor's report for the results page: r2, rmse and mae (the metrics table's numbers),
 * MAPE as scikit-learn's mean_absolute_percentage_error (|y - ŷ| / max(|y|, eps), eps the
 * float64 machine epsilon, so a zero target gives a huge but finite term, as in Python), and a
 * summary of the residuals y - ŷ (positive: the model predicted too low).
 */
import { medianSorted, quantileSorted } from '../profile/quantiles';
import { regressionMetrics, type RegressionMetrics } from './regressionMetrics';

const EPS = 2.220446049250313e-16;

export interface ResidualSummary {
  mean: number;
  /** Population standard deviation (ddof 0). */
  std: number;
  min: number;
  /** 25th percentile (numpy's linear interpolation). */
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export interface RegressionReport extends RegressionMetrics {
  rows: number;
  /** A fraction (0.1 = 10 %), as scikit-learn returns it. */
  mape: number;
  residuals: ResidualSummary;
}

export function regressionReport(yTrue: Float64Array, yPred: Float64Array): RegressionReport {
  const metrics = regressionMetrics(yTrue, yPred);
  const n = yTrue.length;
  const residuals = residualsOf(yTrue, yPred);
  let apeSum = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    apeSum += Math.abs(yPred[i] - yTrue[i]) / Math.max(Math.abs(yTrue[i]), EPS);
    sum += residuals[i];
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (residuals[i] - mean) ** 2;
  const sorted = residuals.slice().sort();
  return {
    rows: n,
    ...metrics,
    mape: apeSum / n,
    residuals: {
      mean,
      std: Math.sqrt(squares / n),
      min: sorted[0],
      q1: quantileSorted(sorted, 0.25),
      median: medianSorted(sorted),
      q3: quantileSorted(sorted, 0.75),
      max: sorted[n - 1],
    },
  };
}

/** y - ŷ per row. */
export function residualsOf(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array {
  if (yPred.length !== yTrue.length) throw new Error(`There are ${yPred.length} predictions for ${yTrue.length} rows.`);
  return Float64Array.from(yTrue, (y, i) => y - yPred[i]);
}
