/**
 * Categorical naive Bayes against scikit-learn's CategoricalNB and KBinsDiscretizer. The fixture
 * comes from
 *   /usr/bin/python3 tests/fixtures/models/make_categorical_nb_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonShapeError } from '../bundle/jsonShape';
import { binIndex, categoricalNaiveBayes, quantileEdges, type CategoricalFeature, type CategoricalNaiveBayesParams } from './categoricalNaiveBayes';
import type { FittedModel, ModelJSON } from './types';

type NaiveBayesJson = ModelJSON & { inputs: number; classes: number; priors: number[]; features: CategoricalFeature[] };

interface SklearnFit {
  feature_log_prob: number[][][];
  /** null for the -Infinity of a class without training rows. */
  class_log_prior: (number | null)[];
  proba: number[];
  predict: number[];
}

interface Dataset {
  cols: number;
  classes: number;
  X_train: number[][];
  y_train: number[];
  X_test: number[][];
  y_test: number[];
}

interface Fixture {
  categorical: Dataset & {
    fits: (SklearnFit & { alpha: number })[];
    drop_feature: SklearnFit & { feature: number };
    absent_class: SklearnFit & { train_rows: number[] };
  };
  binning: { name: string; values: number[]; inner_edges: number[]; n_bins: number; train_bins: number[]; probes: number[]; probe_bins: number[] }[];
  mixed: Dataset & { numeric: number[]; inner_edges: number[][]; proba: number[]; predict: number[] };
}

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/models/categorical_nb.json', import.meta.url), 'utf8')) as Fixture;
const cat = fixture.categorical;

/** The fixture's decimals rounded to float32, exactly as numpy's astype(float32) does. */
const matrix = (rows: number[][]) => Float32Array.from(rows.flat());

function fitOn(X: Float32Array, y: number[], cols: number, classes: number, params: Partial<CategoricalNaiveBayesParams> = {}): Promise<FittedModel> {
  const p = { ...categoricalNaiveBayes.defaults, ...params };
  return categoricalNaiveBayes.fit(X, Int32Array.from(y), { rows: y.length, cols, classes }, p, { seed: 0 });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function expectRowsSumToOne(proba: Float64Array, rows: number, classes: number): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += proba[r * classes + k];
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
  }
}

/** Drops column `skip` of a row-major matrix. */
function withoutColumn(rows: number[][], skip: number): number[][] {
  return rows.map((row) => row.filter((_, j) => j !== skip));
}

describe('categorical_naive_bayes against scikit-learn CategoricalNB on integer codes', () => {
  for (const sk of cat.fits) {
    it(`alpha ${sk.alpha}: log probability tables, priors, predict_proba (1e-12) and predict (exact)`, async () => {
      const model = await fitOn(matrix(cat.X_train), cat.y_train, cat.cols, cat.classes, { alpha: sk.alpha });
      const json = model.toJSON() as NaiveBayesJson;
      json.features.forEach((f, j) => {
        expect(f).toMatchObject({ kind: 'category', categories: sk.feature_log_prob[j][0].length });
        expect(maxAbsDiff(f.logProbs.flat(), sk.feature_log_prob[j].flat())).toBeLessThanOrEqual(1e-14);
      });
      expect(maxAbsDiff(json.priors.map(Math.log), sk.class_log_prior as number[])).toBeLessThanOrEqual(1e-14);

      const rows = cat.y_test.length;
      const proba = model.predictProba!(matrix(cat.X_test), rows, cat.cols);
      expect(maxAbsDiff(proba, sk.proba)).toBeLessThanOrEqual(1e-12);
      expectRowsSumToOne(proba, rows, cat.classes);
      expect(Array.from(model.predict(matrix(cat.X_test), rows, cat.cols))).toEqual(sk.predict);
    });
  }
});

describe('categorical_naive_bayes quantile bins against KBinsDiscretizer(n_bins=10, strategy="quantile")', () => {
  for (const column of fixture.binning) {
    it(`the ${column.name} column: inner edges and every bin assignment`, async () => {
      const values = Float32Array.from(column.values);
      const edges = quantileEdges(values, 10);
      expect(edges.length + 1).toBe(column.n_bins);
      expect(maxAbsDiff(edges, column.inner_edges)).toBe(0);
      expect(Array.from(values, (v) => binIndex(edges, v))).toEqual(column.train_bins);
      expect(Array.from(Float32Array.from(column.probes), (v) => binIndex(edges, v))).toEqual(column.probe_bins);

      // The model bins the column the same way (its values are not integer codes).
      const y = column.values.map((_, i) => i % 2);
      const model = await fitOn(values, y, 1, 2);
      const [feature] = (model.toJSON() as NaiveBayesJson).features;
      expect(feature).toMatchObject({ kind: 'bins', edges });
    });
  }

  it('a mixed data set (2 numeric, 3 category columns) matches ColumnTransformer(KBinsDiscretizer, passthrough) + CategoricalNB to 1e-12', async () => {
    const mixed = fixture.mixed;
    const model = await fitOn(matrix(mixed.X_train), mixed.y_train, mixed.cols, mixed.classes);
    const { features } = model.toJSON() as NaiveBayesJson;
    expect(features.map((f) => f.kind)).toEqual(['bins', 'category', 'bins', 'category', 'category']);
    mixed.numeric.forEach((j, i) => expect(maxAbsDiff((features[j] as { edges: number[] }).edges, mixed.inner_edges[i])).toBe(0));
    const rows = mixed.y_test.length;
    const proba = model.predictProba!(matrix(mixed.X_test), rows, mixed.cols);
    expect(maxAbsDiff(proba, mixed.proba)).toBeLessThanOrEqual(1e-12);
    expectRowsSumToOne(proba, rows, mixed.classes);
    expect(Array.from(model.predict(matrix(mixed.X_test), rows, mixed.cols))).toEqual(mixed.predict);
  });
});

describe('categorical_naive_bayes on categories it has not seen and classes without rows', () => {
  const dropped = cat.drop_feature;
  for (const [what, value] of [
    ['-1 (the ordinal code of an unseen category)', -1],
    ['an integer beyond the training codes', 99],
    ['a fraction', 2.5],
  ] as const) {
    it(`${what} in one feature scores as if the feature were left out`, async () => {
      const model = await fitOn(matrix(cat.X_train), cat.y_train, cat.cols, cat.classes);
      const without = await fitOn(matrix(withoutColumn(cat.X_train, dropped.feature)), cat.y_train, cat.cols - 1, cat.classes);
      const rows = cat.y_test.length;
      const X = matrix(cat.X_test.map((row) => row.map((v, j) => (j === dropped.feature ? value : v))));
      const proba = model.predictProba!(X, rows, cat.cols);
      expect(proba.every((p) => Number.isFinite(p))).toBe(true);
      expect(Array.from(proba)).toEqual(Array.from(without.predictProba!(matrix(withoutColumn(cat.X_test, dropped.feature)), rows, cat.cols - 1)));
      expect(maxAbsDiff(proba, dropped.proba)).toBeLessThanOrEqual(1e-12);
      expect(Array.from(model.predict(X, rows, cat.cols))).toEqual(dropped.predict);
    });
  }

  it('a class with no training rows gets probability 0, as partial_fit(classes=[0, 1, 2]) does', async () => {
    const sk = cat.absent_class;
    const X = matrix(sk.train_rows.map((r) => cat.X_train[r]));
    const y = sk.train_rows.map((r) => cat.y_train[r]);
    expect(y).not.toContain(1);
    const model = await fitOn(X, y, cat.cols, 3);
    const json = model.toJSON() as NaiveBayesJson;
    expect(json.priors[1]).toBe(0);
    expect(sk.class_log_prior[1]).toBeNull();
    json.features.forEach((f, j) => expect(maxAbsDiff(f.logProbs.flat(), sk.feature_log_prob[j].flat())).toBeLessThanOrEqual(1e-14));

    const rows = cat.y_test.length;
    const proba = model.predictProba!(matrix(cat.X_test), rows, cat.cols);
    expect(proba.every((p) => Number.isFinite(p))).toBe(true);
    for (let r = 0; r < rows; r++) expect(proba[r * 3 + 1]).toBe(0);
    expect(maxAbsDiff(proba, sk.proba)).toBeLessThanOrEqual(1e-12);
    expectRowsSumToOne(proba, rows, 3);
    expect(Array.from(model.predict(matrix(cat.X_test), rows, cat.cols))).toEqual(sk.predict);

    // The prior of 0 survives the bundle round trip (stored as a prior, not as log(0)).
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/null|NaN|Infinity/);
    const copy = categoricalNaiveBayes.fromJSON(JSON.parse(text));
    expect(Array.from(copy.predictProba!(matrix(cat.X_test), rows, cat.cols))).toEqual(Array.from(proba));
  });

  it('declared classes beyond the labels present get probability 0 and leave the others as a smaller fit', async () => {
    const X = matrix(cat.X_train);
    const model = await fitOn(X, cat.y_train, cat.cols, 5);
    const three = await fitOn(X, cat.y_train, cat.cols, 3);
    const rows = cat.y_test.length;
    const proba = model.predictProba!(matrix(cat.X_test), rows, cat.cols);
    const expected = three.predictProba!(matrix(cat.X_test), rows, cat.cols);
    expect(proba.every((p) => Number.isFinite(p))).toBe(true);
    for (let r = 0; r < rows; r++) {
      expect([proba[r * 5 + 3], proba[r * 5 + 4]]).toEqual([0, 0]);
      expect(Array.from(proba.subarray(r * 5, r * 5 + 3))).toEqual(Array.from(expected.subarray(r * 3, r * 3 + 3)));
    }
    expect(Array.from(model.predict(matrix(cat.X_test), rows, cat.cols))).toEqual(Array.from(three.predict(matrix(cat.X_test), rows, cat.cols)));
  });
});

describe('categorical_naive_bayes bundle round trip', () => {
  const mixed = fixture.mixed;
  const fitMixed = () => fitOn(matrix(mixed.X_train), mixed.y_train, mixed.cols, mixed.classes);

  it('predicts identically after toJSON -> JSON text -> fromJSON', async () => {
    const model = await fitMixed();
    const json = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
    expect(json).toMatchObject({ kind: 'categorical_naive_bayes', inputs: 5, classes: 3 });
    const copy = categoricalNaiveBayes.fromJSON(json);
    expect(copy).toMatchObject({ kind: 'categorical_naive_bayes', inputCount: 5, classCount: 3 });
    const X = matrix(mixed.X_test);
    const rows = mixed.y_test.length;
    expect(Array.from(copy.predictProba!(X, rows, 5))).toEqual(Array.from(model.predictProba!(X, rows, 5)));
    expect(Array.from(copy.predict(X, rows, 5))).toEqual(Array.from(model.predict(X, rows, 5)));
    expect(copy.toJSON()).toEqual(json);
  });

  type Feature = Record<string, unknown> & { logProbs: number[][]; edges: number[] };
  const feature = (j: NaiveBayesJson, i: number) => j.features[i] as unknown as Feature;
  const tampered: [string, (j: NaiveBayesJson) => unknown, string][] = [
    ['edges out of order', (j) => ((feature(j, 0).edges[3] = feature(j, 0).edges[2]), j), 'features[0].edges[3]'],
    ['a NaN edge', (j) => JSON.parse(JSON.stringify(j).replace(/"edges":\[[^,]*/, '"edges":[null')), 'features[0].edges[0]'],
    ['a missing edge (the table no longer fits)', (j) => (feature(j, 2).edges.pop(), j), 'features[2].logProbs[0]'],
    ['too many categories for the table', (j) => ({ ...j, features: j.features.map((f, i) => (i === 1 ? { ...f, categories: 9 } : f)) }), 'features[1].logProbs[0]'],
    ['zero categories', (j) => ({ ...j, features: j.features.map((f, i) => (i === 3 ? { ...f, categories: 0 } : f)) }), 'features[3].categories'],
    ['an unknown feature kind', (j) => ({ ...j, features: j.features.map((f, i) => (i === 4 ? { ...f, kind: 'gaussian' } : f)) }), 'features[4].kind'],
    ['a positive log probability', (j) => ((feature(j, 1).logProbs[2][0] = 0.5), j), 'features[1].logProbs[2][0]'],
    ['a row of log probabilities not summing to 1', (j) => ((feature(j, 3).logProbs[1][0] -= 0.5), j), 'features[3].logProbs[1]'],
    ['a missing class row', (j) => (feature(j, 0).logProbs.pop(), j), 'features[0].logProbs'],
    ['a missing feature', (j) => (j.features.pop(), j), 'features'],
    ['a feature that is not an object', (j) => ({ ...j, features: [...j.features.slice(0, 4), 7] }), 'features[4]'],
    ['a prior above 1', (j) => ((j.priors[0] = 1.5), j), 'priors[0]'],
    ['priors not summing to 1', (j) => ((j.priors[0] = 0), j), 'priors'],
    ['too few priors', (j) => (j.priors.pop(), j), 'priors'],
    ['another kind', (j) => ({ ...j, kind: 'gaussian_naive_bayes' }), 'kind'],
    ['one class', (j) => ({ ...j, classes: 1 }), 'classes'],
    ['a fractional input count', (j) => ({ ...j, inputs: 4.5 }), 'inputs'],
    ['a nested __proto__ key', (j) => JSON.parse(JSON.stringify(j).replace('"logProbs":', '"__proto__":{},"logProbs":')), '__proto__'],
    ['not an object', () => [1, 2, 3], 'an array'],
  ];
  for (const [what, tamper, field] of tampered) {
    it(`fromJSON rejects ${what}, naming "${field}"`, async () => {
      const model = await fitMixed();
      const json = JSON.parse(JSON.stringify(model.toJSON())) as NaiveBayesJson;
      const bad = tamper(json);
      expect(() => categoricalNaiveBayes.fromJSON(bad)).toThrow(JsonShapeError);
      expect(() => categoricalNaiveBayes.fromJSON(bad)).toThrow(field);
    });
  }
});

describe('categorical_naive_bayes edge cases', () => {
  it('takes integer columns up to maxCategories - 1 as categories and bins the rest', async () => {
    const X = Float32Array.from([0, 2.5, 2, 1, 1.5, 7, 2, 0.5, 6, 3, -1, 2, 1, 0.25, 3, 0, 4, 2]);
    const y = [0, 1, 0, 1, 0, 1];
    const model = await fitOn(X, y, 3, 2, { maxCategories: 4, bins: 3 });
    const { features } = model.toJSON() as NaiveBayesJson;
    expect(features.map((f) => (f.kind === 'category' ? f.categories : f.kind))).toEqual([4, 'bins', 'bins']);
    expect(features[1]).toMatchObject({ kind: 'bins', edges: quantileEdges([2.5, 1.5, 0.5, -1, 0.25, 4], 3) });
    // Column 2 holds 7, beyond maxCategories - 1: it is binned even though it is whole numbers.
    expect(features[2]).toMatchObject({ kind: 'bins', edges: quantileEdges([2, 7, 6, 2, 3, 2], 3) });
  });

  it('gives a constant column one bin that leaves the scores to the other columns', async () => {
    const X = Float32Array.from([0.25, 0, 0.25, 1, 0.25, 1, 0.25, 0, 0.25, 0]);
    const y = [0, 1, 1, 0, 1];
    const model = await fitOn(X, y, 2, 2);
    expect((model.toJSON() as NaiveBayesJson).features[0]).toEqual({ kind: 'bins', edges: [], logProbs: [[0], [0]] });
    const alone = await fitOn(Float32Array.from([0, 1, 1, 0, 0]), y, 1, 2);
    const proba = model.predictProba!(Float32Array.from([-3, 0, 9, 1]), 2, 2);
    expect(Array.from(proba)).toEqual(Array.from(alone.predictProba!(Float32Array.from([0, 1]), 2, 1)));
  });

  it('predicts the first class on ties, as numpy argmax', async () => {
    const model = await fitOn(Float32Array.from([0, 1, 0, 1]), [0, 0, 1, 1], 1, 2);
    expect(Array.from(model.predictProba!(Float32Array.from([0, -1]), 2, 1))).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(model.predict(Float32Array.from([0, 1, -1]), 3, 1))).toEqual([0, 0, 0]);
  });

  it('rejects bad parameters, labels and input widths with a sentence', async () => {
    const X = Float32Array.from([0, 1, 2]);
    const bad: [Partial<CategoricalNaiveBayesParams>, RegExp][] = [
      ...[0, -1, NaN, Infinity].map((alpha): [Partial<CategoricalNaiveBayesParams>, RegExp] => [{ alpha }, /^The parameter "alpha" is .*; expected a number above 0 \(scikit-learn's default is 1\)\.$/]),
      ...[1, 2.5, 1001, NaN].map((bins): [Partial<CategoricalNaiveBayesParams>, RegExp] => [{ bins }, /^The parameter "bins" is .*; expected an integer from 2 to 1000\.$/]),
      ...[0, 3.5, -2, 1e9].map((maxCategories): [Partial<CategoricalNaiveBayesParams>, RegExp] => [{ maxCategories }, /^The parameter "maxCategories" is .*; expected an integer from 1 to 100000\.$/]),
    ];
    for (const [params, message] of bad) await expect(fitOn(X, [0, 1, 0], 1, 2, params)).rejects.toThrow(message);
    await expect(fitOn(X, [0, 1, 0], 1, 2, { alpha: '1' as unknown as number })).rejects.toThrow('The parameter "alpha" is 1; expected a number above 0');
    await expect(fitOn(X, [0, 1, 2], 1, 2)).rejects.toThrow('Row 3 has class 2, not one of 0..1.');
    await expect(fitOn(X, [0, 1, 0], 1, 1)).rejects.toThrow('A classifier needs at least 2 classes, got 1.');
    const model = await fitOn(X, [0, 1, 0], 1, 2);
    expect(() => model.predict(Float32Array.from([0, 1]), 1, 2)).toThrow('The model expects 1 input columns, got 2.');
  });

  it('stops when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = categoricalNaiveBayes.fit(Float32Array.from([0, 1]), Int32Array.from([0, 1]), { rows: 2, cols: 1, classes: 2 }, categoricalNaiveBayes.defaults, {
      seed: 0,
      signal: controller.signal,
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('is registered as a classifier that takes ordinal category codes', () => {
    expect(categoricalNaiveBayes).toMatchObject({
      name: 'categorical_naive_bayes',
      label: 'Naive Bayes (categorical)',
      tasks: ['classification'],
      categoricalEncoding: 'ordinal',
      defaults: { alpha: 1, bins: 10, maxCategories: 50 },
    });
  });
});
