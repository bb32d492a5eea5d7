/**
 * The CLI's AutoML run: core's autoTrain over the chosen models, as the leaderboard of
 * metrics.json (best first).
 */
import type { Table } from '../core/data/table';
import { autoTrain, type Candidate } from '../core/models/autoTrain';
import type { TrainResult } from '../core/models/trainAndEvaluate';
import type { SearchStrategy } from '../core/models/hyperparameterSearch';
import type { FoldBy } from '../core/prep/foldsBy';
import type { ModelParams } from '../core/models/types';
import type { SupervisedTask } from '../core/prep/chooseTask';
import { CliError } from './cliError';

export { rankingMetric } from '../core/models/autoTrain';

export interface LeaderboardEntry {
  model: string;
  params: ModelParams;
  /** Scores on the hold-out rows (20% of the rows with a target, split with the seed). */
  holdout: Record<string, number>;
  /** K-fold means and standard deviations (with folds only). */
  cv?: Record<string, number>;
  cv_std?: Record<string, number>;
  /** How the hyperparameters were tuned (with a search only). */
  search?: { strategy: string; evaluations: number; stopped_by_budget: boolean; defaults_won: boolean };
  fit_seconds: number;
}

export interface TrainedModels {
  leaderboard: LeaderboardEntry[];
  /** The best model's full result, for the bundle. */
  best: TrainResult;
  /** Models skipped because the time budget ran out. */
  skipped: string[];
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
    timeBudgetSeconds?: number;
    search?: { strategy: SearchStrategy; trials?: number };
    foldBy?: FoldBy;
    onModel?: (entry: LeaderboardEntry) => void;
    onFailure?: (model: string, message: string) => void;
  },
): Promise<TrainedModels> {
  const { ranked, failures, skipped } = await autoTrain(table, {
    ...options,
    onCandidate: (c) => options.onModel?.(leaderboardEntry(c)),
    onFailure: (f) => options.onFailure?.(f.model, f.message),
  });
  if (ranked.length === 0) {
    throw new CliError(`No model could be trained: ${failures.map((f) => `${f.model}: ${f.message}`).join('; ')}`);
  }
  return { leaderboard: ranked.map(leaderboardEntry), best: ranked[0].result, skipped };
}

export function leaderboardEntry({ result, fitSeconds }: Candidate): LeaderboardEntry {
  return {
    model: result.modelName,
    params: result.params,
    ...(result.cv ? { cv: result.cv.mean, cv_std: result.cv.std } : {}),
    ...(result.search
      ? {
          search: {
            strategy: result.search.strategy,
            evaluations: result.search.evaluations,
            stopped_by_budget: result.search.stoppedByBudget,
            defaults_won: result.search.defaultsWon,
          },
        }
      : {}),
    holdout: result.metrics,
    fit_seconds: Math.round(fitSeconds * 1000) / 1000,
  };
}
