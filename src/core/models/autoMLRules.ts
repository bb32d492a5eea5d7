/**
 * AutoML's defaults and rules, shared by the CLI, the browser's training pool and the store. Pure
 * and import-free, so the page can use them without loading the models.
 */

/** Seed of every split, fold, search and fit unless the person sets one. */
export const AUTO_SEED = 0;
/** Cross-validation folds of every model. */
export const AUTO_FOLDS = 5;
/** Seconds after which no new model or tuning trial starts. */
export const AUTO_TIME_BUDGET_SECONDS = 60;

export type RankedTask = 'classification' | 'regression' | 'clustering';

/** The metric that ranks models, higher is better. */
export function rankingMetric(task: RankedTask): string {
  return task === 'classification' ? 'accuracy' : task === 'regression' ? 'r2' : 'silhouette';
}

/** The score a model is ranked by: its K-fold mean, or its hold-out score without folds; -Infinity when undefined. */
export function rankingScore(run: { cv?: { mean: Record<string, number> }; metrics: Record<string, number> }, task: RankedTask): number {
  const value = (run.cv?.mean ?? run.metrics)[rankingMetric(task)];
  return Number.isFinite(value) ? value : -Infinity;
}

/** Whether the budget is spent: no new model starts then, but never before one has finished. */
export function budgetSpent(budgetSeconds: number | undefined, elapsedSeconds: number, finished: number): boolean {
  return budgetSeconds !== undefined && finished > 0 && elapsedSeconds >= budgetSeconds;
}

/** Share of the budget the kept model's final fit may run past the budget's end. */
export const FINAL_FIT_GRACE = 0.25;

/**
 * When fits stop growing (FitContext.deadline), from a run that started at `startedAt`
 * (Date.now() milliseconds): cross-validation and tuning at the budget's end, the kept model's
 * fit a quarter of the budget later. None without a budget.
 */
export function budgetDeadlines(budgetSeconds: number | undefined, startedAt: number): { deadline?: number; finalDeadline?: number } {
  if (budgetSeconds === undefined) return {};
  return { deadline: startedAt + budgetSeconds * 1000, finalDeadline: startedAt + budgetSeconds * 1000 * (1 + FINAL_FIT_GRACE) };
}

/**
 * A model's share of the budget for its tuning: what is left, split equally over the models not
 * yet finished, counting those that train at the same time on other workers.
 */
export function tuningShare(budgetSeconds: number | undefined, elapsedSeconds: number, modelsLeft: number, workers = 1): number | undefined {
  if (budgetSeconds === undefined) return undefined;
  return (Math.max(0, budgetSeconds - elapsedSeconds) * workers) / Math.max(1, modelsLeft);
}

/**
 * How many training rows the kept model can be fitted on before its deadline, judged by the speed
 * of the cross-validation fits: all of them when that fits in the time left, else as many as fit in
 * 80% of it, but never fewer than each cross-validation fit used (`minRows`), so the kept model is
 * at least the model whose score ranked it. A fit cut short by its deadline instead would keep
 * only its first boosting rounds or trees, a worse model than the one that was scored.
 */
export function affordableTrainingRows(trainRows: number, minRows: number, secondsPerRow: number, secondsLeft: number): number {
  if (!(secondsPerRow > 0) || trainRows * secondsPerRow <= secondsLeft) return trainRows;
  const affordable = Math.floor((0.8 * Math.max(0, secondsLeft)) / secondsPerRow);
  return Math.min(trainRows, Math.max(minRows, affordable));
}
