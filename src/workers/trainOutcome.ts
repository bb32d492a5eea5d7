import type { BackendChoice } from './tfBackend';

export interface TrainRequest {
  target: string;
  task: 'classification' | 'regression';
  /** A registry name; the task's default model when absent. */
  model?: string;
  seed: number;
  backend?: string;
}

/** Everything the page keeps of a finished run: small, serialisable, no tensors. */
export interface TrainedRun {
  ok: true;
  backend: BackendChoice;
  fitSeconds: number;
  /** Registry name and the hyperparameters used. */
  modelName: string;
  params: Record<string, number | string | boolean>;
  /** The fitted model's own JSON (`FittedModel.toJSON()`), what model.json holds. */
  model: unknown;
  recipe: unknown;
  metrics: Record<string, number>;
  classes?: string[];
  featureNames: string[];
  trainRows: number;
  testRows: number;
}

export type TrainOutcome = TrainedRun | { ok: false; stopped: boolean; message: string };
