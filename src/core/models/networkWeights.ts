/**
 * A trained multi-layer perceptron as plain float64 arrays: how it is scored (plain loops, no
 * TensorFlow.js, so predicting with a stored model never loads tfjs), how the weights TensorFlow.js
 * trained are folded into that form, and how it is written to and read back from untrusted JSON.
 */
import {
  expectArray,
  expectFiniteArray,
  expectInteger,
  expectObject,
  JsonShapeError,
  joinPath,
  shapeError,
} from '../bundle/jsonShape';

export type Activation = 'relu' | 'tanh';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh'];

export const MAX_HIDDEN_LAYERS = 5;
export const MAX_UNITS = 1024;

/** Added to the variance in batch normalisation (Keras' default). */
export const BN_EPSILON = 1e-3;

/** One dense layer: `kernel[j * units + u]` is the weight of input j for unit u. */
export interface NetworkLayer {
  units: number;
  kernel: Float64Array;
  bias: Float64Array;
  /** Batch normalisation at inference, an affine map per unit applied before the activation. */
  batchNorm?: { scale: Float64Array; shift: Float64Array };
}

/** Hidden layers use `activation`; the last layer is linear (logits or a standardised value). */
export interface NetworkWeights {
  inputs: number;
  activation: Activation;
  layers: NetworkLayer[];
}

/** What the training loop hands over: TensorFlow.js weights on standardised inputs. */
export interface RawLayer {
  units: number;
  kernel: ArrayLike<number>;
  bias: ArrayLike<number>;
  batchNorm?: { gamma: ArrayLike<number>; beta: ArrayLike<number>; movingMean: ArrayLike<number>; movingVariance: ArrayLike<number> };
}

/** The last layer's outputs for every row, row-major rows x units. */
export function networkOutputs(net: NetworkWeights, X: Float32Array, rows: number, cols: number): Float64Array {
  if (cols !== net.inputs) throw new Error(`The model expects ${net.inputs} input columns, got ${cols}.`);
  if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
  let h: Float32Array | Float64Array = X;
  let out = new Float64Array(0);
  let width = cols;
  const last = net.layers.length - 1;
  net.layers.forEach((layer, i) => {
    const { units, kernel, bias } = layer;
    out = new Float64Array(rows * units);
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      out.set(bias, o);
      // Input-major order walks the row-major kernel contiguously; zeros (ReLU) are skipped.
      for (let j = 0; j < width; j++) {
        const a = h[r * width + j];
        if (a === 0) continue;
        const k = j * units;
        for (let u = 0; u < units; u++) out[o + u] += a * kernel[k + u];
      }
    }
    if (i < last) activate(out, units, layer.batchNorm, net.activation);
    h = out;
    width = units;
  });
  return out;
}

function activate(z: Float64Array, units: number, bn: NetworkLayer['batchNorm'], activation: Activation): void {
  for (let i = 0; i < z.length; i++) {
    const u = i % units;
    const v = bn ? z[i] * bn.scale[u] + bn.shift[u] : z[i];
    z[i] = activation === 'relu' ? (v > 0 ? v : 0) : Math.tanh(v);
  }
}

/**
 * Float64 weights for raw inputs: the input standardisation `(x - mean) / scale` goes into the
 * first kernel and bias, and batch normalisation's moving statistics, gamma and beta into one
 * scale and shift per unit. Dropout needs nothing: it is the identity at inference.
 */
export function foldNetwork(raw: RawLayer[], inputMean: ArrayLike<number>, inputScale: ArrayLike<number>, activation: Activation): NetworkWeights {
  const inputs = inputMean.length;
  const layers = raw.map((layer, i): NetworkLayer => {
    const kernel = Float64Array.from(layer.kernel);
    const bias = Float64Array.from(layer.bias);
    if (i === 0) {
      for (let j = 0; j < inputs; j++) {
        for (let u = 0; u < layer.units; u++) {
          const w = (kernel[j * layer.units + u] /= inputScale[j]);
          bias[u] -= w * inputMean[j];
        }
      }
    }
    if (!layer.batchNorm) return { units: layer.units, kernel, bias };
    const { gamma, beta, movingMean, movingVariance } = layer.batchNorm;
    const scale = Float64Array.from(gamma, (g, u) => g / Math.sqrt(movingVariance[u] + BN_EPSILON));
    const shift = Float64Array.from(beta, (b, u) => b - scale[u] * movingMean[u]);
    return { units: layer.units, kernel, bias, batchNorm: { scale, shift } };
  });
  return { inputs, activation, layers };
}

export function layersToJSON(layers: NetworkLayer[]): object[] {
  return layers.map((l) => ({
    units: l.units,
    kernel: Array.from(l.kernel),
    bias: Array.from(l.bias),
    ...(l.batchNorm ? { batchNorm: { scale: Array.from(l.batchNorm.scale), shift: Array.from(l.batchNorm.shift) } } : {}),
  }));
}

/**
 * Reads `layers` of untrusted JSON: 2 to 6 layers (up to 5 hidden ones of at most 1024 units,
 * then the output layer of `outputs` units), each kernel sized from the previous layer, every
 * number finite, batch normalisation only on hidden layers.
 */
export function parseNetworkLayers(json: unknown, inputs: number, outputs: number): NetworkLayer[] {
  const list = expectArray(json, 'layers');
  if (list.length < 2 || list.length > MAX_HIDDEN_LAYERS + 1) {
    throw new JsonShapeError('layers', `"layers" has ${list.length} layers, expected 2 to ${MAX_HIDDEN_LAYERS + 1} (hidden layers and the output layer).`);
  }
  let width = inputs;
  return list.map((item, i): NetworkLayer => {
    const path = joinPath('layers', i);
    const o = expectObject(item, path);
    const isLast = i === list.length - 1;
    const units = isLast
      ? expectInteger(o.units, joinPath(path, 'units'), outputs, outputs)
      : expectInteger(o.units, joinPath(path, 'units'), 1, MAX_UNITS);
    const kernel = Float64Array.from(expectFiniteArray(o.kernel, joinPath(path, 'kernel'), width * units));
    const bias = Float64Array.from(expectFiniteArray(o.bias, joinPath(path, 'bias'), units));
    width = units;
    if (o.batchNorm === undefined) return { units, kernel, bias };
    if (isLast) throw shapeError(joinPath(path, 'batchNorm'), o.batchNorm, 'no batch normalisation on the output layer');
    const bnPath = joinPath(path, 'batchNorm');
    const bn = expectObject(o.batchNorm, bnPath);
    const scale = Float64Array.from(expectFiniteArray(bn.scale, joinPath(bnPath, 'scale'), units));
    const shift = Float64Array.from(expectFiniteArray(bn.shift, joinPath(bnPath, 'shift'), units));
    return { units, kernel, bias, batchNorm: { scale, shift } };
  });
}
