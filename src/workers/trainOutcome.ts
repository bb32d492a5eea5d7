import type { ClusterProfiles } from '../core/evaluate/clusterProfiles';
import type { HoldoutEvaluation } from '../core/evaluate/holdoutEvaluation';
import type { PrepareStep } from '../core/prep/prepareSteps';
import type { FoldBy } from '../core/prep/foldsBy';
import type { ClusterCountScore } from '../core/models/chooseClusterCount';
import type { SearchStrategy } from '../core/models/hyperparameterSearch';
import type { TrainProgress } from '../core/models/types';
import type { BackendChoice, BackendPreference } from './tfBackend';

/** One model's training run in a worker of the pool. */
export interface TrainRequest {
  target: string;
  task: 'classification' | 'regression';
  /** A registry name. */
  model: string;
  seed: number;
  /** Cross-validation folds (0: none). */
  folds: number;
  /** Overrides of the model's defaults, kept through tuning (e.g. the network's layers). */
  params?: Record<string, number | string | boolean>;
  /** Folds and hold-out by group or in time order. */
  foldBy?: FoldBy;
  /** Tuning of the model's hyperparameters within `timeBudgetSeconds` (needs folds). */
  search?: { strategy: SearchStrategy; timeBudgetSeconds?: number };
  /** Date.now() milliseconds when fits stop growing: for cross-validation and tuning, and for the kept model. */
  deadline?: number;
  finalDeadline?: number;
  /** The person's preparation steps, run before the model's own encoding. */
  prepare?: PrepareStep[];
}

/** The AutoML run the pool carries out: every model for the task unless told otherwise. */
export interface AutoTrainRequest {
  target: string;
  task: 'classification' | 'regression';
  /** Rows of the table, which decide the models suited to it. */
  rows: number;
  models?: string[];
  seed: number;
  folds: number;
  /** No new model starts after this many seconds (once one has finished); each model's tuning gets a share. */
  timeBudgetSeconds?: number;
  search?: SearchStrategy;
  foldBy?: FoldBy;
  /** Models trained although AutoML leaves them out by default (e.g. the neural network). */
  extraModels?: string[];
  /** Per model name: overrides of its defaults. */
  params?: Record<string, Record<string, number | string | boolean>>;
  /** Workers memory allows (one per core at most anyway). */
  maxWorkers?: number;
  /** "auto" (the default) measures the backends and takes the fastest. */
  backend?: BackendPreference;
  /** The person's preparation steps (enabled ones), for every model. */
  prepare?: PrepareStep[];
  /** The result of an earlier "auto" benchmark in this page, reused instead of measuring again. */
  probed?: BackendChoice;
}

export interface ModelInfo {
  name: string;
  label: string;
}

/** K-fold summary of one model. */
export interface CrossValidationSummary {
  folds: number;
  mean: Record<string, number>;
  std: Record<string, number>;
}

/** Everything the page keeps of a trained model: small, serialisable, no tensors. */
export interface TrainedRun {
  ok: true;
  backend: BackendChoice;
  fitSeconds: number;
  /** Registry name, its label, and the hyperparameters used. */
  modelName: string;
  label: string;
  /** The hyperparameters that differ from the defaults, in words ("defaults" when none). */
  keyParams?: string;
  /** Whether the backend applies to this model (TensorFlow.js), or it is plain TypeScript. */
  usesTensorFlow?: boolean;
  params: Record<string, number | string | boolean>;
  /** The fitted model's own JSON (`FittedModel.toJSON()`), what model.json holds. */
  model: unknown;
  recipe: unknown;
  /** Scored on the hold-out rows. */
  metrics: Record<string, number>;
  cv?: CrossValidationSummary;
  /** How the hyperparameters were tuned, when they were. */
  search?: { strategy: SearchStrategy; evaluations: number; stoppedByBudget: boolean; defaultsWon: boolean };
  classes?: string[];
  featureNames: string[];
  trainRows: number;
  /** The training split's size when the kept model was fitted on a sample of it to stay within the time budget. */
  sampledFrom?: number;
  testRows: number;
  /** Supervised runs: what the evaluation view draws (metrics per class, curves, errors) from the held-out rows. */
  evaluation?: HoldoutEvaluation;
  /** Clustering runs only: the chosen k, rows per cluster, every k tried (auto) and the clusters' profiles. */
  clustering?: ClusteringSummary;
}

export interface ClusteringSummary {
  k: number;
  sizes: number[];
  kScores?: ClusterCountScore[];
  profiles: ClusterProfiles;
}

export interface ClusterRequest {
  /** A column left out of the inputs (the Target, if one is chosen). */
  exclude?: string;
  clusters: number | 'auto';
  seed: number;
}

/** What a worker reports while one model trains. */
export type ModelEvent =
  | { type: 'fold'; done: number; folds: number }
  | { type: 'trial'; trial: number }
  | { type: 'epoch'; progress: TrainProgress };

export type ModelOutcome = TrainedRun | { ok: false; stopped: boolean; message: string };

/** What the pool reports while an AutoML run goes on; `index` is the model's place in the run's list. */
export type TrainEvent =
  | { type: 'model'; model: string; label: string; index: number; count: number }
  | { type: 'fold'; model: string; done: number; folds: number }
  | { type: 'trial'; model: string; trial: number }
  | { type: 'epoch'; model: string; progress: TrainProgress }
  | { type: 'candidate'; index: number; run: TrainedRun }
  | { type: 'failure'; model: string; label: string; message: string };

export type TrainOutcome =
  | { ok: true; backend: BackendChoice | null; skipped: string[]; leftOut: (ModelInfo & { reason: string })[] }
  | { ok: false; stopped: boolean; message: string };
