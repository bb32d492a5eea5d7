import * as tf from '@tensorflow/tfjs';
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
