/**
 * The model registry's small interface. Every model kind implements `ModelSpec`; the UI, the
 * CLI, AutoML and the bundle reader look kinds up by name and never switch on them.
 */

export type Task = 'classification' | 'regression' | 'clustering';

/** One epoch's report; `loss` is the training objective, `valLoss` the held-out data loss. */
export interface TrainProgress {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss?: number;
}

export interface FitShape {
  rows: number;
  cols: number;
  /** Number of classes, for classifiers (labels are 0..classes-1). */
  classes?: number;
}

export interface FitContext {
  signal?: AbortSignal;
  /**
   * A time (Date.now() milliseconds) after which iterative fits stop adding trees, rounds or
   * epochs and keep the model they have: how AutoML's time budget bounds a slow model.
   */
  deadline?: number;
  onProgress?: (p: TrainProgress) => void;
  /** Seeds every random choice of the fit (initial weights, shuffles, internal validation split). */
  seed: number;
}

/** A model's hyperparameters: flat JSON values so they can be shown, edited and stored. */
export type ModelParams = Record<string, number | string | boolean>;

/** What `toJSON` writes to model.json: the kind plus the model's own fields. */
export interface ModelJSON {
  kind: string;
  [field: string]: unknown;
}

export interface FittedModel {
  kind: string;
  /** Number of input columns the model expects. */
  inputCount: number;
  /** Number of classes, for classifiers. */
  classCount?: number;
  /** Regression values, or the class index for classifiers. */
  predict(X: Float32Array, rows: number, cols: number): Float64Array;
  /** Class probabilities, rows x classes, row-major. */
  predictProba?(X: Float32Array, rows: number, cols: number): Float64Array;
  toJSON(): ModelJSON;
}

export interface ModelSpec<P extends ModelParams = ModelParams> {
  name: string;
  label: string;
  tasks: Task[];
  defaults: P;
  /** AutoML leaves the model out above this many rows (its fit or prediction would take too long). */
  autoMaxRows?: number;
  /** How the default recipe encodes categories for this model (default one-hot). */
  categoricalEncoding?: 'oneHot' | 'ordinal';
  /** The model computes with TensorFlow.js, so the backend choice applies to it. */
  usesTensorFlow?: boolean;
  /** Why AutoML leaves the model out unless it is asked for by name; absent: AutoML trains it. */
  notInAutoML?: string;
  fit(
    X: Float32Array,
    y: Float64Array | Int32Array,
    shape: FitShape,
    params: P,
    ctx: FitContext,
  ): Promise<FittedModel>;
  /** Rebuilds a fitted model from untrusted JSON; throws a JsonShapeError naming the bad field. */
  fromJSON(json: unknown): FittedModel;
}
