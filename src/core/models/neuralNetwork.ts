/**
 * Neural network: a multi-layer perceptron (1 to 5 hidden layers, ReLU or tanh, optional
 * dropout and batch normalisation) trained with TensorFlow.js; softmax cross-entropy for
 * classification (two classes included), mean squared error on a standardised target for
 * regression. The fitted model is plain float64 arrays scored with loops, so predicting needs
 * no TensorFlow.js.
 */
import { assertSafeJson, expectFinite, expectInteger, expectObject, expectOneOf, shapeError } from '../bundle/jsonShape';
import { argmaxClasses } from '../evaluate/confusionMatrix';
import { checkFitShape } from './denseParams';
import {
  ACTIVATIONS,
  foldNetwork,
  layersToJSON,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  networkOutputs,
  parseNetworkLayers,
  type Activation,
  type NetworkWeights,
} from './networkWeights';
import type { NetworkConfig } from './trainNetwork';
import type { FittedModel, ModelJSON, ModelSpec } from './types';

export type NeuralNetworkParams = {
  /** Units of each hidden layer, comma-separated: "64,64". */
  hiddenLayers: string;
  activation: Activation;
  dropout: number;
  batchNorm: boolean;
  epochs: number;
  learningRate: number;
  /** 0 = automatic. */
  batchSize: number;
  l2: number;
  patience: number;
  validationFraction: number;
};

const KIND = 'neural_network';

/** The standardisation of a regression target, undone at predict time. */
export interface TargetScaling {
  mean: number;
  scale: number;
}

/** Exported for the bundle's TensorFlow.js layers format, which writes and rebuilds these fields. */
export class NeuralNetworkModel implements FittedModel {
  readonly kind = KIND;
  readonly inputCount: number;
  /** Class probabilities; absent for regression so callers can tell the two apart. */
  readonly predictProba?: (X: Float32Array, rows: number, cols: number) => Float64Array;

  constructor(
    readonly net: NetworkWeights,
    /** Number of classes, or undefined for regression. */
    readonly classCount: number | undefined,
    readonly target?: TargetScaling,
  ) {
    this.inputCount = net.inputs;
    if (classCount !== undefined) this.predictProba = (X, rows, cols) => this.softmax(X, rows, cols);
  }

  private softmax(X: Float32Array, rows: number, cols: number): Float64Array {
    const K = this.classCount!;
    const out = networkOutputs(this.net, X, rows, cols);
    for (let r = 0; r < rows; r++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, out[r * K + k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += out[r * K + k] = Math.exp(out[r * K + k] - max);
      for (let k = 0; k < K; k++) out[r * K + k] /= sum;
    }
    return out;
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    if (this.classCount !== undefined) return Float64Array.from(argmaxClasses(this.softmax(X, rows, cols), rows, this.classCount));
    const { mean, scale } = this.target!;
    return networkOutputs(this.net, X, rows, cols).map((z) => z * scale + mean);
  }

  toJSON(): ModelJSON {
    const classification = this.classCount !== undefined;
    return {
      kind: KIND,
      inputs: this.inputCount,
      outputs: this.classCount ?? 1,
      activation: this.net.activation,
      task: classification ? 'classification' : 'regression',
      layers: layersToJSON(this.net.layers),
      ...(this.target ? { targetMean: this.target.mean, targetScale: this.target.scale } : {}),
    };
  }
}

export const neuralNetwork: ModelSpec<NeuralNetworkParams> = {
  name: KIND,
  label: 'Neural network',
  usesTensorFlow: true,
  tasks: ['classification', 'regression'],
  // Measured with the CLI on penguins (275 training rows, TensorFlow.js cpu backend): 19 s per fit,
  // so 5-fold cross-validation alone would take most of AutoML's default 60 s budget.
  notInAutoML: 'training it takes minutes without a GPU, so it runs only when chosen by name',
  defaults: {
    hiddenLayers: '64,64',
    activation: 'relu',
    dropout: 0,
    batchNorm: false,
    epochs: 200,
    learningRate: 0.001,
    batchSize: 0,
    l2: 0.0001,
    patience: 10,
    validationFraction: 0.1,
  },

  async fit(X, y, shape, params, ctx) {
    const { rows, cols } = shape;
    checkFitShape(X, y, rows, cols);
    const config = resolveNetworkParams(neuralNetwork.defaults, params);
    const classification = shape.classes !== undefined;
    const { targets, outputs, stratify, target } = classification ? classTargets(y, rows, shape.classes!) : valueTargets(y, rows);
    // Loaded on demand: predicting with a stored model never needs TensorFlow.js.
    const { trainNetwork } = await import('./trainNetwork');
    const loss = classification ? 'softmax' : 'mse';
    const trained = await trainNetwork({ X, rows, cols, targets, outputs, loss, stratify }, config, ctx);
    const net = foldNetwork(trained.layers, trained.inputMean, trained.inputScale, config.activation);
    return new NeuralNetworkModel(net, classification ? outputs : undefined, target);
  },

  fromJSON(json) {
    assertSafeJson(json);
    const o = expectObject(json, '');
    if (o.kind !== KIND) throw shapeError('kind', o.kind, `"${KIND}"`);
    const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
    const task = expectOneOf(o.task, 'task', ['classification', 'regression'] as const);
    const outputs = task === 'classification' ? expectInteger(o.outputs, 'outputs', 2, 100_000) : expectInteger(o.outputs, 'outputs', 1, 1);
    const activation = expectOneOf(o.activation, 'activation', ACTIVATIONS);
    const layers = parseNetworkLayers(o.layers, inputs, outputs);
    const net: NetworkWeights = { inputs, activation, layers };
    if (task === 'classification') return new NeuralNetworkModel(net, outputs);
    const mean = expectFinite(o.targetMean, 'targetMean');
    const scale = expectFinite(o.targetScale, 'targetScale');
    if (!(scale > 0)) throw shapeError('targetScale', scale, 'a positive number');
    return new NeuralNetworkModel(net, undefined, { mean, scale });
  },
};

/** One-hot targets (softmax even for two classes), after checking every label. */
function classTargets(y: Float64Array | Int32Array, rows: number, K: number) {
  if (!Number.isInteger(K) || K < 2) throw new Error(`A classifier needs at least 2 classes, got ${K}.`);
  const labels = Int32Array.from({ length: rows }, (_, i) => y[i]);
  const targets = new Float32Array(rows * K);
  for (let i = 0; i < rows; i++) {
    if (!(labels[i] >= 0 && labels[i] < K && labels[i] === y[i])) throw new Error(`Row ${i + 1} has class ${y[i]}, not one of 0..${K - 1}.`);
    targets[i * K + labels[i]] = 1;
  }
  return { targets, outputs: K, stratify: labels, target: undefined };
}

/** The target standardised, so Adam's step size and the initial weights suit any target scale. */
function valueTargets(y: Float64Array | Int32Array, rows: number) {
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += y[i];
  mean /= rows;
  let ss = 0;
  for (let i = 0; i < rows; i++) ss += (y[i] - mean) ** 2;
  const scale = Math.sqrt(ss / rows) || 1;
  if (!Number.isFinite(mean) || !Number.isFinite(scale)) throw new Error('The target holds values that are not finite numbers.');
  const targets = Float32Array.from({ length: rows }, (_, i) => (y[i] - mean) / scale);
  return { targets, outputs: 1, stratify: undefined, target: { mean, scale } };
}

/** Checks every parameter, turning a bad value into a sentence instead of a NaN loss. */
export function resolveNetworkParams(defaults: NeuralNetworkParams, params: Partial<NeuralNetworkParams>): NetworkConfig {
  const p: NeuralNetworkParams = { ...defaults, ...params };
  const check = (name: keyof NeuralNetworkParams, ok: boolean, expected: string): void => {
    if (!ok) throw new Error(`The parameter "${name}" is ${typeof p[name] === 'string' ? JSON.stringify(p[name]) : String(p[name])}; expected ${expected}.`);
  };
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const int = (v: unknown, min: number, max: number): boolean => num(v) && Number.isInteger(v) && v >= min && v <= max;
  const sizes = typeof p.hiddenLayers === 'string' ? p.hiddenLayers.split(',').map((s) => s.trim()) : [];
  const hidden = sizes.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  check(
    'hiddenLayers',
    hidden.length >= 1 && hidden.length <= MAX_HIDDEN_LAYERS && hidden.every((u) => int(u, 1, MAX_UNITS)),
    `1 to ${MAX_HIDDEN_LAYERS} comma-separated layer sizes from 1 to ${MAX_UNITS}, such as "64,64"`,
  );
  check('activation', (ACTIVATIONS as readonly unknown[]).includes(p.activation), `one of ${ACTIVATIONS.map((a) => `"${a}"`).join(', ')}`);
  check('dropout', num(p.dropout) && p.dropout >= 0 && p.dropout < 0.9, 'a number of at least 0 and below 0.9');
  check('batchNorm', typeof p.batchNorm === 'boolean', 'true or false');
  check('epochs', int(p.epochs, 1, 100_000), 'an integer from 1 to 100000');
  check('learningRate', num(p.learningRate) && p.learningRate > 0, 'a positive number');
  check('batchSize', int(p.batchSize, 0, Number.MAX_SAFE_INTEGER), 'a whole number (0 for automatic)');
  check('l2', num(p.l2) && p.l2 >= 0, 'a number of at least 0');
  check('patience', int(p.patience, 1, Number.MAX_SAFE_INTEGER), 'a positive integer');
  check('validationFraction', num(p.validationFraction) && p.validationFraction >= 0 && p.validationFraction < 0.5, 'a number from 0 to 0.5');
  const { activation, dropout, batchNorm, epochs, learningRate, batchSize, l2, patience, validationFraction } = p;
  return { hidden, activation, dropout, batchNorm, epochs, learningRate, batchSize, l2, patience, validationFraction };
}
