/**
 * Gaussian naive Bayes against scikit-learn's GaussianNB on the same float32 inputs. The
 * fixture comes from
 *   /usr/bin/python3 tests/fixtures/models/make_naive_bayes_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonShapeError } from '../bundle/jsonShape';
import { gaussianNaiveBayes, type NaiveBayesStats } from './gaussianNaiveBayes';
import type { FittedModel, ModelJSON } from './types';

type NaiveBayesJson = ModelJSON & NaiveBayesStats;

interface SklearnFit {
  var_smoothing?: number;
  theta: number[][];
  var: number[][];
  prior: number[];
  proba: number[];
  predict: number[];
}

interface DatasetCase {
  name: string;
  classes: number;
  cols: number;
  X_train: number[][];
  y_train: number[];
  X_test: number[][];
  y_test: number[];
  fits: Required<SklearnFit>[];
}

interface Fixture {
  datasets: DatasetCase[];
  absent_class: SklearnFit & { train_rows: number[] };
}

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/models/naive_bayes.json', import.meta.url), 'utf8')) as Fixture;
const iris = fixture.datasets.find((d) => d.name === 'iris')!;

/** The decimals of the fixture rounded to float32, exactly as numpy's astype(float32) does. */
const matrix = (rows: number[][]) => Float32Array.from(rows.flat());

function fitOn(X: Float32Array, y: number[], cols: number, classes: number, varSmoothing = 1e-9): Promise<FittedModel> {
  return gaussianNaiveBayes.fit(X, Int32Array.from(y), { rows: y.length, cols, classes }, { varSmoothing }, { seed: 0 });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function maxRelDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(Math.abs(b[i]), 1e-300)));
}

function expectRowsSumToOne(proba: Float64Array, rows: number, classes: number): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += proba[r * classes + k];
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
  }
}

describe('gaussian_naive_bayes against scikit-learn GaussianNB', () => {
  for (const data of fixture.datasets) {
    for (const sk of data.fits) {
      it(`${data.name}, var_smoothing ${sk.var_smoothing}: statistics, predict_proba (1e-9) and predict (exact)`, async () => {
        const model = await fitOn(matrix(data.X_train), data.y_train, data.cols, data.classes, sk.var_smoothing);
        const json = model.toJSON() as NaiveBayesJson;
        expect(maxRelDiff(json.priors, sk.prior)).toBeLessThan(1e-15);
        expect(maxAbsDiff(json.means.flat(), sk.theta.flat())).toBeLessThan(1e-12);
        expect(maxRelDiff(json.variances.flat(), sk.var.flat())).toBeLessThan(1e-12);

        const X = matrix(data.X_test);
        const rows = data.y_test.length;
        const proba = model.predictProba!(X, rows, data.cols);
        expect(maxAbsDiff(proba, sk.proba)).toBeLessThanOrEqual(1e-9);
        expectRowsSumToOne(proba, rows, data.classes);
        expect(Array.from(model.predict(X, rows, data.cols))).toEqual(sk.predict);
      });
    }
  }

  it('a class with no training rows gets probability 0, as partial_fit(classes=[0, 1, 2]) does', async () => {
    const sk = fixture.absent_class;
    const X = Float32Array.from(sk.train_rows.flatMap((r) => iris.X_train[r]));
    const y = sk.train_rows.map((r) => iris.y_train[r]);
    expect(y).not.toContain(1);
    const model = await fitOn(X, y, iris.cols, 3);
    const json = model.toJSON() as NaiveBayesJson;
    expect(json.priors[1]).toBe(0);
    expect(maxRelDiff(json.variances.flat(), sk.var.flat())).toBeLessThan(1e-12);

    const rows = iris.y_test.length;
    const proba = model.predictProba!(matrix(iris.X_test), rows, iris.cols);
    expect(proba.every((p) => Number.isFinite(p))).toBe(true);
    for (let r = 0; r < rows; r++) expect(proba[r * 3 + 1]).toBe(0);
    expect(maxAbsDiff(proba, sk.proba)).toBeLessThanOrEqual(1e-9);
    expectRowsSumToOne(proba, rows, 3);
    const pred = Array.from(model.predict(matrix(iris.X_test), rows, iris.cols));
    expect(pred).toEqual(sk.predict);
    expect(pred).not.toContain(1);

    // The prior of 0 survives the bundle round trip (stored as a prior, not as log(0)).
    const copy = gaussianNaiveBayes.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(Array.from(copy.predictProba!(matrix(iris.X_test), rows, iris.cols))).toEqual(Array.from(proba));
  });
});

describe('gaussian_naive_bayes bundle round trip', () => {
  it('predicts identically after toJSON -> JSON text -> fromJSON', async () => {
    const model = await fitOn(matrix(iris.X_train), iris.y_train, iris.cols, 3);
    const json = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
    expect(json).toMatchObject({ kind: 'gaussian_naive_bayes', inputs: 4, classes: 3 });
    const copy = gaussianNaiveBayes.fromJSON(json);
    expect(copy).toMatchObject({ kind: 'gaussian_naive_bayes', inputCount: 4, classCount: 3 });
    const X = matrix(iris.X_test);
    const rows = iris.y_test.length;
    expect(Array.from(copy.predictProba!(X, rows, 4))).toEqual(Array.from(model.predictProba!(X, rows, 4)));
    expect(Array.from(copy.predict(X, rows, 4))).toEqual(Array.from(model.predict(X, rows, 4)));
    expect(copy.toJSON()).toEqual(json);
  });

  const tampered: [string, (j: NaiveBayesJson) => unknown, string][] = [
    ['a negative variance', (j) => ((j.variances[1][2] = -0.5), j), 'variances[1][2]'],
    ['a zero variance', (j) => ((j.variances[0][0] = 0), j), 'variances[0][0]'],
    ['a missing row of means', (j) => (j.means.pop(), j), 'means'],
    ['a short row of variances', (j) => (j.variances[2].pop(), j), 'variances[2]'],
    ['a NaN mean', (j) => ((j.means[0][3] = NaN), j), 'means[0][3]'],
    ['a null mean (NaN as JSON writes it)', (j) => JSON.parse(JSON.stringify({ ...j, means: [[NaN, 0, 0, 0], ...j.means.slice(1)] })), 'means[0][0]'],
    ['a prior above 1', (j) => ((j.priors[0] = 1.5), j), 'priors[0]'],
    ['a negative prior', (j) => ((j.priors[2] = -0.1), j), 'priors[2]'],
    ['priors not summing to 1', (j) => ((j.priors[0] = 0), j), 'priors'],
    ['too few priors', (j) => (j.priors.pop(), j), 'priors'],
    ['another kind', (j) => ({ ...j, kind: 'logistic_regression' }), 'kind'],
    ['a fractional input count', (j) => ({ ...j, inputs: 3.5 }), 'inputs'],
    ['one class', (j) => ({ ...j, classes: 1 }), 'classes'],
    ['a __proto__ key', (j) => JSON.parse(JSON.stringify(j).replace('{', '{"__proto__":{"polluted":1},')), '__proto__'],
    ['a nested __proto__ key', (j) => JSON.parse(JSON.stringify(j).replace('"priors":', '"extra":{"__proto__":{}},"priors":')), '__proto__'],
    ['not an object', () => [1, 2, 3], 'an array'],
  ];
  for (const [what, tamper, field] of tampered) {
    it(`fromJSON rejects ${what}, naming "${field}"`, async () => {
      const model = await fitOn(matrix(iris.X_train), iris.y_train, iris.cols, 3);
      const json = JSON.parse(JSON.stringify(model.toJSON())) as NaiveBayesJson;
      const bad = tamper(json);
      expect(() => gaussianNaiveBayes.fromJSON(bad)).toThrow(JsonShapeError);
      expect(() => gaussianNaiveBayes.fromJSON(bad)).toThrow(field);
    });
  }
});

describe('gaussian_naive_bayes edge cases', () => {
  it('gives a class absent from a small fold probability 0 and no NaN anywhere', async () => {
    // Four classes declared, only 0 and 2 present; the scores of 0 and 2 equal a two-class fit's.
    const X = Float32Array.from([0, 1, 0.2, 1.4, 0.1, 0.7, 3, -1, 3.4, -0.6, 2.9, -1.3]);
    const y = [0, 0, 0, 2, 2, 2];
    const model = await fitOn(X, y, 2, 4);
    const twoClass = await fitOn(X, [0, 0, 0, 1, 1, 1], 2, 2);
    const grid = Float32Array.from([0, 0, 1.5, 0, 3, -1, 100, 100, -50, 7]);
    const proba = model.predictProba!(grid, 5, 2);
    const expected = twoClass.predictProba!(grid, 5, 2);
    expect(proba.every((p) => Number.isFinite(p))).toBe(true);
    for (let r = 0; r < 5; r++) {
      expect(proba[r * 4 + 1]).toBe(0);
      expect(proba[r * 4 + 3]).toBe(0);
      expect(proba[r * 4]).toBe(expected[r * 2]);
      expect(proba[r * 4 + 2]).toBe(expected[r * 2 + 1]);
    }
    expect(Array.from(model.predict(grid, 5, 2))).toEqual(Array.from(twoClass.predict(grid, 5, 2), (k) => k * 2));
    expect(JSON.stringify(model.toJSON())).not.toMatch(/null|NaN|Infinity/);
  });

  it('smooths a constant input instead of dividing by a zero variance', async () => {
    // Column 1 is constant everywhere, column 2 only within each class.
    const X = Float32Array.from([0.5, 7, 1, 1.1, 7, 1, 0.8, 7, 1, -1, 7, 4, -1.4, 7, 4, -0.9, 7, 4]);
    const y = [0, 0, 0, 1, 1, 1];
    const model = await fitOn(X, y, 3, 2);
    const { variances } = model.toJSON() as NaiveBayesJson;
    expect(variances.flat().every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    const test = Float32Array.from([0.9, 7, 1, -1, 7, 4, 0, 7, 2.5, 0, 8, 1]);
    const proba = model.predictProba!(test, 4, 3);
    expect(proba.every((p) => Number.isFinite(p))).toBe(true);
    expectRowsSumToOne(proba, 4, 2);
    expect(Array.from(model.predict(test, 4, 3)).slice(0, 2)).toEqual([0, 1]);
  });

  it('falls back to the class frequencies when every input is constant', async () => {
    const X = Float32Array.from([2, 2, 2, 2, 2]);
    const model = await fitOn(X, [0, 1, 1, 1, 0], 1, 2);
    const proba = model.predictProba!(Float32Array.from([2, 2.01]), 2, 1);
    [0.4, 0.6, 0.4, 0.6].forEach((p, i) => expect(proba[i]).toBeCloseTo(p, 9));
  });

  it('predicts the first class on ties, as numpy argmax', async () => {
    const model = await fitOn(Float32Array.from([0, 1, 0, 1]), [0, 0, 1, 1], 1, 2);
    expect(Array.from(model.predictProba!(Float32Array.from([0.5]), 1, 1))).toEqual([0.5, 0.5]);
    expect(Array.from(model.predict(Float32Array.from([0.5, 3]), 2, 1))).toEqual([0, 0]);
  });

  it('rejects bad parameters, labels and input widths with a sentence', async () => {
    const X = Float32Array.from([0, 1, 2]);
    for (const varSmoothing of [0, -1, NaN, Infinity]) {
      await expect(fitOn(X, [0, 1, 0], 1, 2, varSmoothing)).rejects.toThrow(/The parameter "varSmoothing" is .*; expected a number above 0/);
    }
    await expect(fitOn(X, [0, 1, 2], 1, 2)).rejects.toThrow('Row 3 has class 2, not one of 0..1.');
    await expect(fitOn(X, [0, 1, 0], 1, 1)).rejects.toThrow('A classifier needs at least 2 classes, got 1.');
    const model = await fitOn(X, [0, 1, 0], 1, 2);
    expect(() => model.predict(Float32Array.from([0, 1]), 1, 2)).toThrow('The model expects 1 input columns, got 2.');
  });

  it('stops when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = gaussianNaiveBayes.fit(Float32Array.from([0, 1]), Int32Array.from([0, 1]), { rows: 2, cols: 1, classes: 2 }, gaussianNaiveBayes.defaults, {
      seed: 0,
      signal: controller.signal,
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('is registered as a classifier with scikit-learn default smoothing', () => {
    expect(gaussianNaiveBayes).toMatchObject({ name: 'gaussian_naive_bayes', label: 'Naive Bayes (Gaussian)', tasks: ['classification'], defaults: { varSmoothing: 1e-9 } });
  });
});
