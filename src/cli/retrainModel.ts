/**
 * `train --recipe R` for classification and regression: the one model R records, with its
 * hyperparameters and its recipe's definition refitted on the new rows, through the same
 * trainAndEvaluate as AutoML, so the same data and seed give the same model. Tuning happens only
 * when a search is asked for, starting from the recorded hyperparameters.
 */
import type { Table } from '../core/data/table';
import type { SearchStrategy } from '../core/models/hyperparameterSearch';
import { getModel } from '../core/models/registry';
import { trainAndEvaluate } from '../core/models/trainAndEvaluate';
import type { ModelParams } from '../core/models/types';
import type { SupervisedTask } from '../core/prep/chooseTask';
import type { FoldBy } from '../core/prep/foldsBy';
import type { Recipe } from '../core/prep/recipe';
import { CliError, sentence } from './cliError';
import { leaderboardEntry, type LeaderboardEntry, type TrainedModels } from './trainModels';

export interface RetrainOptions {
  target: string;
  task: SupervisedTask;
  model: string;
  params: ModelParams;
  /** Unfitted. */
  recipe: Recipe;
  seed: number;
  folds: number;
  foldBy?: FoldBy;
  search?: { strategy: SearchStrategy; trials?: number };
  timeBudgetSeconds?: number;
  onModel?: (entry: LeaderboardEntry) => void;
}

export async function retrainModel(table: Table, options: RetrainOptions): Promise<TrainedModels> {
  const spec = getModel(options.model);
  const started = performance.now();
  let result;
  try {
    result = await trainAndEvaluate(table, {
      target: options.target,
      task: options.task,
      model: spec.name,
      params: options.params,
      recipe: options.recipe,
      seed: options.seed,
      folds: options.folds,
      foldBy: options.foldBy,
      search: options.search && { ...options.search, timeBudgetSeconds: options.timeBudgetSeconds },
    });
  } catch (error) {
    throw new CliError(`Retraining ${spec.name} failed: ${sentence(error instanceof Error ? error.message : String(error))}`);
  }
  const entry = leaderboardEntry({ result, label: spec.label, fitSeconds: (performance.now() - started) / 1000 });
  options.onModel?.(entry);
  return { leaderboard: [entry], best: result, skipped: [] };
}
