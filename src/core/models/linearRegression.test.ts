/**
 * Linear regression on synthetic data; its L1 penalty against scikit-learn's Lasso, whose
 * fixture comes from
 *   /usr/bin/python3 tests/fixtures/models/make_penalized_fixtures.py
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { linearRegression } from './linearRegression';
import { ensureTfBackend } from './tfBackend';
import type { TrainProgress } from './types';

beforeAll(async () => {
  await ensureTfBackend();
});

/** y = 3 x0 - 2 x1 + 0.5 x2 + 4 plus small noise; columns on different scales. */
function linearData(rows: number, seed: number, noise = 0.01) {
  const rng = createRng(seed);
  const truth = { coef: [3, -2, 0.5], intercept: 4 };
  const scales = [1, 10, 0.1];
  const X = new Float32Array(rows * 3);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let v = truth.intercept;
    for (let j = 0; j < 3; j++) {
      const x = rng.normal() * scales[j];
      X[r * 3 + j] = x;
      v += truth.coef[j] * X[r * 3 + j];
    }
    y[r] = v + rng.normal() * noise;
  }
  return { X, y, truth };
}

describe('linear_regression', () => {
  it('recovers the coefficients of a linear function to 1e-2', async () => {
    const { X, y, truth } = linearData(1000, 1);
    const curve: TrainProgress[] = [];
    const model = await linearRegression.fit(X, y, { rows: 1000, cols: 3 }, linearRegression.defaults, {
      seed: 7,
      onProgress: (p) => curve.push(p),
    });
    const json = model.toJSON() as unknown as { coef: number[][]; intercept: number[] };
    json.coef[0].forEach((c, j) => expect(Math.abs(c - truth.coef[j])).toBeLessThan(1e-2));
    expect(Math.abs(json.intercept[0] - truth.intercept)).toBeLessThan(1e-2);
    expect(curve.length).toBeGreaterThan(0);
    expect(curve[0]).toMatchObject({ epoch: 1, epochs: 100 });
    expect(curve[0].valLoss).toBeTypeOf('number');
  });

  it('is deterministic for a seed and leaks no tensors', async () => {
    const { X, y } = linearData(200, 2, 0.5);
    const params = { ...linearRegression.defaults, epochs: 20 };
    const before = tf.memory().numTensors;
    const a = await linearRegression.fit(X, y, { rows: 200, cols: 3 }, params, { seed: 3 });
    const b = await linearRegression.fit(X, y, { rows: 200, cols: 3 }, params, { seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('round-trips through JSON with identical predictions', async () => {
    const { X, y } = linearData(100, 3);
    const model = await linearRegression.fit(X, y, { rows: 100, cols: 3 }, { ...linearRegression.defaults, epochs: 5 }, { seed: 1 });
    const copy = linearRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(copy.predict(X, 100, 3))).toEqual(Array.from(model.predict(X, 100, 3)));
  });

  it('stops with an AbortError when the signal is aborted, and frees its tensors', async () => {
    const { X, y } = linearData(200, 4);
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = linearRegression.fit(X, y, { rows: 200, cols: 3 }, linearRegression.defaults, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => p.epoch === 2 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops with a clear message when the loss is not finite', async () => {
    const { X, y } = linearData(50, 5);
    const before = tf.memory().numTensors;
    const run = linearRegression.fit(X, y, { rows: 50, cols: 3 }, { ...linearRegression.defaults, learningRate: 10, l2: 1e300 }, { seed: 1 });
    await expect(run).rejects.toThrow(/loss became (NaN|Infinity)/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad parameters and inputs with a sentence', async () => {
    const { X, y } = linearData(20, 6);
    await expect(linearRegression.fit(X, y, { rows: 20, cols: 3 }, { ...linearRegression.defaults, epochs: 0 }, { seed: 1 })).rejects.toThrow(
      'The parameter "epochs" is 0; expected an integer from 1 to 100000.',
    );
    const bad = X.slice();
    bad[4] = NaN;
    await expect(linearRegression.fit(bad, y, { rows: 20, cols: 3 }, linearRegression.defaults, { seed: 1 })).rejects.toThrow(
      'Input column 2 of row 2 is NaN',
    );
  });
});

interface LassoDataset {
  name: string;
  cols: number;
  X_train: number[];
  y_train: number[];
  models: { model: string; params: { alpha: number }; coef: number[] }[];
}

describe('linear_regression with an L1 penalty', () => {
  it('comes near Lasso(alpha=1) on make_regression, with exact zeros where Lasso has (near) zeros', async () => {
    const url = new URL('../../../tests/fixtures/models/penalized.json', import.meta.url);
    const data = (JSON.parse(readFileSync(url, 'utf8')) as { datasets: LassoDataset[] }).datasets.find((d) => d.name === 'make_regression')!;
    const lasso = data.models.find((m) => m.model === 'lasso' && m.params.alpha === 1)!;
    const rows = data.y_train.length;
    const mean = data.y_train.reduce((s, v) => s + v, 0) / rows;
    const sd = Math.sqrt(data.y_train.reduce((s, v) => s + (v - mean) ** 2, 0) / rows);
    // Lasso minimises 1/(2n) ||y - Xw||^2 + alpha ||w||_1; the studio the mean squared error of
    // y / sd plus l1 ||w / sd||_1: multiplying by sd^2 / 2 gives l1 = 2 alpha / sd.
    const l1 = (2 * lasso.params.alpha) / sd;
    const model = await linearRegression.fit(
      Float32Array.from(data.X_train),
      Float64Array.from(data.y_train),
      { rows, cols: data.cols },
      { ...linearRegression.defaults, l1 },
      { seed: 0 },
    );
    const coef = (model.toJSON() as unknown as { coef: number[][] }).coef[0];
    const largest = Math.max(...lasso.coef.map(Math.abs));
    const worst = Math.max(...coef.map((c, j) => Math.abs(c - lasso.coef[j])));
    const zeros = coef.flatMap((c, j) => (c === 0 ? [j] : []));
    const line = `coef ${coef.map((c) => c.toFixed(2)).join(' ')}; lasso ${lasso.coef.map((c) => c.toFixed(2)).join(' ')}`;
    expect(worst / largest, line).toBeLessThan(0.02);
    expect(zeros.length, line).toBeGreaterThanOrEqual(4);
    for (const j of zeros) expect(Math.abs(lasso.coef[j]), line).toBeLessThan(0.1);
  });

  it('rejects a negative or NaN l1 with a sentence', async () => {
    const { X, y } = linearData(20, 8);
    for (const l1 of [-1, NaN]) {
      await expect(linearRegression.fit(X, y, { rows: 20, cols: 3 }, { ...linearRegression.defaults, l1 }, { seed: 1 })).rejects.toThrow(
        `The parameter "l1" is ${l1}; expected a number of at least 0.`,
      );
    }
  });
});
