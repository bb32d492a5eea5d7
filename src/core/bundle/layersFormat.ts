/**
 * Neural-network bundles in the TensorFlow.js layers format (interfaces.md §3): model.json is a
 * `layers-model` artifact whose topology is a Keras Sequential of Dense layers and weights.bin
 * holds its weights as little-endian float32, so `tf.loadLayersModel` loads the bundle's network
 * as it is. The studio reads the same two files back into plain arrays (layersFormatRead) and
 * predicts without TensorFlow.js.
 *
 * Everything the Dense layers cannot say travels in `userDefinedMetadata.localMlStudio`
 * (LayersMetadata). Nothing there is needed to run the network in TensorFlow.js: input
 * standardisation and batch normalisation are folded into the kernels, and a regression target's
 * standardisation into the output layer, so TensorFlow.js outputs class probabilities (softmax)
 * or values in the target's own units.
 */
import type { ModelParams } from '../models/types';

export const LAYERS_MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
/** The key of our own metadata inside model.json's `userDefinedMetadata`. */
export const LAYERS_METADATA_KEY = 'localMlStudio';
export const LAYERS_METADATA_VERSION = 1;
/**
 * weights.bin is refused above this size: 32 million parameters, far more than the largest
 * network the studio trains on any realistic number of input columns, and small enough to
 * hold in a browser tab.
 */
export const MAX_WEIGHTS_BYTES = 128 * 1024 * 1024;

/** The model kinds stored as model.json + weights.bin; every other kind writes its own JSON. */
const LAYERS_FORMAT_KINDS: readonly string[] = ['neural_network'];

export function usesLayersFormat(kind: string): boolean {
  return LAYERS_FORMAT_KINDS.includes(kind);
}

/** `userDefinedMetadata.localMlStudio` of model.json. */
export interface LayersMetadata {
  kind: string;
  version: typeof LAYERS_METADATA_VERSION;
  task: 'classification' | 'regression';
  /** The hidden layers' activation (also in each layer's config). */
  activation: string;
  inputs: number;
  /** Output units: the class count for classifiers, 1 for regression. */
  outputs: number;
  /** The columns the bundle's recipe produces, in the order the network takes them. */
  inputFeatures?: string[];
  /** Classifiers: output unit k is the probability of classes[k]. */
  classes?: string[];
  /** Regression: the target's standardisation during training, for information only. */
  target?: { mean: number; std: number; foldedIntoOutputLayer: true };
  params?: ModelParams;
}

/** The Keras name of dense layer `i` (0-based); its weights are "<name>/kernel" and "<name>/bias". */
export function denseLayerName(i: number): string {
  return `dense_${i + 1}`;
}
