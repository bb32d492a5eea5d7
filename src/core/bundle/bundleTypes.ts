/**
 * The model bundle (interfaces.md §3): the files a trained model travels as, between the
 * browser download, the CLI's output directory and any host that loads it.
 */
import type { ColumnType, Table } from '../data/table';
import type { FittedModel, ModelParams } from '../models/types';
import type { Recipe } from '../prep/recipe';
import type { DriftReference } from '../monitor/driftTypes';

export const BUNDLE_FORMAT = 'local-ml-studio/bundle';
export const BUNDLE_VERSION = 1;
/** bundle.json and model.json are each refused above this size (bytes of UTF-8). */
export const MAX_JSON_BYTES = 5 * 1024 * 1024;

/** File name -> contents; a directory on disk or the entries of a .zip. */
export type BundleFiles = Map<string, Uint8Array | string>;

/** One input column a prediction file must have; categories are those the model knows. */
export interface InputField {
  name: string;
  type: ColumnType;
  categories?: string[];
}

export interface BundleData {
  name?: string;
  rows?: number;
  trainRows?: number;
  testRows?: number;
}

/** The contents of bundle.json. */
export interface BundleMeta {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  createdAt: string;
  target: string;
  task: 'classification' | 'regression' | 'clustering';
  classes?: string[];
  inputSchema: InputField[];
  /** Fitted. */
  recipe: Recipe;
  model: {
    kind: string;
    params: ModelParams;
    /** JSON has no NaN: an undefined metric is stored as null. */
    metrics: Record<string, number | null>;
  };
  /** The seed of the split and the fit, so retraining can replay it; bundles made before it have none. */
  seed?: number;
  data?: BundleData;
  /** Column profiles of the training data (for drift checks), stored as given. */
  profiles?: unknown;
  /** The training data's drift reference (src/core/monitor); bundles made before it have none. */
  drift?: DriftReference;
}

export interface BundleInput {
  /** The model card as the person edited it; generated from the bundle when absent. */
  modelCard?: string;
  /** An ISO timestamp from the caller; the engine reads no clock, so bundles are reproducible. */
  createdAt: string;
  target: string;
  task: 'classification' | 'regression' | 'clustering';
  classes?: string[];
  recipe: Recipe;
  model: FittedModel;
  params: ModelParams;
  metrics: Record<string, number>;
  /** Recorded as bundle.json's "seed" (see BundleMeta). */
  seed?: number;
  data?: BundleData;
  profiles?: unknown;
  drift?: DriftReference;
}

export interface BundlePrediction {
  /** One per input row, in input order: the class name, or the predicted value. */
  prediction: Array<string | number>;
  /** Classifiers: rows x classes, row-major. */
  proba?: Float64Array;
  classes?: string[];
}

export interface LoadedBundle {
  meta: BundleMeta;
  model: FittedModel;
  predict(table: Table): BundlePrediction;
}

/** A bundle that cannot be loaded; the message names the file and the field. */
export class BundleError extends Error {
  readonly file: string;
  readonly path?: string;
  constructor(file: string, message: string, path?: string) {
    super(message);
    this.name = 'BundleError';
    this.file = file;
    this.path = path;
  }
}
