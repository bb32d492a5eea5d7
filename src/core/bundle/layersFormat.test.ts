/**
 * Neural networks in the TensorFlow.js layers format: our reader and TensorFlow.js itself load
 * what the writer produces and predict what the trained model predicts, and tampered files are
 * refused with a sentence naming model.json or weights.bin.
 *
 * Tolerance: weights.bin holds float32, so each weight is rounded once (relative error at most
 * 2^-24 ≈ 6e-8). After a round trip our reader (float64 arithmetic on those weights) matches the
 * trained float64 model to 1e-6 in probability (measured: ~2e-7) and to 1e-6 relative for
 * regression values (measured: ~4e-8; the output bias carries the target mean); TensorFlow.js,
 * which also computes in float32, matches to 1e-5 in probability and 1e-6 relative in value.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { neuralNetwork, type NeuralNetworkParams } from '../models/neuralNetwork';
import { ensureTfBackend } from '../models/tfBackend';
import type { FittedModel } from '../models/types';
import { createRng } from '../random';
import type { BundleFiles } from './bundleTypes';
import { MAX_WEIGHTS_BYTES } from './layersFormat';
import { readLayersModel } from './layersFormatRead';
import { writeLayersModel } from './layersFormatWrite';

const FAST: NeuralNetworkParams = { ...neuralNetwork.defaults, hiddenLayers: '12,8', epochs: 15, learningRate: 0.02, batchSize: 32 };
const CLASSES = ['a', 'b', 'c'];
const ROWS = 200;
const COLS = 3;

/** Three classes on columns of very different scales, so the folded input scaling matters. */
function blobs(seed: number) {
  const rng = createRng(seed);
  const X = new Float32Array(ROWS * COLS);
  const y = new Int32Array(ROWS);
  for (let r = 0; r < ROWS; r++) {
    y[r] = r % 3;
    X[r * 3] = 1000 + 100 * (y[r] + rng.normal());
    X[r * 3 + 1] = 0.01 * (y[r] === 2 ? 2 : 0) + 0.01 * rng.normal();
    X[r * 3 + 2] = rng.normal();
  }
  return { X, y };
}

/** A target around 5000 with spread ~700: the standardisation folded into the output layer matters. */
function values(seed: number) {
  const { X } = blobs(seed);
  const y = Float64Array.from({ length: ROWS }, (_, r) => 5000 + 1000 * Math.sin(X[r * 3 + 2]) + (X[r * 3] - 1000));
  return { X, y };
}

let classifier: FittedModel;
let normClassifier: FittedModel;
let regressor: FittedModel;

beforeAll(async () => {
  await ensureTfBackend();
  const c = blobs(1);
  classifier = await neuralNetwork.fit(c.X, c.y, { rows: ROWS, cols: COLS, classes: 3 }, FAST, { seed: 1 });
  const withNorm = { ...FAST, hiddenLayers: '10,8,6', activation: 'tanh', batchNorm: true, dropout: 0.2 } as const;
  normClassifier = await neuralNetwork.fit(c.X, c.y, { rows: ROWS, cols: COLS, classes: 3 }, withNorm, { seed: 2 });
  const v = values(3);
  regressor = await neuralNetwork.fit(v.X, v.y, { rows: ROWS, cols: COLS }, FAST, { seed: 3 });
});

function filesOf(model: FittedModel, classes?: string[]): BundleFiles {
  const { modelJson, weights } = writeLayersModel(model, { classes, params: { hiddenLayers: '12,8' }, featureNames: ['x1', 'x2', 'x3'] });
  return new Map<string, Uint8Array | string>([
    ['model.json', modelJson],
    ['weights.bin', weights],
  ]);
}

/** Loads the files the way `tf.loadLayersModel(url)` does: model.json, then the manifest's paths. */
async function loadInTensorFlow(files: BundleFiles): Promise<tf.LayersModel> {
  const json = JSON.parse(files.get('model.json') as string);
  const weights = files.get('weights.bin') as Uint8Array;
  return tf.loadLayersModel({
    load: () =>
      tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        expect(manifest.map((group) => group.paths)).toEqual([['weights.bin']]);
        return [manifest.flatMap((group) => group.weights), weights.slice().buffer];
      }),
  });
}

function tensorPredict(model: tf.LayersModel, X: Float32Array): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor2d(X, [ROWS, COLS])) as tf.Tensor).dataSync() as Float32Array);
}

function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function largest(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]));
  return max;
}

describe('TensorFlow.js layers format', () => {
  it('writes a layers-model artifact: a Sequential of Dense layers, a float32 manifest and our metadata', () => {
    const files = filesOf(classifier, CLASSES);
    const json = JSON.parse(files.get('model.json') as string);
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology.class_name).toBe('Sequential');
    const layers = json.modelTopology.config.layers;
    expect(layers.map((l: { class_name: string }) => l.class_name)).toEqual(['Dense', 'Dense', 'Dense']);
    expect(layers.map((l: { config: { activation: string } }) => l.config.activation)).toEqual(['relu', 'relu', 'softmax']);
    expect(layers[0].config.batch_input_shape).toEqual([null, 3]);
    expect(json.weightsManifest).toEqual([
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'dense_1/kernel', shape: [3, 12], dtype: 'float32' },
          { name: 'dense_1/bias', shape: [12], dtype: 'float32' },
          { name: 'dense_2/kernel', shape: [12, 8], dtype: 'float32' },
          { name: 'dense_2/bias', shape: [8], dtype: 'float32' },
          { name: 'dense_3/kernel', shape: [8, 3], dtype: 'float32' },
          { name: 'dense_3/bias', shape: [3], dtype: 'float32' },
        ],
      },
    ]);
    expect((files.get('weights.bin') as Uint8Array).byteLength).toBe(4 * (3 * 12 + 12 + 12 * 8 + 8 + 8 * 3 + 3));
    expect(json.userDefinedMetadata.localMlStudio).toEqual({
      kind: 'neural_network',
      version: 1,
      task: 'classification',
      activation: 'relu',
      inputs: 3,
      outputs: 3,
      inputFeatures: ['x1', 'x2', 'x3'],
      classes: CLASSES,
      params: { hiddenLayers: '12,8' },
    });
    const regression = JSON.parse(filesOf(regressor).get('model.json') as string);
    expect(regression.modelTopology.config.layers[2].config.activation).toBe('linear');
    expect(regression.userDefinedMetadata.localMlStudio.target).toMatchObject({ foldedIntoOutputLayer: true });
    expect(regression.userDefinedMetadata.localMlStudio.target.mean).toBeCloseTo(5000, -3);
  });

  it('round-trips classifiers (with and without batch norm) to 1e-6 in probability', () => {
    const { X } = blobs(4);
    for (const model of [classifier, normClassifier]) {
      const copy = readLayersModel(filesOf(model, CLASSES), { task: 'classification', classes: CLASSES });
      expect(copy.classCount).toBe(3);
      expect(copy.inputCount).toBe(3);
      expect(worst(copy.predictProba!(X, ROWS, COLS), model.predictProba!(X, ROWS, COLS))).toBeLessThan(1e-6);
      expect(Array.from(copy.predict(X, ROWS, COLS))).toEqual(Array.from(model.predict(X, ROWS, COLS)));
      // Written again, the copy gives the same bytes: a bundle re-exported from an import is unchanged.
      expect(filesOf(copy, CLASSES)).toEqual(filesOf(model, CLASSES));
    }
  });

  it('round-trips a regressor to 1e-6 relative, in the target units', () => {
    const { X, y } = values(5);
    const copy = readLayersModel(filesOf(regressor), { task: 'regression' });
    expect(copy.predictProba).toBeUndefined();
    const expected = regressor.predict(X, ROWS, COLS);
    expect(worst(copy.predict(X, ROWS, COLS), expected)).toBeLessThan(1e-6 * largest(expected));
    // The fit is real: predictions follow the target.
    expect(worst(expected, y)).toBeLessThan(2000);
  });

  it('loads in TensorFlow.js (tf.loadLayersModel), whose predict gives our probabilities and values', async () => {
    const { X } = blobs(6);
    for (const model of [classifier, normClassifier]) {
      const loaded = await loadInTensorFlow(filesOf(model, CLASSES));
      expect(worst(tensorPredict(loaded, X), model.predictProba!(X, ROWS, COLS))).toBeLessThan(1e-5);
      loaded.dispose();
    }
    const v = values(7);
    const loaded = await loadInTensorFlow(filesOf(regressor));
    const expected = regressor.predict(v.X, ROWS, COLS);
    expect(worst(tensorPredict(loaded, v.X), expected)).toBeLessThan(1e-6 * largest(expected));
    expect(loaded.getLayer('dense_1').getConfig()).toMatchObject({ units: 12, activation: 'relu' });
    loaded.dispose();
  });

  describe('refuses tampered files with a BundleError naming the file', () => {
    const json = () => JSON.parse(filesOf(classifier, CLASSES).get('model.json') as string);
    const weights = () => (filesOf(classifier, CLASSES).get('weights.bin') as Uint8Array).slice();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke arbitrary fields of parsed JSON
    const withJson = (edit: (j: any) => void): BundleFiles => {
      const j = json();
      edit(j);
      return new Map<string, Uint8Array | string>([
        ['model.json', JSON.stringify(j)],
        ['weights.bin', weights()],
      ]);
    };
    const withWeights = (bytes: Uint8Array | string | undefined): BundleFiles => {
      const files = new Map<string, Uint8Array | string>([['model.json', JSON.stringify(json())]]);
      if (bytes !== undefined) files.set('weights.bin', bytes);
      return files;
    };
    const nanAt = (k: number) => {
      const bytes = weights();
      new DataView(bytes.buffer).setFloat32(k * 4, NaN, true);
      return bytes;
    };
    const L = 'modelTopology.config.layers';

    it.each<[string, () => BundleFiles, string, string]>([
      ['a short weights.bin', () => withWeights(weights().slice(0, -4)), 'weights.bin', 'weights.bin: the file is 712 bytes, expected 716 (179 float32 weights listed in model.json).'],
      ['a long weights.bin', () => withWeights(new Uint8Array(720)), 'weights.bin', 'weights.bin: the file is 720 bytes, expected 716'],
      ['a NaN weight', () => withWeights(nanAt(50)), 'weights.bin', 'weights.bin: weight 50 (dense_2/kernel[2]) is NaN, expected a finite number.'],
      ['an infinite bias', () => withWeights(((b) => (new DataView(b.buffer).setFloat32(178 * 4, -Infinity, true), b))(weights())), 'weights.bin', 'weights.bin: weight 178 (dense_3/bias[2]) is -Infinity, expected a finite number.'],
      ['no weights.bin', () => withWeights(undefined), 'weights.bin', "The bundle has no weights.bin; a neural network's weights are stored there."],
      ['weights.bin as text', () => withWeights('abcd'), 'weights.bin', 'weights.bin: the file was read as text'],
      ['an unknown layer class', () => withJson((j) => (j.modelTopology.config.layers[1].class_name = 'Lambda')), 'model.json', `model.json: "${L}[1].class_name" is "Lambda", expected one of Dense.`],
      ['a huge layer', () => withJson((j) => (j.modelTopology.config.layers[0].config.units = 1e9)), 'model.json', `model.json: "${L}[0].config.units" is 1000000000, expected an integer from 1 to 1024.`],
      ['a huge input shape', () => withJson((j) => (j.modelTopology.config.layers[0].config.batch_input_shape[1] = 5e6)), 'model.json', `"${L}[0].config.batch_input_shape[1]" is 5000000, expected an integer from 1 to 1000000.`],
      [
        'a large input shape with a matching manifest',
        () => withJson((j) => ((j.modelTopology.config.layers[0].config.batch_input_shape[1] = 900_000), (j.weightsManifest[0].weights[0].shape[0] = 900_000))),
        'weights.bin',
        'weights.bin: the file is 716 bytes, expected 43200572 (10800143 float32 weights listed in model.json).',
      ],
      ['a manifest shape that disagrees', () => withJson((j) => (j.weightsManifest[0].weights[2].shape = [12, 9])), 'model.json', 'model.json: "weightsManifest[0].weights[2].shape[1]" is 9, expected 8 (from the layers in modelTopology).'],
      ['another weights file', () => withJson((j) => (j.weightsManifest[0].paths = ['../../etc/passwd'])), 'model.json', 'model.json: "weightsManifest[0].paths[0]" is "../../etc/passwd", expected "weights.bin".'],
      ['quantised weights', () => withJson((j) => (j.weightsManifest[0].weights[0].quantization = { dtype: 'uint8' })), 'model.json', 'expected no quantization.'],
      ['float16 weights', () => withJson((j) => (j.weightsManifest[0].weights[1].dtype = 'float16')), 'model.json', '"weightsManifest[0].weights[1].dtype" is "float16", expected "float32".'],
      ['an unsupported activation', () => withJson((j) => (j.modelTopology.config.layers[0].config.activation = 'selu')), 'model.json', `"${L}[0].config.activation" is "selu", expected one of relu, tanh.`],
      ['mixed activations', () => withJson((j) => (j.modelTopology.config.layers[1].config.activation = 'tanh')), 'model.json', `"${L}[1].config.activation" is "tanh", expected one of relu.`],
      ['a linear classifier output', () => withJson((j) => (j.modelTopology.config.layers[2].config.activation = 'linear')), 'model.json', `"${L}[2].config.activation" is "linear", expected one of softmax.`],
      ['too many outputs', () => withJson((j) => (j.modelTopology.config.layers[2].config.units = 4)), 'model.json', `"${L}[2].config.units" is 4, expected 3 (one per class in bundle.json).`],
      ['a functional model', () => withJson((j) => (j.modelTopology.class_name = 'Model')), 'model.json', 'model.json: "modelTopology.class_name" is "Model", expected "Sequential".'],
      ['a graph model', () => withJson((j) => (j.format = 'graph-model')), 'model.json', 'model.json: "format" is "graph-model", expected "layers-model".'],
      ['one layer', () => withJson((j) => j.modelTopology.config.layers.splice(1, 2)), 'model.json', `"${L}" has 1 layers, expected 2 to 6`],
      ['another task', () => withJson((j) => (j.userDefinedMetadata.localMlStudio.task = 'regression')), 'model.json', '"userDefinedMetadata.localMlStudio.task" is "regression", expected "classification" (the task in bundle.json).'],
      ['other class names', () => withJson((j) => (j.userDefinedMetadata.localMlStudio.classes[1] = 'z')), 'model.json', '"userDefinedMetadata.localMlStudio.classes[1]" is "z", expected "b" (as in bundle.json).'],
      ['no metadata', () => withJson((j) => delete j.userDefinedMetadata), 'model.json', 'model.json: "userDefinedMetadata" is missing, expected an object.'],
      ['a __proto__ key', () => withJson((j) => (j.modelTopology.config.layers[0].config = JSON.parse(`{"__proto__":{"x":1},"units":12}`))), 'model.json', 'has the forbidden key "__proto__".'],
    ])('%s', (_, make, file, message) => {
      const run = () => readLayersModel(make(), { task: 'classification', classes: CLASSES });
      expect(run).toThrow(message);
      try {
        run();
      } catch (error) {
        expect(error).toMatchObject({ name: 'BundleError', file });
      }
    });

    it('checks the size from model.json before reading weights.bin', () => {
      expect(MAX_WEIGHTS_BYTES).toBe(128 * 1024 * 1024);
      // 1024-unit layers on 40 000 inputs: 164 MB of weights, refused without allocating them.
      const huge = withJson((j) => {
        const layers = j.modelTopology.config.layers;
        layers[0].config.batch_input_shape[1] = 40_000;
        layers[0].config.units = 1024;
        j.weightsManifest[0].weights[0].shape = [40_000, 1024];
        j.weightsManifest[0].weights[1].shape = [1024];
        j.weightsManifest[0].weights[2].shape = [1024, 8];
      });
      expect(() => readLayersModel(huge, { task: 'classification', classes: CLASSES })).toThrow(/^model\.json: the layers hold 40969251 weights \(156\.3 MB\), more than the 128 MB limit\.$/);
    });
  });
});
