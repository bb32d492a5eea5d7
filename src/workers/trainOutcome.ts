import type { TrainProgress } from '../core/models/types';
import type { BackendChoice } from './tfBackend';

export interface TrainRequest {
  target: string;
  task: 'classification' | 'regression';
  /** Registry names; every model for the task when absent (AutoML). */
  models?: string[];
  seed: number;
  /** Cross-validation folds (0: none). */
  folds: number;
  /** No new model starts after this many seconds. */
  timeBudgetSeconds?: number;
  backend?: string;
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
  params: Record<string, number | string | boolean>;
  /** The fitted model's own JSON (`FittedModel.toJSON()`), what model.json holds. */
  model: unknown;
  recipe: unknown;
  /** Scored on the hold-out rows. */
  metrics: Record<string, number>;
  cv?: CrossValidationSummary;
  classes?: string[];
  featureNames: string[];
  trainRows: number;
  testRows: number;
}

/** What the worker reports while an AutoML run goes on. */
export type TrainEvent =
  | { type: 'model'; model: string; label: string; index: number; count: number }
  | { type: 'fold'; done: number; folds: number }
  | { type: 'epoch'; progress: TrainProgress }
  | { type: 'candidate'; run: TrainedRun }
  | { type: 'failure'; model: string; label: string; message: string };

export type TrainOutcome =
  | { ok: true; backend: BackendChoice; skipped: string[] }
  | { ok: false; stopped: boolean; message: string };
