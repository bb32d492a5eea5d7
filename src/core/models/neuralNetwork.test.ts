/**
 * The neural network on small synthetic problems a linear model cannot fit (XOR, sin), its
 * plain-array prediction against TensorFlow.js' own layers, and its JSON, params and errors.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { BN_EPSILON, foldNetwork, networkOutputs } from './networkWeights';
import { neuralNetwork, resolveNetworkParams, type NeuralNetworkParams } from './neuralNetwork';
import { ensureTfBackend } from './tfBackend';
import { trainNetwork } from './trainNetwork';

beforeAll(async () => {
  await ensureTfBackend();
});

/** Small and quick: the problems below need neither 64 units nor 200 epochs. */
const FAST: NeuralNetworkParams = { ...neuralNetwork.defaults, hiddenLayers: '16,16', epochs: 30, learningRate: 0.02, batchSize: 64 };

/** Two inputs in [-1, 1]; the class is whether x and y have the same sign. */
function xor(rows: number, seed: number) {
  const rng = createRng(seed);
  const X = Float32Array.from({ length: rows * 2 }, () => rng.next() * 2 - 1);
  const y = Int32Array.from({ length: rows }, (_, r) => (X[r * 2] * X[r * 2 + 1] > 0 ? 1 : 0));
  return { X, y };
}

/** Three Gaussian blobs (sd 0.7) around (0, 0), (3, 0) and (0, 3). */
function blobs(rows: number, seed: number) {
  const rng = createRng(seed);
  const centres = [
    [0, 0],
    [3, 0],
    [0, 3],
  ];
  const X = new Float32Array(rows * 2);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    y[r] = r % 3;
    X[r * 2] = centres[y[r]][0] + 0.7 * rng.normal();
    X[r * 2 + 1] = centres[y[r]][1] + 0.7 * rng.normal();
  }
  return { X, y };
}

/** y = sin(x) + N(0, 0.05) for x in [-3, 3]. */
function sine(rows: number, seed: number) {
  const rng = createRng(seed);
  const X = Float32Array.from({ length: rows }, () => rng.next() * 6 - 3);
  const y = Float64Array.from(X, (x) => Math.sin(x) + 0.05 * rng.normal());
  return { X, y };
}

function accuracy(pred: Float64Array, y: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += pred[i] === y[i] ? 1 : 0;
  return ok / y.length;
}

function r2(pred: Float64Array, y: Float64Array): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - pred[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

describe('neural_network', () => {
  it('fits XOR, which no linear model can (test accuracy > 0.9), reporting every epoch without leaking tensors', async () => {
    const train = xor(400, 1);
    const test = xor(400, 2);
    const before = tf.memory().numTensors;
    const progress: { epoch: number; loss: number; valLoss?: number }[] = [];
    const model = await neuralNetwork.fit(train.X, train.y, { rows: 400, cols: 2, classes: 2 }, FAST, { seed: 1, onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    expect(accuracy(model.predict(test.X, 400, 2), test.y)).toBeGreaterThan(0.9);
    expect(progress.map((p) => p.epoch)).toEqual(progress.map((_, i) => i + 1));
    expect(progress.every((p) => Number.isFinite(p.loss) && Number.isFinite(p.valLoss))).toBe(true);
    expect(model.toJSON()).toMatchObject({ kind: 'neural_network', inputs: 2, outputs: 2, task: 'classification', activation: 'relu' });
  });

  it('separates three classes (test accuracy > 0.9) with probability rows that sum to 1', async () => {
    const train = blobs(300, 3);
    const test = blobs(300, 4);
    const model = await neuralNetwork.fit(train.X, train.y, { rows: 300, cols: 2, classes: 3 }, FAST, { seed: 2 });
    expect(model.classCount).toBe(3);
    expect(accuracy(model.predict(test.X, 300, 2), test.y)).toBeGreaterThan(0.9);
    const proba = model.predictProba!(test.X, 300, 2);
    expect(proba.length).toBe(900);
    for (let r = 0; r < 300; r++) expect(proba[r * 3] + proba[r * 3 + 1] + proba[r * 3 + 2]).toBeCloseTo(1, 12);
  });

  it('fits y = sin(x) + noise (test R² > 0.9) and predicts on the target scale', async () => {
    const train = sine(300, 5);
    const test = sine(300, 6);
    const model = await neuralNetwork.fit(train.X, train.y, { rows: 300, cols: 1 }, { ...FAST, activation: 'tanh' }, { seed: 3 });
    expect(model.predictProba).toBeUndefined();
    expect(r2(model.predict(test.X, 300, 1), test.y)).toBeGreaterThan(0.9);
    // The same data 1000 times larger and shifted: the standardised target makes it the same fit.
    const big = Float64Array.from(train.y, (v) => 1000 * v + 5000);
    const scaled = await neuralNetwork.fit(train.X, big, { rows: 300, cols: 1 }, { ...FAST, activation: 'tanh' }, { seed: 3 });
    const pa = model.predict(test.X, 300, 1);
    const pb = scaled.predict(test.X, 300, 1);
    for (let i = 0; i < 300; i++) expect(pb[i]).toBeCloseTo(1000 * pa[i] + 5000, 1);
  });

  it('is deterministic for a seed, dropout masks included', async () => {
    const { X, y } = xor(200, 7);
    const params = { ...FAST, epochs: 5, dropout: 0.2, batchNorm: true };
    const fit = (seed: number) => neuralNetwork.fit(X, y, { rows: 200, cols: 2, classes: 2 }, params, { seed });
    const [a, b, c] = [await fit(9), await fit(9), await fit(10)];
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.toJSON()).not.toEqual(c.toJSON());
  });

  for (const variant of [
    { name: 'ReLU', hiddenLayers: '12,8', activation: 'relu', batchNorm: false, dropout: 0 },
    { name: 'tanh with batch norm and dropout', hiddenLayers: '12,8,6', activation: 'tanh', batchNorm: true, dropout: 0.3 },
  ] as const) {
    it(`predicts like TensorFlow.js layers running the trained weights (${variant.name}), to 1e-5`, async () => {
      const { X, y } = blobs(240, 8);
      const targets = Float32Array.from({ length: 240 * 3 }, (_, i) => (y[Math.floor(i / 3)] === i % 3 ? 1 : 0));
      const config = resolveNetworkParams(neuralNetwork.defaults, { ...FAST, ...variant, epochs: 8 });
      const before = tf.memory().numTensors;
      const trained = await trainNetwork({ X, rows: 240, cols: 2, targets, outputs: 3, loss: 'softmax', stratify: y }, config, { seed: 4 });
      expect(tf.memory().numTensors).toBe(before);
      const plain = networkOutputs(foldNetwork(trained.layers, trained.inputMean, trained.inputScale, config.activation), X, 240, 2);

      // An independent inference path: Keras-style layers given the raw trained weights.
      const model = tf.sequential();
      const dense = trained.layers.map((layer, i) => {
        const d = tf.layers.dense({ units: layer.units, inputShape: i === 0 ? [2] : undefined });
        model.add(d);
        if (i === trained.layers.length - 1) return { d, layer };
        const bn = layer.batchNorm ? tf.layers.batchNormalization({ epsilon: BN_EPSILON }) : undefined;
        if (bn) model.add(bn);
        model.add(tf.layers.activation({ activation: variant.activation }));
        if (variant.dropout > 0) model.add(tf.layers.dropout({ rate: variant.dropout }));
        return { d, bn, layer };
      });
      const vector = (v: ArrayLike<number>) => tf.tensor1d(Float32Array.from(v));
      const weights: tf.Tensor[] = [];
      for (const { d, bn, layer } of dense) {
        const kernel = tf.tensor2d(Float32Array.from(layer.kernel), [layer.kernel.length / layer.units, layer.units]);
        weights.push(kernel, vector(layer.bias));
        d.setWeights(weights.slice(-2));
        if (!bn || !layer.batchNorm) continue;
        const { gamma, beta, movingMean, movingVariance } = layer.batchNorm;
        weights.push(...[gamma, beta, movingMean, movingVariance].map(vector));
        bn.setWeights(weights.slice(-4));
      }
      const standard = Float32Array.from(X, (v, i) => (v - trained.inputMean[i % 2]) / trained.inputScale[i % 2]);
      const expected = tf.tidy(() => (model.predict(tf.tensor2d(standard, [240, 2])) as tf.Tensor).dataSync());
      tf.dispose(weights);
      model.dispose();

      if (variant.batchNorm) expect(Array.from(trained.layers[0].batchNorm!.movingMean).some((m) => Math.abs(m) > 0.01)).toBe(true);
      let worst = 0;
      for (let i = 0; i < plain.length; i++) worst = Math.max(worst, Math.abs(plain[i] - expected[i]));
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('round-trips through JSON and rejects tampered files naming the field', async () => {
    const { X, y } = blobs(150, 9);
    const model = await neuralNetwork.fit(X, y, { rows: 150, cols: 2, classes: 3 }, { ...FAST, epochs: 5, batchNorm: true }, { seed: 5 });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const copy = neuralNetwork.fromJSON(json);
    expect(Array.from(copy.predictProba!(X, 150, 2))).toEqual(Array.from(model.predictProba!(X, 150, 2)));
    expect(copy.toJSON()).toEqual(model.toJSON());

    const sine1 = sine(100, 10);
    const reg = await neuralNetwork.fit(sine1.X, sine1.y, { rows: 100, cols: 1 }, { ...FAST, epochs: 5 }, { seed: 6 });
    const regCopy = neuralNetwork.fromJSON(JSON.parse(JSON.stringify(reg.toJSON())));
    expect(Array.from(regCopy.predict(sine1.X, 100, 1))).toEqual(Array.from(reg.predict(sine1.X, 100, 1)));

    type Layer = { units: number; kernel: number[]; batchNorm: { shift: number[] } };
    const tampered = (edit: (j: { activation: string; outputs: number; layers: Layer[] }) => void) => {
      const j = JSON.parse(JSON.stringify(json));
      edit(j);
      return () => neuralNetwork.fromJSON(j);
    };
    expect(tampered((j) => j.layers[1].kernel.pop())).toThrow('"layers[1].kernel" has 255 numbers, expected 256.');
    expect(tampered((j) => (j.layers[0].kernel[3] = NaN))).toThrow('"layers[0].kernel[3]" is NaN, expected a finite number.');
    expect(tampered((j) => (j.layers[0].batchNorm.shift = [1]))).toThrow('"layers[0].batchNorm.shift" has 1 numbers, expected 16.');
    expect(tampered((j) => (j.activation = 'sigmoid'))).toThrow('"activation" is "sigmoid", expected one of relu, tanh.');
    expect(tampered((j) => (j.outputs = 4))).toThrow('layers[2].units');
    expect(tampered((j) => (j.layers[0].units = 5000))).toThrow('"layers[0].units" is 5000, expected an integer from 1 to 1024.');
    expect(tampered((j) => (j.layers = Array(7).fill(j.layers[0])))).toThrow('"layers" has 7 layers');
    const polluted = JSON.parse(JSON.stringify(json).replace('"layers":[{', '"layers":[{"__proto__":{"x":1},'));
    expect(() => neuralNetwork.fromJSON(polluted)).toThrow('"layers[0]" has the forbidden key "__proto__".');
    expect(() => neuralNetwork.fromJSON({ ...reg.toJSON(), targetScale: 0 })).toThrow('"targetScale" is 0, expected a positive number.');
  });

  it('rejects bad parameters with a sentence', async () => {
    const { X, y } = xor(40, 11);
    const fit = (p: Partial<NeuralNetworkParams>) => neuralNetwork.fit(X, y, { rows: 40, cols: 2, classes: 2 }, { ...FAST, ...p }, { seed: 1 });
    const sizes = 'expected 1 to 5 comma-separated layer sizes from 1 to 1024, such as "64,64".';
    await expect(fit({ hiddenLayers: 'a,b' })).rejects.toThrow(`The parameter "hiddenLayers" is "a,b"; ${sizes}`);
    await expect(fit({ hiddenLayers: '8,2000' })).rejects.toThrow(`The parameter "hiddenLayers" is "8,2000"; ${sizes}`);
    await expect(fit({ hiddenLayers: '1,1,1,1,1,1' })).rejects.toThrow(sizes);
    await expect(fit({ dropout: 1 })).rejects.toThrow('The parameter "dropout" is 1; expected a number of at least 0 and below 0.9.');
    await expect(fit({ activation: 'sigmoid' as never })).rejects.toThrow('The parameter "activation" is "sigmoid"; expected one of "relu", "tanh".');
    await expect(fit({ learningRate: 0 })).rejects.toThrow('The parameter "learningRate" is 0; expected a positive number.');
    await expect(fit({ batchNorm: 'yes' as never })).rejects.toThrow('The parameter "batchNorm" is "yes"; expected true or false.');
  });

  it('stops with an AbortError when aborted after the first epoch', async () => {
    const { X, y } = xor(200, 12);
    const controller = new AbortController();
    const epochs: number[] = [];
    const before = tf.memory().numTensors;
    const run = neuralNetwork.fit(X, y, { rows: 200, cols: 2, classes: 2 }, FAST, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        epochs.push(p.epoch);
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError', message: 'Training was stopped.' });
    expect(epochs).toEqual([1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ends a diverging fit with a sentence instead of a NaN model', async () => {
    const rows = 100;
    const X = Float32Array.from({ length: rows * 3 }, (_, i) => (i * 7919) % 1000);
    const y = Float64Array.from({ length: rows }, (_, r) => 1e9 * X[r * 3]);
    const before = tf.memory().numTensors;
    const run = neuralNetwork.fit(X, y, { rows, cols: 3 }, { ...FAST, learningRate: 1e6 }, { seed: 1 });
    await expect(run).rejects.toThrow(/^The neural network's loss became (NaN|infinite) at epoch \d+; try a lower learning rate\.$/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
