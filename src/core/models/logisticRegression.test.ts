/**
 * Logistic regression on synthetic data, and against scikit-learn on the same splits. The
 * fixtures come from
 *   /usr/bin/python3 tests/fixtures/sklearn/make_fixtures.py
 *   /usr/bin/python3 tests/fixtures/models/make_l1_fixtures.py
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { logisticRegression } from './logisticRegression';
import { ensureTfBackend } from './tfBackend';

beforeAll(async () => {
  await ensureTfBackend();
});

/** Labels from a linear rule (multi-class: argmax of K linear scores), features N(0, 1). */
function separable(rows: number, cols: number, classes: number, seed: number) {
  const rng = createRng(seed);
  const W = Array.from({ length: classes }, () => Array.from({ length: cols }, () => rng.normal()));
  const X = new Float32Array(rows * cols);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) X[r * cols + j] = rng.normal();
    const scores = W.map((w) => w.reduce((s, wj, j) => s + wj * X[r * cols + j], 0));
    if (classes === 2) y[r] = scores[0] > 0 ? 1 : 0;
    else y[r] = scores.indexOf(Math.max(...scores));
  }
  return { X, y };
}

function accuracy(pred: Float64Array, y: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += pred[i] === y[i] ? 1 : 0;
  return ok / y.length;
}

describe('logistic_regression', () => {
  it('separates linearly separable binary data (accuracy > 0.95) without leaking tensors', async () => {
    const { X, y } = separable(600, 4, 2, 11);
    const before = tf.memory().numTensors;
    const model = await logisticRegression.fit(X, y, { rows: 600, cols: 4, classes: 2 }, logisticRegression.defaults, { seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(accuracy(model.predict(X, 600, 4), y)).toBeGreaterThan(0.95);
    const proba = model.predictProba!(X, 600, 4);
    expect(proba.length).toBe(1200);
    expect(proba[0] + proba[1]).toBeCloseTo(1, 12);
  });

  it('fits a multinomial (softmax) model for three classes', async () => {
    const { X, y } = separable(900, 3, 3, 12);
    const model = await logisticRegression.fit(X, y, { rows: 900, cols: 3, classes: 3 }, logisticRegression.defaults, { seed: 2 });
    expect(accuracy(model.predict(X, 900, 3), y)).toBeGreaterThan(0.95);
    const proba = model.predictProba!(X, 900, 3);
    for (let r = 0; r < 900; r++) expect(proba[r * 3] + proba[r * 3 + 1] + proba[r * 3 + 2]).toBeCloseTo(1, 12);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json).toMatchObject({ kind: 'logistic_regression', inputs: 3, classes: 3 });
    const copy = logisticRegression.fromJSON(json);
    expect(Array.from(copy.predictProba!(X, 900, 3))).toEqual(Array.from(proba));
  });

  it('is deterministic for a seed', async () => {
    const { X, y } = separable(200, 3, 2, 13);
    const params = { ...logisticRegression.defaults, epochs: 10 };
    const a = await logisticRegression.fit(X, y, { rows: 200, cols: 3, classes: 2 }, params, { seed: 9 });
    const b = await logisticRegression.fit(X, y, { rows: 200, cols: 3, classes: 2 }, params, { seed: 9 });
    const c = await logisticRegression.fit(X, y, { rows: 200, cols: 3, classes: 2 }, params, { seed: 10 });
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.toJSON()).not.toEqual(c.toJSON());
  });

  it('reports every epoch and can be aborted mid-epoch', async () => {
    const { X, y } = separable(400, 3, 2, 14);
    const controller = new AbortController();
    const epochs: number[] = [];
    const before = tf.memory().numTensors;
    const run = logisticRegression.fit(X, y, { rows: 400, cols: 3, classes: 2 }, logisticRegression.defaults, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        epochs.push(p.epoch);
        if (p.epoch === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError', message: 'Training was stopped.' });
    expect(epochs).toEqual([1, 2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects labels outside 0..classes-1', async () => {
    const X = new Float32Array([0, 1, 2]);
    await expect(logisticRegression.fit(X, Int32Array.from([0, 1, 2]), { rows: 3, cols: 1, classes: 2 }, logisticRegression.defaults, { seed: 1 })).rejects.toThrow(
      'Row 3 has class 2, not one of 0..1.',
    );
  });
});

interface DatasetFixture {
  name: string;
  classes: string[];
  X: number[][];
  y: number[];
  train: number[];
  test: number[];
  sklearn_accuracy: number;
}

/** The data set with a StandardScaler fitted on the training rows, as in the fixture scripts. */
function scaledDataset(name: string) {
  const url = new URL(`../../../tests/fixtures/sklearn/${name}.json`, import.meta.url);
  const data = JSON.parse(readFileSync(url, 'utf8')) as DatasetFixture;
  const cols = data.X[0].length;
  const mean = new Array<number>(cols).fill(0);
  const sd = new Array<number>(cols).fill(0);
  for (const r of data.train) data.X[r].forEach((v, j) => (mean[j] += v / data.train.length));
  for (const r of data.train) data.X[r].forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / data.train.length));
  const matrix = (rows: number[]) => Float32Array.from(rows.flatMap((r) => data.X[r].map((v, j) => (v - mean[j]) / Math.sqrt(sd[j]))));
  return { data, cols, matrix };
}

describe('logistic_regression against scikit-learn on the same split', () => {
  for (const name of ['breast_cancer', 'iris']) {
    it(`${name}: test accuracy within 0.03 of LogisticRegression()`, async () => {
      const { data, cols, matrix } = scaledDataset(name);
      const K = data.classes.length;
      const model = await logisticRegression.fit(
        matrix(data.train),
        Int32Array.from(data.train, (r) => data.y[r]),
        { rows: data.train.length, cols, classes: K },
        logisticRegression.defaults,
        { seed: 0 },
      );
      const pred = model.predict(matrix(data.test), data.test.length, cols);
      const acc = accuracy(pred, Int32Array.from(data.test, (r) => data.y[r]));
      expect(Math.abs(acc - data.sklearn_accuracy)).toBeLessThanOrEqual(0.03);
    });
  }
});

/** Labels drawn from a logistic model with the given weights on N(0, 1) inputs (the last class for K > 2 is the baseline). */
function logisticDraw(rows: number, weights: number[][], seed: number) {
  const rng = createRng(seed);
  const cols = weights[0].length;
  const X = Float32Array.from({ length: rows * cols }, () => rng.normal());
  const y = new Int32Array(rows);
  const bayes = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const z = weights.map((w) => w.reduce((s, wj, j) => s + wj * X[r * cols + j], 0));
    if (weights.length === 1) z.unshift(0);
    else z.push(0);
    const e = z.map((v) => Math.exp(v));
    let u = rng.next() * e.reduce((a, b) => a + b, 0);
    y[r] = e.findIndex((v) => (u -= v) < 0);
    if (y[r] < 0) y[r] = e.length - 1;
    bayes[r] = z.indexOf(Math.max(...z));
  }
  return { X, y, bayes };
}

function coefficients(model: { toJSON(): unknown }): number[][] {
  return (model.toJSON() as { coef: number[][] }).coef;
}

const NO_L2 = { ...logisticRegression.defaults, l2: 0 };

describe('logistic_regression with an L1 penalty', () => {
  it('sets the weights of the 8 noise inputs (of 10) to exactly 0 and keeps the accuracy', async () => {
    const truth = [[3, -2, 0, 0, 0, 0, 0, 0, 0, 0]];
    const train = logisticDraw(1000, truth, 21);
    const test = logisticDraw(2000, truth, 22);
    const model = await logisticRegression.fit(train.X, train.y, { rows: 1000, cols: 10, classes: 2 }, { ...NO_L2, l1: 0.05 }, { seed: 1 });
    const [coef] = coefficients(model);
    expect(coef.slice(2).filter((c) => c === 0)).toHaveLength(8);
    expect(coef[0]).toBeGreaterThan(0.5);
    expect(coef[1]).toBeLessThan(-0.3);
    // The true model's own accuracy on these noisy labels is the ceiling.
    const ceiling = accuracy(Float64Array.from(test.bayes), test.y);
    expect(accuracy(model.predict(test.X, 2000, 10), test.y)).toBeGreaterThan(ceiling - 0.02);
  });

  it('zeroes noise inputs for every class of a multinomial model', async () => {
    const truth = [
      [2, 0, 0, 0, 0, 0],
      [0, 2, 0, 0, 0, 0],
    ];
    const { X, y } = logisticDraw(1200, truth, 23);
    const model = await logisticRegression.fit(X, y, { rows: 1200, cols: 6, classes: 3 }, { ...NO_L2, l1: 0.05 }, { seed: 2 });
    const noise = coefficients(model).flatMap((row) => row.slice(2));
    expect(noise.filter((c) => c === 0).length).toBeGreaterThanOrEqual(10);
    const proba = model.predictProba!(X, 1200, 6);
    for (let r = 0; r < 1200; r += 100) expect(proba[r * 3] + proba[r * 3 + 1] + proba[r * 3 + 2]).toBeCloseTo(1, 12);
  });

  it('keeps fewer inputs as l1 grows', async () => {
    const { X, y } = logisticDraw(1000, [[2, -1.5, 1, -0.7, 0.5, -0.3, 0.2, -0.1, 0.05, 0]], 24);
    const kept: number[] = [];
    for (const l1 of [0.001, 0.03, 0.1]) {
      const model = await logisticRegression.fit(X, y, { rows: 1000, cols: 10, classes: 2 }, { ...NO_L2, l1 }, { seed: 3 });
      kept.push(coefficients(model)[0].filter((c) => c !== 0).length);
    }
    expect(kept[0]).toBeGreaterThan(kept[1]);
    expect(kept[1]).toBeGreaterThan(kept[2]);
  });

  it('rejects a negative or non-finite l1 with a sentence', async () => {
    const { X, y } = logisticDraw(40, [[1, 1]], 25);
    for (const l1 of [-0.1, NaN, Infinity]) {
      await expect(logisticRegression.fit(X, y, { rows: 40, cols: 2, classes: 2 }, { ...NO_L2, l1 }, { seed: 1 })).rejects.toThrow(
        `The parameter "l1" is ${l1}; expected a number of at least 0.`,
      );
    }
  });
});

interface L1Fixture {
  train_rows: number;
  cases: { C: number; l1: number; accuracy: number; coef: number[]; intercept: number; nonzero: number[] }[];
}

describe('logistic_regression with an L1 penalty against LogisticRegression(penalty="l1", solver="saga")', () => {
  // scikit-learn minimises C * sum of the row losses + ||w||_1; the studio the mean + l1 ||w||_1,
  // so l1 = 1 / (C n) with n = 455 training rows (the fixture stores it).
  const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/models/l1_logistic.json', import.meta.url), 'utf8')) as L1Fixture;
  const { data, cols, matrix } = scaledDataset('breast_cancer');
  const Xtrain = matrix(data.train);
  const ytrain = Int32Array.from(data.train, (r) => data.y[r]);
  const Xtest = matrix(data.test);
  const ytest = Int32Array.from(data.test, (r) => data.y[r]);
  /** The penalised objective both sides minimise, on all the training rows. */
  const objective = (coef: number[], intercept: number, l1: number): number => {
    let sum = 0;
    for (let i = 0; i < ytrain.length; i++) {
      let z = intercept;
      for (let j = 0; j < cols; j++) z += coef[j] * Xtrain[i * cols + j];
      sum += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - ytrain[i] * z;
    }
    return sum / ytrain.length + l1 * coef.reduce((s, c) => s + Math.abs(c), 0);
  };

  it('matches its test accuracy (0.02), objective (0.005) and mostly its non-zero inputs, sparser for smaller C', async () => {
    const kept: number[] = [];
    for (const expected of fixture.cases) {
      expect(expected.l1).toBeCloseTo(1 / (expected.C * fixture.train_rows), 15);
      const shape = { rows: ytrain.length, cols, classes: 2 };
      const model = await logisticRegression.fit(Xtrain, ytrain, shape, { ...NO_L2, l1: expected.l1 }, { seed: 0 });
      const json = model.toJSON() as unknown as { coef: number[][]; intercept: number[] };
      const ours = json.coef[0].flatMap((c, j) => (c !== 0 ? [j] : []));
      const shared = ours.filter((j) => expected.nonzero.includes(j)).length;
      const acc = accuracy(model.predict(Xtest, ytest.length, cols), ytest);
      const gap = objective(json.coef[0], json.intercept[0], expected.l1) - objective(expected.coef, expected.intercept, expected.l1);
      const line = `C=${expected.C}: accuracy ${acc} vs ${expected.accuracy}, non-zero ${JSON.stringify(ours)} vs ${JSON.stringify(expected.nonzero)}, objective gap ${gap}`;
      expect(Math.abs(acc - expected.accuracy), line).toBeLessThanOrEqual(0.02);
      // saga reaches the exact optimum, Adam a point near it; both must be near the same optimum.
      expect(gap, line).toBeGreaterThan(-1e-6);
      expect(gap, line).toBeLessThan(0.005);
      // Every input scikit-learn keeps but at most one is kept here too; correlated inputs
      // (radius, perimeter, area) can share a weight that saga gives to one of them.
      expect(shared, line).toBeGreaterThanOrEqual(expected.nonzero.length - 1);
      kept.push(ours.length);
    }
    // C = 0.05, 0.1, 0.5: the weakest penalty keeps the most inputs, the strongest the fewest.
    expect(kept[0]).toBeLessThan(kept[1]);
    expect(kept[1]).toBeLessThan(kept[2]);
  });
});
