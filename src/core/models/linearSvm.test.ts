/**
 * Linear SVM: against scikit-learn's LinearSVC(loss='hinge') on the same float32 data, plus
 * probabilities, bundle round trip, parameter checks and determinism. The fixture comes from
 *   /usr/bin/python3 tests/fixtures/models/make_svm_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { linearSvm, type LinearSvmModel } from './linearSvm';

interface SvmFixture {
  name: string;
  classes: string[];
  X: number[][];
  y: number[];
  train: number[];
  test: number[];
  mean: number[];
  scale: number[];
  sklearn: {
    coef: number[][];
    intercept: number[];
    test_decision: number[];
    test_predict: number[];
    test_accuracy: number;
    platt: [number, number][];
  };
}

const fixtures = JSON.parse(readFileSync(new URL('../../../tests/fixtures/models/svm.json', import.meta.url), 'utf8')) as SvmFixture[];

/** The fixture's StandardScaler output cast to float32, bit for bit as numpy computes it. */
function scaled(data: SvmFixture, rows: number[]): Float32Array {
  return Float32Array.from(rows.flatMap((r) => data.X[r].map((v, j) => (v - data.mean[j]) / data.scale[j])));
}

function accuracy(pred: Float64Array, y: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += pred[i] === y[i] ? 1 : 0;
  return ok / y.length;
}

/** max |a - b| / max |b|: the error relative to the reference's scale. */
function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

/** Two well separated Gaussian blobs per class, around K points on a circle. */
function blobs(rows: number, classes: number, seed: number) {
  const rng = createRng(seed);
  const X = new Float32Array(rows * 2);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const k = r % classes;
    y[r] = k;
    X[r * 2] = 4 * Math.cos((2 * Math.PI * k) / classes) + 0.3 * rng.normal();
    X[r * 2 + 1] = 4 * Math.sin((2 * Math.PI * k) / classes) + 0.3 * rng.normal();
  }
  return { X, y };
}

const PRECISE = { C: 1, maxIterations: 100_000, tolerance: 1e-6 };

describe('linear_svm against scikit-learn LinearSVC(loss="hinge", tol=1e-6)', () => {
  for (const data of fixtures) {
    it(`${data.name}: same weights, decision values, Platt sigmoid and test predictions`, async () => {
      const cols = data.X[0].length;
      const K = data.classes.length;
      const model = (await linearSvm.fit(scaled(data, data.train), Int32Array.from(data.train, (r) => data.y[r]), { rows: data.train.length, cols, classes: K }, PRECISE, {
        seed: 0,
      })) as LinearSvmModel;
      const json = model.toJSON() as unknown as { coef: number[][]; intercept: number[]; plattA: number[]; plattB: number[] };
      // Dual coordinate descent reaches the same (unique) primal optimum in a different order;
      // measured on the weights: iris 6.2e-7, breast cancer 4.9e-8 (relative to the largest).
      json.coef.forEach((row, k) => {
        expect(relError([...row, json.intercept[k]], [...data.sklearn.coef[k], data.sklearn.intercept[k]])).toBeLessThan(1e-5);
      });
      const Xtest = scaled(data, data.test);
      expect(relError(model.decisionFunction(Xtest, data.test.length, cols), data.sklearn.test_decision)).toBeLessThan(1e-5);
      // Platt fitted on our training decision values vs scikit-learn's _sigmoid_calibration
      // (BFGS) on its own; measured within 7e-7 relative on A and 2e-6 on B.
      data.sklearn.platt.forEach(([a, b], k) => {
        expect(Math.abs(json.plattA[k] - a)).toBeLessThan(1e-5 * Math.abs(a));
        expect(Math.abs(json.plattB[k] - b)).toBeLessThan(1e-5);
      });
      const pred = model.predict(Xtest, data.test.length, cols);
      expect(accuracy(pred, Int32Array.from(data.test, (r) => data.y[r]))).toBe(data.sklearn.test_accuracy);
      expect(accuracy(pred, data.sklearn.test_predict)).toBeGreaterThanOrEqual(0.98);
    });
  }
});

describe('linear_svm', () => {
  it('gives probability rows that sum to 1 and follow the decision values', async () => {
    for (const data of fixtures) {
      const cols = data.X[0].length;
      const K = data.classes.length;
      const model = (await linearSvm.fit(scaled(data, data.train), Int32Array.from(data.train, (r) => data.y[r]), { rows: data.train.length, cols, classes: K }, linearSvm.defaults, {
        seed: 3,
      })) as LinearSvmModel;
      const rows = data.X.length;
      const X = scaled(
        data,
        data.X.map((_, r) => r),
      );
      const proba = model.predictProba(X, rows, cols);
      const z = model.decisionFunction(X, rows, cols);
      const pred = model.predict(X, rows, cols);
      let agree = 0;
      for (let r = 0; r < rows; r++) {
        const row = Array.from(proba.subarray(r * K, r * K + K));
        expect(row.every((p) => p >= 0 && p <= 1)).toBe(true);
        expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
        agree += row.indexOf(Math.max(...row)) === pred[r] ? 1 : 0;
      }
      if (K === 2) {
        // One sigmoid with a negative slope: P(class 1) rises strictly with the decision value.
        const order = Array.from(z.keys()).sort((a, b) => z[a] - z[b]);
        for (let i = 1; i < rows; i++) expect(proba[order[i] * 2 + 1]).toBeGreaterThanOrEqual(proba[order[i - 1] * 2 + 1]);
        expect(agree).toBe(rows);
      } else {
        // Per-class sigmoids have different slopes, so they may reorder borderline rows
        // (versicolor against the rest is barely separable); measured 144 / 150 on iris.
        expect(agree / rows).toBeGreaterThanOrEqual(0.95);
      }
    }
  });

  it('round-trips through JSON and rejects tampered fields by name', async () => {
    const { X, y } = blobs(90, 3, 4);
    const model = await linearSvm.fit(X, y, { rows: 90, cols: 2, classes: 3 }, linearSvm.defaults, { seed: 1 });
    const json = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
    expect(json).toMatchObject({ kind: 'linear_svm', inputs: 2, classes: 3, absent: [] });
    const copy = linearSvm.fromJSON(json);
    expect(Array.from(copy.predict(X, 90, 2))).toEqual(Array.from(model.predict(X, 90, 2)));
    expect(Array.from(copy.predictProba!(X, 90, 2))).toEqual(Array.from(model.predictProba!(X, 90, 2)));
    const bad = (field: string, value: unknown) => () => linearSvm.fromJSON({ ...json, [field]: value });
    expect(bad('kind', 'logistic_regression')).toThrow('"kind" is "logistic_regression", expected "linear_svm".');
    expect(bad('plattA', [0, 'x', 0])).toThrow('"plattA[1]" is "x", expected a finite number.');
    expect(bad('plattB', [0, 0])).toThrow('"plattB" has 2 numbers, expected 3.');
    expect(bad('coef', [[1, 2], [3, 4], [5]])).toThrow('"coef[2]" has 1 numbers, expected 2.');
    expect(bad('intercept', [0, 0, null])).toThrow('"intercept[2]" is null, expected a finite number.');
    expect(bad('absent', [2, 2])).toThrow('"absent" is an array, expected distinct class indices');
    expect(bad('absent', [0, 1, 2])).toThrow('"absent" is an array');
    expect(bad('absent', [3])).toThrow('"absent[0]" is 3, expected an integer from 0 to 2.');
    expect(bad('classes', 1)).toThrow('"classes" is 1, expected an integer from 2');
  });

  it('rejects bad parameters with a sentence', async () => {
    const { X, y } = blobs(20, 2, 5);
    const fit = (params: Record<string, unknown>) => linearSvm.fit(X, y, { rows: 20, cols: 2, classes: 2 }, { ...linearSvm.defaults, ...params }, { seed: 1 });
    await expect(fit({ C: 0 })).rejects.toThrow('The parameter "C" is 0; expected a finite number above 0.');
    await expect(fit({ C: -1 })).rejects.toThrow('The parameter "C" is -1; expected a finite number above 0.');
    await expect(fit({ C: Infinity })).rejects.toThrow('The parameter "C" is Infinity; expected a finite number above 0.');
    await expect(fit({ C: '2' })).rejects.toThrow('The parameter "C" is 2; expected a finite number above 0.');
    await expect(fit({ maxIterations: 2.5 })).rejects.toThrow('The parameter "maxIterations" is 2.5; expected an integer from 1 to 1000000.');
    await expect(fit({ maxIterations: 0 })).rejects.toThrow('The parameter "maxIterations" is 0; expected an integer from 1 to 1000000.');
    await expect(fit({ tolerance: Number.NaN })).rejects.toThrow('The parameter "tolerance" is NaN; expected a finite number above 0.');
    await expect(linearSvm.fit(X, Int32Array.from(y, (v) => v * 2), { rows: 20, cols: 2, classes: 2 }, linearSvm.defaults, { seed: 1 })).rejects.toThrow(
      'Row 2 has class 2, not one of 0..1.',
    );
  });

  it('separates separable data perfectly, binary and one-vs-rest', async () => {
    for (const K of [2, 4]) {
      const { X, y } = blobs(200, K, 6);
      const model = await linearSvm.fit(X, y, { rows: 200, cols: 2, classes: K }, linearSvm.defaults, { seed: 2 });
      expect(accuracy(model.predict(X, 200, 2), y)).toBe(1);
    }
  });

  it('is deterministic for a seed, reports every pass and stops when aborted', async () => {
    const { X, y } = blobs(150, 3, 7);
    const shape = { rows: 150, cols: 2, classes: 3 };
    const a = await linearSvm.fit(X, y, shape, linearSvm.defaults, { seed: 9 });
    const b = await linearSvm.fit(X, y, shape, linearSvm.defaults, { seed: 9 });
    expect(a.toJSON()).toEqual(b.toJSON());

    const losses: number[] = [];
    await linearSvm.fit(X, y, shape, { ...linearSvm.defaults, tolerance: 1e-8 }, { seed: 1, onProgress: (p) => losses.push(p.loss) });
    expect(losses.length).toBeGreaterThan(2);
    // Each pass of coordinate descent can only lower the dual objective, not always the primal;
    // the primal still ends far below its starting value C * rows * problems.
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    expect(losses[0]).toBeLessThan(150 * 3);

    const controller = new AbortController();
    const epochs: number[] = [];
    const run = linearSvm.fit(X, y, shape, { ...linearSvm.defaults, tolerance: 1e-12 }, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        epochs.push(p.epoch);
        if (p.epoch === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([1, 2, 3]);
  });

  it('gives a class without training rows probability 0 and never predicts it', async () => {
    const { X, y } = blobs(90, 3, 8);
    const keep = Array.from(y.keys()).filter((i) => y[i] !== 1);
    const Xk = Float32Array.from(keep.flatMap((i) => [X[i * 2], X[i * 2 + 1]]));
    const model = await linearSvm.fit(Xk, Int32Array.from(keep, (i) => y[i]), { rows: keep.length, cols: 2, classes: 3 }, linearSvm.defaults, { seed: 1 });
    expect(model.toJSON()).toMatchObject({ absent: [1] });
    const proba = model.predictProba!(X, 90, 2);
    expect(proba.every((p) => Number.isFinite(p))).toBe(true);
    for (let r = 0; r < 90; r++) expect(proba[r * 3 + 1]).toBe(0);
    expect(model.predict(X, 90, 2).includes(1)).toBe(false);

    // Two declared classes, one present: a constant model, still with finite probabilities.
    const single = await linearSvm.fit(Xk, new Int32Array(keep.length), { rows: keep.length, cols: 2, classes: 2 }, linearSvm.defaults, { seed: 1 });
    expect(Array.from(single.predictProba!(X, 2, 2))).toEqual([1, 0, 1, 0]);
    expect(Array.from(single.predict(X, 2, 2))).toEqual([0, 0]);
    expect(Array.from(linearSvm.fromJSON(JSON.parse(JSON.stringify(single.toJSON()))).predict(X, 2, 2))).toEqual([0, 0]);
  });
});
