/**
 * Scores for permutation importance, named and defined as scikit-learn's scorers so that
 * "higher is better" holds for all of them (errors are negated, as in `neg_log_loss`).
 */
import type { PredictionLike } from './types';

export type ScorerName =
  | 'accuracy'
  | 'balanced_accuracy'
  | 'neg_log_loss'
  | 'r2'
  | 'neg_root_mean_squared_error'
  | 'neg_mean_absolute_error';

export interface Scorer {
  name: ScorerName;
  task: 'classification' | 'regression';
  /** Labels as class names (classification) or numbers (regression), one per prediction. */
  score(yTrue: ArrayLike<string | number>, pred: PredictionLike, classes?: readonly string[]): number;
}

const EPS = 2.220446049250313e-16;

function accuracy(yTrue: ArrayLike<string | number>, pred: PredictionLike): number {
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (String(pred.prediction[i]) === String(yTrue[i])) correct++;
  return correct / yTrue.length;
}

/** Mean recall over the classes present in y_true (scikit-learn's balanced_accuracy_score). */
function balancedAccuracy(yTrue: ArrayLike<string | number>, pred: PredictionLike): number {
  const seen = new Map<string, { n: number; hit: number }>();
  for (let i = 0; i < yTrue.length; i++) {
    const label = String(yTrue[i]);
    const entry = seen.get(label) ?? { n: 0, hit: 0 };
    entry.n++;
    if (String(pred.prediction[i]) === label) entry.hit++;
    seen.set(label, entry);
  }
  let sum = 0;
  for (const { n, hit } of seen.values()) sum += hit / n;
  return sum / seen.size;
}

/** Minus the mean log loss, probabilities clipped to [eps, 1 - eps] and renormalised per row. */
function negLogLoss(yTrue: ArrayLike<string | number>, pred: PredictionLike, classes?: readonly string[]): number {
  const names = pred.classes ?? classes;
  if (!pred.proba || !names) throw new Error('neg_log_loss needs a model that gives class probabilities.');
  const K = names.length;
  const index = new Map(names.map((name, k) => [name, k]));
  const clip = (p: number) => Math.min(1 - EPS, Math.max(EPS, p));
  let total = 0;
  for (let r = 0; r < yTrue.length; r++) {
    let rowSum = 0;
    for (let k = 0; k < K; k++) rowSum += clip(pred.proba[r * K + k]);
    const k = index.get(String(yTrue[r]));
    // A label the model has never seen gets the smallest probability there is.
    total += -Math.log((k === undefined ? EPS : clip(pred.proba[r * K + k])) / rowSum);
  }
  return -total / yTrue.length;
}

function residuals(yTrue: ArrayLike<string | number>, pred: PredictionLike, each: (truth: number, predicted: number) => void): void {
  for (let i = 0; i < yTrue.length; i++) each(Number(yTrue[i]), Number(pred.prediction[i]));
}

/** R² with scikit-learn's force_finite: a constant y_true gives 1 for a perfect fit, else 0. */
function r2(yTrue: ArrayLike<string | number>, pred: PredictionLike): number {
  let mean = 0;
  for (let i = 0; i < yTrue.length; i++) mean += Number(yTrue[i]);
  mean /= yTrue.length;
  let ssRes = 0;
  let ssTot = 0;
  residuals(yTrue, pred, (t, p) => {
    ssRes += (t - p) ** 2;
    ssTot += (t - mean) ** 2;
  });
  return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
}

function negRmse(yTrue: ArrayLike<string | number>, pred: PredictionLike): number {
  let ss = 0;
  residuals(yTrue, pred, (t, p) => (ss += (t - p) ** 2));
  return -Math.sqrt(ss / yTrue.length);
}

function negMae(yTrue: ArrayLike<string | number>, pred: PredictionLike): number {
  let sum = 0;
  residuals(yTrue, pred, (t, p) => (sum += Math.abs(t - p)));
  return -sum / yTrue.length;
}

export const SCORERS: Readonly<Record<ScorerName, Scorer>> = {
  accuracy: { name: 'accuracy', task: 'classification', score: accuracy },
  balanced_accuracy: { name: 'balanced_accuracy', task: 'classification', score: balancedAccuracy },
  neg_log_loss: { name: 'neg_log_loss', task: 'classification', score: negLogLoss },
  r2: { name: 'r2', task: 'regression', score: r2 },
  neg_root_mean_squared_error: { name: 'neg_root_mean_squared_error', task: 'regression', score: negRmse },
  neg_mean_absolute_error: { name: 'neg_mean_absolute_error', task: 'regression', score: negMae },
};

/** The scorer named `name`, or the task's default (accuracy, R²); refuses one made for the other task. */
export function scorerFor(task: 'classification' | 'regression', name?: ScorerName): Scorer {
  const scorer = SCORERS[name ?? (task === 'classification' ? 'accuracy' : 'r2')];
  if (!scorer) throw new Error(`There is no scorer named "${name}"; known scorers: ${Object.keys(SCORERS).join(', ')}.`);
  if (scorer.task !== task) throw new Error(`The scorer "${scorer.name}" is for ${scorer.task}, not ${task}.`);
  return scorer;
}
