/**
 * Reads a neural network back from its TensorFlow.js layers-model files (model.json +
 * weights.bin) into plain float64 arrays, without TensorFlow.js. Both files are untrusted: the
 * topology must be exactly what layersFormatWrite produces (a Sequential of 2 to 6 Dense layers,
 * one supported hidden activation, softmax or linear output), the manifest must agree with it
 * shape by shape, weights.bin must have exactly the manifest's byte length (under a cap checked
 * before anything is read) and every weight must be finite. Nothing in either file is evaluated;
 * class names, activations and layer kinds are compared against fixed lists.
 */
import { ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_UNITS, type Activation, type NetworkLayer } from '../models/networkWeights';
import { NeuralNetworkModel } from '../models/neuralNetwork';
import type { FittedModel } from '../models/types';
import { BundleError, type BundleFiles } from './bundleTypes';
import {
  expectArray,
  expectInteger,
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  joinPath,
  JsonShapeError,
  shapeError,
} from './jsonShape';
import { denseLayerName, LAYERS_METADATA_KEY, LAYERS_METADATA_VERSION, LAYERS_MODEL_FILE, MAX_WEIGHTS_BYTES, WEIGHTS_FILE } from './layersFormat';
import { asBundleError, readJsonFile } from './readJsonFile';

/** What bundle.json says the network must be. */
export interface LayersModelExpectation {
  task: 'classification' | 'regression' | 'clustering';
  classes?: string[];
}

/** The network model.json describes, before its weights are read. */
interface LayersTopology {
  inputs: number;
  activation: Activation;
  /** Units of each Dense layer, the output layer last. */
  units: number[];
  classification: boolean;
}

const LAYERS_PATH = 'modelTopology.config.layers';
const MANIFEST_PATH = 'weightsManifest[0].weights';
/** The most input columns a network may take (as for the other models' JSON). */
const MAX_INPUTS = 1_000_000;

export function readLayersModel(files: BundleFiles, expected: LayersModelExpectation): FittedModel {
  const json = readJsonFile(files, LAYERS_MODEL_FILE);
  let topology: LayersTopology;
  try {
    topology = parseLayersModelJson(json, expected);
  } catch (error) {
    throw asBundleError(LAYERS_MODEL_FILE, error);
  }
  const values = readWeights(files, topology);
  let width = topology.inputs;
  let offset = 0;
  const layers = topology.units.map((units): NetworkLayer => {
    const kernel = values.subarray(offset, (offset += width * units));
    const bias = values.subarray(offset, (offset += units));
    width = units;
    return { units, kernel, bias };
  });
  const net = { inputs: topology.inputs, activation: topology.activation, layers };
  // The target's standardisation is already folded into the output layer.
  if (topology.classification) return new NeuralNetworkModel(net, topology.units[topology.units.length - 1]);
  return new NeuralNetworkModel(net, undefined, { mean: 0, scale: 1 });
}

/** Validates model.json (already size-capped and free of forbidden keys) and returns its network. */
function parseLayersModelJson(json: unknown, expected: LayersModelExpectation): LayersTopology {
  const o = expectObject(json, '');
  if (o.format !== 'layers-model') throw shapeError('format', o.format, '"layers-model"');
  const classification = parseMetadata(o.userDefinedMetadata, expected);

  const topology = expectObject(o.modelTopology, 'modelTopology');
  if (topology.class_name !== 'Sequential') throw shapeError('modelTopology.class_name', topology.class_name, '"Sequential"');
  const list = expectArray(expectObject(topology.config, 'modelTopology.config').layers, LAYERS_PATH);
  if (list.length < 2 || list.length > MAX_HIDDEN_LAYERS + 1) {
    throw new JsonShapeError(LAYERS_PATH, `"${LAYERS_PATH}" has ${list.length} layers, expected 2 to ${MAX_HIDDEN_LAYERS + 1} (hidden layers and the output layer).`);
  }
  let inputs = 0;
  let activation: Activation = ACTIVATIONS[0];
  const units = list.map((item, i) => {
    const at = joinPath(LAYERS_PATH, i);
    const layer = expectObject(item, at);
    expectOneOf(layer.class_name, joinPath(at, 'class_name'), ['Dense'] as const);
    const config = expectObject(layer.config, joinPath(at, 'config'));
    const path = (key: string) => joinPath(joinPath(at, 'config'), key);
    if (config.name !== denseLayerName(i)) throw shapeError(path('name'), config.name, `"${denseLayerName(i)}"`);
    if (config.use_bias !== true) throw shapeError(path('use_bias'), config.use_bias, 'true');
    if (config.dtype !== undefined && config.dtype !== 'float32') throw shapeError(path('dtype'), config.dtype, '"float32"');
    if (i === 0) {
      const shape = expectArray(config.batch_input_shape, path('batch_input_shape'), 2);
      if (shape[0] !== null) throw shapeError(joinPath(path('batch_input_shape'), 0), shape[0], 'null (any number of rows)');
      inputs = expectInteger(shape[1], joinPath(path('batch_input_shape'), 1), 1, MAX_INPUTS);
    } else if (config.batch_input_shape !== undefined) {
      throw shapeError(path('batch_input_shape'), config.batch_input_shape, 'no input shape after the first layer');
    }
    if (i < list.length - 1) {
      // Our network has one activation for every hidden layer.
      const allowed = i === 0 ? ACTIVATIONS : [activation];
      activation = expectOneOf(config.activation, path('activation'), allowed);
      return expectInteger(config.units, path('units'), 1, MAX_UNITS);
    }
    expectOneOf(config.activation, path('activation'), [classification ? 'softmax' : 'linear'] as const);
    const outputs = classification ? expected.classes?.length : 1;
    if (outputs === undefined) return expectInteger(config.units, path('units'), 2, MAX_UNITS);
    const how = classification ? ' (one per class in bundle.json)' : ' (one value)';
    if (config.units !== outputs) throw shapeError(path('units'), config.units, `${outputs}${how}`);
    return outputs;
  });
  parseManifest(o.weightsManifest, inputs, units);
  return { inputs, activation, units, classification };
}

/** Our metadata: the kind, format version and task must match; returns whether it classifies. */
function parseMetadata(value: unknown, expected: LayersModelExpectation): boolean {
  const base = 'userDefinedMetadata';
  const meta = expectObject(expectObject(value, base)[LAYERS_METADATA_KEY], joinPath(base, LAYERS_METADATA_KEY));
  const path = (key: string) => joinPath(joinPath(base, LAYERS_METADATA_KEY), key);
  if (meta.kind !== 'neural_network') throw shapeError(path('kind'), meta.kind, '"neural_network"');
  if (meta.version !== LAYERS_METADATA_VERSION) throw shapeError(path('version'), meta.version, `${LAYERS_METADATA_VERSION}`);
  const task = expectOneOf(meta.task, path('task'), ['classification', 'regression'] as const);
  if (task !== expected.task) throw shapeError(path('task'), task, `"${expected.task}" (the task in bundle.json)`);
  if (meta.classes !== undefined && expected.classes) {
    const classes = expectStringArray(meta.classes, path('classes'), expected.classes.length);
    classes.forEach((name, k) => {
      if (name !== expected.classes![k]) throw shapeError(joinPath(path('classes'), k), name, `${JSON.stringify(expected.classes![k])} (as in bundle.json)`);
    });
  }
  return task === 'classification';
}

/** One group, one file, and per layer a float32 kernel [in, units] and bias [units], in order. */
function parseManifest(value: unknown, inputs: number, units: number[]): void {
  const group = expectObject(expectArray(value, 'weightsManifest', 1, 'groups')[0], 'weightsManifest[0]');
  const paths = expectStringArray(group.paths, 'weightsManifest[0].paths', 1);
  if (paths[0] !== WEIGHTS_FILE) throw shapeError('weightsManifest[0].paths[0]', paths[0], `"${WEIGHTS_FILE}"`);
  const specs = expectArray(group.weights, MANIFEST_PATH, units.length * 2, 'entries');
  let width = inputs;
  units.forEach((n, i) => {
    const layer = denseLayerName(i);
    expectWeightSpec(specs[2 * i], joinPath(MANIFEST_PATH, 2 * i), `${layer}/kernel`, [width, n]);
    expectWeightSpec(specs[2 * i + 1], joinPath(MANIFEST_PATH, 2 * i + 1), `${layer}/bias`, [n]);
    width = n;
  });
}

function expectWeightSpec(value: unknown, at: string, name: string, shape: number[]): void {
  const spec = expectObject(value, at);
  if (spec.name !== name) throw shapeError(joinPath(at, 'name'), spec.name, `"${name}"`);
  const given = expectArray(spec.shape, joinPath(at, 'shape'), shape.length, 'dimensions');
  given.forEach((size, d) => {
    if (size !== shape[d]) throw shapeError(joinPath(joinPath(at, 'shape'), d), size, `${shape[d]} (from the layers in modelTopology)`);
  });
  expectString(spec.dtype, joinPath(at, 'dtype'));
  if (spec.dtype !== 'float32') throw shapeError(joinPath(at, 'dtype'), spec.dtype, '"float32"');
  // Quantised weights would need dequantising; the studio never writes them.
  if (spec.quantization !== undefined) throw shapeError(joinPath(at, 'quantization'), spec.quantization, 'no quantization');
}

/** weights.bin as float64 values, after checking its length against the manifest and every value. */
function readWeights(files: BundleFiles, topology: LayersTopology): Float64Array {
  let count = 0;
  let width = topology.inputs;
  for (const units of topology.units) {
    count += width * units + units;
    width = units;
  }
  const bytes = count * 4;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  if (bytes > MAX_WEIGHTS_BYTES) {
    throw new BundleError(
      LAYERS_MODEL_FILE,
      `${LAYERS_MODEL_FILE}: the layers hold ${count} weights (${mb(bytes)} MB), more than the ${MAX_WEIGHTS_BYTES / 1024 / 1024} MB limit.`,
      LAYERS_PATH,
    );
  }
  const content = files.get(WEIGHTS_FILE);
  if (content === undefined) throw new BundleError(WEIGHTS_FILE, `The bundle has no ${WEIGHTS_FILE}; a neural network's weights are stored there.`);
  if (typeof content === 'string') throw new BundleError(WEIGHTS_FILE, `${WEIGHTS_FILE}: the file was read as text; it holds binary float32 weights.`);
  if (content.byteLength !== bytes) {
    throw new BundleError(
      WEIGHTS_FILE,
      `${WEIGHTS_FILE}: the file is ${content.byteLength} bytes, expected ${bytes} (${count} float32 weights listed in ${LAYERS_MODEL_FILE}).`,
    );
  }
  // A DataView reads at any byte offset (a zip entry's view need not be 4-byte aligned) and in little-endian order.
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const values = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const value = view.getFloat32(k * 4, true);
    if (!Number.isFinite(value)) {
      throw new BundleError(WEIGHTS_FILE, `${WEIGHTS_FILE}: weight ${k} (${describeWeight(k, topology)}) is ${value}, expected a finite number.`);
    }
    values[k] = value;
  }
  return values;
}

/** "dense_2/kernel[5]": where the k-th float of weights.bin belongs. */
function describeWeight(k: number, topology: LayersTopology): string {
  let width = topology.inputs;
  for (let i = 0; i < topology.units.length; i++) {
    const units = topology.units[i];
    for (const [part, size] of [['kernel', width * units], ['bias', units]] as const) {
      if (k < size) return `${denseLayerName(i)}/${part}[${k}]`;
      k -= size;
    }
    width = units;
  }
  return 'past the last layer';
}
