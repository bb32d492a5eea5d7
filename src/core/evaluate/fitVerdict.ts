/**
 * A plain-language verdict on how a model fits, from one metric on the training rows and on new
 * (validation) rows, and optionally the score of a model that ignores the inputs (baseline).
 *
 * The rule, every gap measured on the metric's own scale: the room between the baseline and a
 * perfect score (`best`: 1 for scores, 0 for errors) when a baseline is known; otherwise 1 for
 * scores (accuracy, F1, AUC, R² live on [0, 1]) and the validation value for errors (log loss,
 * RMSE, MAE are unbounded, so their gap is relative: 2.0 vs 3.0 is a third of the error).
 * - gap = how much better training is than validation, on that scale;
 * - progress = how far validation gets from the baseline towards a perfect score (0 to 1).
 * Verdicts, in this order:
 * - unclear: a number is missing, or validation beats training by more than OVERFIT_GAP (few or
 *   unusually easy validation rows);
 * - overfitting: gap > OVERFIT_GAP (0.1: ten points of accuracy, a tenth of the error);
 * - underfitting: progress < UNDERFIT_PROGRESS (0.2), i.e. validation is close to the baseline;
 * - good fit: otherwise, when a baseline is known (R² and ROC AUC have the natural baselines 0
 *   and 0.5); without one "unclear", as a small gap alone does not show the model learned much.
 */

export type Verdict = 'overfitting' | 'underfitting' | 'good fit' | 'unclear';

export interface FitVerdictInput {
  /** A metric name such as 'accuracy' or 'rmse' (used in the sentence). */
  metric: string;
  higherIsBetter: boolean;
  train: number | null;
  validation: number | null;
  /** The score of a model that ignores the inputs (see classificationBaseline, regressionBaseline). */
  baseline?: number | null;
  /** A perfect score; default 1 when higher is better, else 0. */
  best?: number;
}

export interface FitVerdict {
  verdict: Verdict;
  sentence: string;
  /** How much better training is than validation, on the metric's scale; null when unknown. */
  gap: number | null;
  /** How far validation gets from the baseline towards a perfect score; null without a baseline. */
  progress: number | null;
}

export const OVERFIT_GAP = 0.1;
export const UNDERFIT_PROGRESS = 0.2;

/** Baselines that need no data: R² of predicting the mean, AUC of a random ranking. */
const NATURAL_BASELINES: Record<string, number> = { r2: 0, roc_auc: 0.5 };

const METRIC_LABELS: Record<string, string> = {
  accuracy: 'accuracy',
  balanced_accuracy: 'balanced accuracy',
  f1_macro: 'F1 (macro)',
  precision_macro: 'precision (macro)',
  recall_macro: 'recall (macro)',
  log_loss: 'log loss',
  roc_auc: 'ROC AUC',
  r2: 'R²',
  rmse: 'RMSE',
  mae: 'MAE',
  mape: 'MAPE',
};

export function fitVerdict(input: FitVerdictInput): FitVerdict {
  const { metric, higherIsBetter, train, validation } = input;
  const label = METRIC_LABELS[metric] ?? metric.replace(/_/g, ' ');
  const best = input.best ?? (higherIsBetter ? 1 : 0);
  const given = input.baseline ?? NATURAL_BASELINES[metric];
  const baseline = given !== undefined && Number.isFinite(given) && given !== best ? given : null;
  if (train === null || validation === null || !Number.isFinite(train) || !Number.isFinite(validation)) {
    return { verdict: 'unclear', sentence: `Cannot judge the fit: the training or validation ${label} is missing.`, gap: null, progress: null };
  }
  const head = `Training ${label} ${formatValue(train)} vs validation ${formatValue(validation)}`;
  const sign = higherIsBetter ? 1 : -1;
  const scale = baseline !== null ? Math.abs(best - baseline) : higherIsBetter ? 1 : Math.abs(validation);
  const gap = scale > 0 ? (sign * (train - validation)) / scale : 0;
  const progress = baseline !== null ? (validation - baseline) / (best - baseline) : null;
  const result = (verdict: Verdict, sentence: string): FitVerdict => ({ verdict, sentence, gap, progress });

  if (gap < -OVERFIT_GAP) {
    return result(
      'unclear',
      `${head}: the model does better on new rows than on the training rows, which usually means the validation rows are few or unusually easy; check with cross-validation.`,
    );
  }
  if (gap > OVERFIT_GAP) {
    return result('overfitting', `${head}: the model fits the training rows much better than new rows (overfitting); try a simpler model or more regularisation.`);
  }
  if (baseline === null) {
    return result('unclear', `${head}: no sign of overfitting, but without a baseline to compare with it is unclear whether the model learned much.`);
  }
  const baselineText = `the ${formatValue(baseline)} of a model that ignores the inputs`;
  if (progress !== null && progress < UNDERFIT_PROGRESS) {
    return result(
      'underfitting',
      `${head}, close to ${baselineText}: the model has learned little from the data (underfitting); try a more flexible model, better features or less regularisation.`,
    );
  }
  return result('good fit', `${head}: the model does about as well on new rows as on the training rows and clearly beats ${baselineText} (good fit).`);
}

/** Whether a larger value of the studio's metric is better (errors and losses: no). */
export function isHigherBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

const LOWER_IS_BETTER = new Set(['log_loss', 'rmse', 'mae', 'mape']);

/** Three decimals for everyday values; significant digits for tiny or huge ones. */
export function formatValue(x: number): string {
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e6)) return x.toPrecision(3);
  if (a >= 100) return x.toFixed(1);
  return x.toFixed(3);
}
