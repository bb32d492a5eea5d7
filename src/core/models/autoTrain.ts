/**
 * AutoML, the same in the browser's worker and the CLI: trains each model for the task in turn
 * (cross-validated on K folds, then fitted on the seeded hold-out split), and ranks them best first
 * by the K-fold mean of the task's metric (the hold-out score without folds). A model that fails is
 * reported and skipped; the rest of the leaderboard stands. Models not started when the time budget
 * runs out are skipped and listed.
 */
import type { Table } from '../data/table';
import type { SupervisedTask } from '../prep/chooseTask';
import { isAbortError, throwIfAborted } from './abort';
import { budgetDeadlines, budgetSpent, rankingScore, tuningShare } from './autoMLRules';
import { getModel, modelsForAutoML } from './registry';
import type { SearchStrategy, SearchTrial } from './hyperparameterSearch';
import type { FoldBy } from '../prep/foldsBy';
import { trainAndEvaluate, type TrainResult } from './trainAndEvaluate';
import type { TrainProgress } from './types';

export interface Candidate {
  result: TrainResult;
  label: string;
  fitSeconds: number;
}

export interface CandidateFailure {
  model: string;
  label: string;
  message: string;
}

export interface AutoTrainOptions {
  target: string;
  task: SupervisedTask;
  seed: number;
  /** 0: no cross-validation; K >= 2: K folds. */
  folds: number;
  /** Registry names; default every model for the task that suits the table's size, in registry order. */
  models?: readonly string[];
  /** Seconds; no new model starts after it has passed. Default: no limit. */
  timeBudgetSeconds?: number;
  /**
   * Tunes each model's hyperparameters (with folds >= 2): its search gets an equal share of the
   * budget left when it starts, and always evaluates the defaults.
   */
  search?: { strategy: SearchStrategy; trials?: number };
  /** Folds and hold-out by group or in time order (see trainAndEvaluate). */
  foldBy?: FoldBy;
  onTrial?: (trial: SearchTrial) => void;
  signal?: AbortSignal;
  onModelStart?: (start: { model: string; label: string; index: number; count: number }) => void;
  onFold?: (done: number, folds: number) => void;
  onProgress?: (p: TrainProgress) => void;
  onCandidate?: (candidate: Candidate) => void;
  onFailure?: (failure: CandidateFailure) => void;
}

export interface AutoTrainResult {
  /** Best first. */
  ranked: Candidate[];
  failures: CandidateFailure[];
  /** Models skipped because the time budget ran out. */
  skipped: string[];
}

export { rankingMetric, rankingScore } from './autoMLRules';

export async function autoTrain(table: Table, options: AutoTrainOptions): Promise<AutoTrainResult> {
  const names = options.models ?? modelsForAutoML(options.task, table.rowCount).models.map((m) => m.name);
  const started = performance.now();
  // The budget bounds each model too: its fits stop growing at the budget's end.
  const { deadline, finalDeadline } = budgetDeadlines(options.timeBudgetSeconds, Date.now());
  const ranked: Candidate[] = [];
  const failures: CandidateFailure[] = [];
  const skipped: string[] = [];
  for (const [index, name] of names.entries()) {
    throwIfAborted(options.signal);
    const spec = getModel(name);
    const budget = options.timeBudgetSeconds;
    if (budgetSpent(budget, (performance.now() - started) / 1000, ranked.length)) {
      skipped.push(name);
      continue;
    }
    options.onModelStart?.({ model: name, label: spec.label, index, count: names.length });
    const modelStarted = performance.now();
    try {
      const result = await trainAndEvaluate(table, {
        foldBy: options.foldBy,
        search: options.search && { ...options.search, timeBudgetSeconds: tuningShare(budget, (performance.now() - started) / 1000, names.length - index) },
        onTrial: options.onTrial,
        target: options.target,
        task: options.task,
        model: name,
        seed: options.seed,
        folds: options.folds,
        signal: options.signal,
        deadline,
        finalDeadline,
        onFold: options.onFold,
        onProgress: options.onProgress,
      });
      const candidate = { result, label: spec.label, fitSeconds: (performance.now() - modelStarted) / 1000 };
      ranked.push(candidate);
      options.onCandidate?.(candidate);
    } catch (error) {
      if (isAbortError(error) || options.signal?.aborted) throw error;
      const failure = { model: name, label: spec.label, message: error instanceof Error ? error.message : String(error) };
      failures.push(failure);
      options.onFailure?.(failure);
    }
  }
  // Stable: equal scores keep the registry's order.
  ranked.sort((a, b) => rankingScore(b.result, options.task) - rankingScore(a.result, options.task));
  return { ranked, failures, skipped };
}
