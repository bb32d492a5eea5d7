/**
 * Writes a fitted neural network as a TensorFlow.js layers-model artifact: model.json (the
 * topology, the weights manifest and our metadata) and weights.bin (little-endian float32).
 *
 * The network is rewritten as plain Dense layers on the raw inputs: batch normalisation's
 * per-unit scale and shift go into its layer's kernel and bias, and a regression target's
 * standardisation into the output layer, so `tf.loadLayersModel` needs no custom layers and its
 * `predict` gives what our model's `predictProba` / `predict` give. Weights are rounded once to
 * float32 (relative error 2^-24 each); see layersFormat.test.ts for the agreement this buys.
 */
import { NeuralNetworkModel } from '../models/neuralNetwork';
import type { FittedModel, ModelParams } from '../models/types';
import {
  denseLayerName,
  LAYERS_METADATA_KEY,
  LAYERS_METADATA_VERSION,
  WEIGHTS_FILE,
  type LayersMetadata,
} from './layersFormat';

export interface LayersModelInfo {
  params?: ModelParams;
  /** Classifiers: the class names, in output order. */
  classes?: string[];
  /** The recipe's output columns, in input order. */
  featureNames?: string[];
}

export interface LayersModelFiles {
  /** The contents of model.json. */
  modelJson: string;
  /** The contents of weights.bin. */
  weights: Uint8Array;
}

/** One Dense layer on float64 values: `kernel[j * units + u]` is input j's weight for unit u. */
interface DenseLayer {
  units: number;
  kernel: Float64Array;
  bias: Float64Array;
}

/** Initialisers are never run for a loaded model, but tfjs builds them: zeros cost nothing. */
const ZEROS = { class_name: 'Zeros', config: {} };

export function writeLayersModel(model: FittedModel, info: LayersModelInfo = {}): LayersModelFiles {
  if (!(model instanceof NeuralNetworkModel)) {
    throw new Error(`The TensorFlow.js layers format holds neural networks, not "${model.kind}" models.`);
  }
  const dense = denseLayers(model);
  const classification = model.classCount !== undefined;
  const last = dense.length - 1;
  let width = model.inputCount;
  const layers: object[] = [];
  const weightSpecs: { name: string; shape: number[]; dtype: 'float32' }[] = [];
  dense.forEach((layer, i) => {
    const name = denseLayerName(i);
    layers.push({
      class_name: 'Dense',
      config: {
        name,
        units: layer.units,
        activation: i < last ? model.net.activation : classification ? 'softmax' : 'linear',
        use_bias: true,
        kernel_initializer: ZEROS,
        bias_initializer: ZEROS,
        kernel_regularizer: null,
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
        trainable: true,
        dtype: 'float32',
        ...(i === 0 ? { batch_input_shape: [null, model.inputCount] } : {}),
      },
    });
    weightSpecs.push({ name: `${name}/kernel`, shape: [width, layer.units], dtype: 'float32' });
    weightSpecs.push({ name: `${name}/bias`, shape: [layer.units], dtype: 'float32' });
    width = layer.units;
  });

  const metadata: LayersMetadata = {
    kind: model.kind,
    version: LAYERS_METADATA_VERSION,
    task: classification ? 'classification' : 'regression',
    activation: model.net.activation,
    inputs: model.inputCount,
    outputs: model.classCount ?? 1,
    ...(info.featureNames ? { inputFeatures: info.featureNames.slice() } : {}),
    ...(classification && info.classes ? { classes: info.classes.slice() } : {}),
    ...(model.target ? { target: { mean: model.target.mean, std: model.target.scale, foldedIntoOutputLayer: true as const } } : {}),
    ...(info.params ? { params: { ...info.params } } : {}),
  };
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'Local ML Studio',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'sequential', layers },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs }],
    userDefinedMetadata: { [LAYERS_METADATA_KEY]: metadata },
  };
  return { modelJson: JSON.stringify(modelJson) + '\n', weights: float32Bytes(dense) };
}

/** The network as Dense layers on raw inputs, batch norm and target scaling folded in. */
function denseLayers(model: NeuralNetworkModel): DenseLayer[] {
  const { layers } = model.net;
  return layers.map((layer, i): DenseLayer => {
    const { units } = layer;
    const kernel = Float64Array.from(layer.kernel);
    const bias = Float64Array.from(layer.bias);
    // Batch norm maps z to z * scale + shift per unit; on z = xW + b that is x(W * scale) + (b * scale + shift).
    // The target scaling y = z * scale + mean of the output layer folds the same way.
    const affine = layer.batchNorm ?? (i === layers.length - 1 && model.target ? { scale: [model.target.scale], shift: [model.target.mean] } : undefined);
    if (affine) {
      for (let k = 0; k < kernel.length; k++) kernel[k] *= affine.scale[k % units];
      for (let u = 0; u < units; u++) bias[u] = bias[u] * affine.scale[u] + affine.shift[u];
    }
    return { units, kernel, bias };
  });
}

/** Kernel then bias of each layer, in the manifest's order, as little-endian float32. */
function float32Bytes(layers: DenseLayer[]): Uint8Array {
  const count = layers.reduce((n, l) => n + l.kernel.length + l.bias.length, 0);
  const bytes = new Uint8Array(count * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const layer of layers) {
    for (const values of [layer.kernel, layer.bias]) {
      for (let k = 0; k < values.length; k++, offset += 4) {
        const value = Math.fround(values[k]);
        if (!Number.isFinite(value)) {
          throw new Error(`The neural network has a weight (${values[k]}) that float32 cannot hold, so it cannot be saved in the TensorFlow.js format.`);
        }
        view.setFloat32(offset, value, true);
      }
    }
  }
  return bytes;
}
