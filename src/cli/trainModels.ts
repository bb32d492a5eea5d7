/**
 * Trains each chosen model with the same seed, folds and hold-out split, and ranks them: the
 * leaderboard of metrics.json, best first, by the K-fold mean (by the hold-out score without folds).
 */
import type { Table } from '../core/data/table';
import { trainAndEvaluate, type TrainResult } from '../core/models/trainAndEvaluate';
import type { ModelParams } from '../core/models/types';
import type { SupervisedTask } from '../core/prep/chooseTask';

export interface LeaderboardEntry {
  model: string;
  params: ModelParams;
  /** Scores on the hold-out rows (20% of the rows with a target, split with the seed). */
  holdout: Record<string, number>;
  /** K-fold means and standard deviations (with folds only). */
  cv?: Record<string, number>;
  cv_std?: Record<string, number>;
  fit_seconds: number;
}

export interface TrainedModels {
  leaderboard: LeaderboardEntry[];
  /** The best model's full result, for the bundle. */
  best: TrainResult;
}

/** The metric that ranks models, higher is better. */
export function rankingMetric(task: SupervisedTask): string {
  return task === 'classification' ? 'accuracy' : 'r2';
}

export async function trainModels(
  table: Table,
  options: {
    target: string;
    task: SupervisedTask;
    models: readonly string[];
    seed: number;
    /** 0: rank on the hold-out split alone; K >= 2: cross-validate each model on K folds and rank on their mean. */
    folds: number;
    onModel?: (entry: LeaderboardEntry) => void;
  },
): Promise<TrainedModels> {
  const results: { entry: LeaderboardEntry; result: TrainResult }[] = [];
  for (const model of options.models) {
    const started = performance.now();
    const result = await trainAndEvaluate(table, { target: options.target, task: options.task, model, seed: options.seed, folds: options.folds });
    const entry: LeaderboardEntry = {
      model: result.modelName,
      params: result.params,
      ...(result.cv ? { cv: result.cv.mean, cv_std: result.cv.std } : {}),
      holdout: result.metrics,
      fit_seconds: Math.round(performance.now() - started) / 1000,
    };
    options.onModel?.(entry);
    results.push({ entry, result });
  }
  const key = rankingMetric(options.task);
  const score = (e: LeaderboardEntry) => {
    const value = (e.cv ?? e.holdout)[key];
    return Number.isFinite(value) ? value : -Infinity;
  };
  // Stable: equal scores keep the order the models were asked for.
  results.sort((a, b) => score(b.entry) - score(a.entry));
  return { leaderboard: results.map((r) => r.entry), best: results[0].result };
}
