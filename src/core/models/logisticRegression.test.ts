/**
 * Logistic regression on synthetic data, and against scikit-learn on the same splits. The
 * data-set fixtures come from
 *   /usr/bin/python3 tests/fixtures/sklearn/make_fixtures.py
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

describe('logistic_regression against scikit-learn on the same split', () => {
  for (const name of ['breast_cancer', 'iris']) {
    it(`${name}: test accuracy within 0.03 of LogisticRegression()`, async () => {
      const url = new URL(`../../../tests/fixtures/sklearn/${name}.json`, import.meta.url);
      const data = JSON.parse(readFileSync(url, 'utf8')) as DatasetFixture;
      const cols = data.X[0].length;
      // StandardScaler fitted on the training rows, as in the fixture script.
      const mean = new Array<number>(cols).fill(0);
      const sd = new Array<number>(cols).fill(0);
      for (const r of data.train) data.X[r].forEach((v, j) => (mean[j] += v / data.train.length));
      for (const r of data.train) data.X[r].forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / data.train.length));
      const matrix = (rows: number[]) => Float32Array.from(rows.flatMap((r) => data.X[r].map((v, j) => (v - mean[j]) / Math.sqrt(sd[j]))));
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
