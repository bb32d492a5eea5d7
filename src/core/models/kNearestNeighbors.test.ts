/**
 * k-nearest neighbours against scikit-learn on the same inputs, plus ties, exact matches, the
 * training-row cap and model.json checks. The fixture comes from
 *   /usr/bin/python3 tests/fixtures/models/make_knn_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { kNearestNeighbors } from './kNearestNeighbors';
import type { ModelSpec } from './types';

interface Case {
  neighbors: number;
  weights: 'uniform' | 'distance';
  predict: number[];
  proba?: number[];
}

interface DataFixture {
  cols: number;
  classes?: number;
  X_train: number[];
  y_train: number[];
  X_test: number[];
  cases: Case[];
}

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/models/knn.json', import.meta.url), 'utf8')) as Record<'iris' | 'diabetes', DataFixture>;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Labels from the nearest of a few random centres, features N(0, 1). */
function blobs(rows: number, cols: number, seed: number) {
  const rng = createRng(seed);
  const X = new Float32Array(rows * cols);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) X[r * cols + j] = rng.normal();
    y[r] = X[r * cols] > 0 ? 1 : 0;
  }
  return { X, y };
}

describe('k_nearest_neighbors against scikit-learn (brute force, euclidean)', () => {
  const iris = fixture.iris;
  const irisTrain = Float32Array.from(iris.X_train);
  const irisTest = Float32Array.from(iris.X_test);
  const irisRows = iris.y_train.length;
  const irisTestRows = irisTest.length / iris.cols;

  for (const c of iris.cases) {
    it(`iris, ${c.neighbors} neighbours, ${c.weights} weights: predict_proba to 1e-12 and predict exactly`, async () => {
      const shape = { rows: irisRows, cols: iris.cols, classes: iris.classes };
      const params = { ...kNearestNeighbors.defaults, neighbors: c.neighbors, weights: c.weights };
      const model = await kNearestNeighbors.fit(irisTrain, Int32Array.from(iris.y_train), shape, params, { seed: 0 });
      expect(maxAbsDiff(model.predictProba!(irisTest, irisTestRows, iris.cols), c.proba!)).toBeLessThanOrEqual(1e-12);
      expect(Array.from(model.predict(irisTest, irisTestRows, iris.cols))).toEqual(c.predict);
    });
  }

  const diabetes = fixture.diabetes;
  for (const c of diabetes.cases) {
    it(`diabetes, ${c.neighbors} neighbours, ${c.weights} weights: predictions to 1e-9`, async () => {
      const rows = diabetes.y_train.length;
      const test = Float32Array.from(diabetes.X_test);
      const params = { ...kNearestNeighbors.defaults, neighbors: c.neighbors, weights: c.weights };
      const model = await kNearestNeighbors.fit(Float32Array.from(diabetes.X_train), Float64Array.from(diabetes.y_train), { rows, cols: diabetes.cols }, params, {
        seed: 0,
      });
      expect(model.predictProba).toBeUndefined();
      expect(maxAbsDiff(model.predict(test, test.length / diabetes.cols, diabetes.cols), c.predict)).toBeLessThanOrEqual(1e-9);
    });
  }
});

describe('k_nearest_neighbors', () => {
  it('is a registry-ready spec', () => {
    const spec: ModelSpec = kNearestNeighbors;
    expect(spec).toMatchObject({ name: 'k_nearest_neighbors', label: 'k-nearest neighbours', tasks: ['classification', 'regression'] });
    expect(spec.defaults).toEqual({ neighbors: 5, weights: 'uniform', maxTrainingRows: 20000 });
  });

  it('keeps the lower training index when distances tie, and uses every row when there are fewer than k', async () => {
    // Distances from 0: 1, 1, 1, 1 (rows 0..3) and 2 (row 4).
    const X = Float32Array.from([1, -1, 1, -1, 2]);
    const y = Int32Array.from([0, 0, 1, 1, 1]);
    const fit = (neighbors: number) => kNearestNeighbors.fit(X, y, { rows: 5, cols: 1, classes: 2 }, { ...kNearestNeighbors.defaults, neighbors }, { seed: 0 });
    const query = Float32Array.from([0]);
    expect(Array.from((await fit(1)).predictProba!(query, 1, 1))).toEqual([1, 0]);
    expect(Array.from((await fit(2)).predictProba!(query, 1, 1))).toEqual([1, 0]);
    expect(Array.from((await fit(3)).predictProba!(query, 1, 1))).toEqual([2 / 3, 1 / 3]);
    expect(Array.from((await fit(4)).predictProba!(query, 1, 1))).toEqual([0.5, 0.5]);
    expect(Array.from((await fit(4)).predict(query, 1, 1))).toEqual([0]); // first class on ties
    expect(Array.from((await fit(50)).predictProba!(query, 1, 1))).toEqual([2 / 5, 3 / 5]);
  });

  it('gives an exact match all the weight with distance weights', async () => {
    const X = Float32Array.from([0, 0, 3, 4, 6, 8, 0, 0]);
    const params = { ...kNearestNeighbors.defaults, neighbors: 3, weights: 'distance' as const };
    const reg = await kNearestNeighbors.fit(X, Float64Array.from([10, 20, 40, 30]), { rows: 4, cols: 2 }, params, { seed: 0 });
    // Rows 0 and 3 sit on the query and share the weight; row 1 (distance 5) gets none.
    expect(Array.from(reg.predict(Float32Array.from([0, 0]), 1, 2))).toEqual([20]);
    expect(reg.predict(Float32Array.from([6, 8]), 1, 2)[0]).toBeCloseTo(40, 12);
    // No exact match: weights 1/distance for rows 1 (sqrt 10), 0 and 3 (5 each).
    expect(reg.predict(Float32Array.from([0, 5]), 1, 2)[0]).toBeCloseTo((10 / 5 + 30 / 5 + 20 / Math.sqrt(10)) / (2 / 5 + 1 / Math.sqrt(10)), 12);
  });

  it('round-trips through model.json and predicts identically', async () => {
    const { X, y } = blobs(300, 3, 1);
    const params = { ...kNearestNeighbors.defaults, neighbors: 7, weights: 'distance' as const };
    const model = await kNearestNeighbors.fit(X, y, { rows: 300, cols: 3, classes: 2 }, params, { seed: 1 });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json).toMatchObject({ kind: 'k_nearest_neighbors', inputs: 3, task: 'classification', classes: 2, neighbors: 7, weights: 'distance', rows: 300 });
    const copy = kNearestNeighbors.fromJSON(json);
    const query = blobs(100, 3, 2).X;
    expect(Array.from(copy.predictProba!(query, 100, 3))).toEqual(Array.from(model.predictProba!(query, 100, 3)));
    expect(Array.from(copy.predict(query, 100, 3))).toEqual(Array.from(model.predict(query, 100, 3)));

    const reg = await kNearestNeighbors.fit(X, Float64Array.from(X.subarray(0, 300)), { rows: 300, cols: 3 }, kNearestNeighbors.defaults, { seed: 1 });
    const regCopy = kNearestNeighbors.fromJSON(JSON.parse(JSON.stringify(reg.toJSON())));
    expect(regCopy.classCount).toBeUndefined();
    expect(Array.from(regCopy.predict(query, 100, 3))).toEqual(Array.from(reg.predict(query, 100, 3)));
  });

  it('rejects tampered model.json with an error naming the field', async () => {
    const { X, y } = blobs(20, 2, 3);
    const model = await kNearestNeighbors.fit(X, y, { rows: 20, cols: 2, classes: 2 }, kNearestNeighbors.defaults, { seed: 1 });
    const good = () => JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown> & { X: number[]; y: number[] };
    expect(() => kNearestNeighbors.fromJSON(good())).not.toThrow();

    const short = good();
    short.X.pop();
    expect(() => kNearestNeighbors.fromJSON(short)).toThrow('"X" has 39 numbers, expected 40.');
    const badClass = good();
    badClass.y[4] = 2;
    expect(() => kNearestNeighbors.fromJSON(badClass)).toThrow('"y[4]" is 2, expected an integer from 0 to 1.');
    const fraction = good();
    fraction.y[0] = 0.5;
    expect(() => kNearestNeighbors.fromJSON(fraction)).toThrow('"y[0]"');
    const nan = good();
    nan.X[3] = NaN;
    expect(() => kNearestNeighbors.fromJSON(nan)).toThrow('"X[3]" is NaN, expected a finite number.');
    const huge = good();
    huge.X[5] = 1e300;
    expect(() => kNearestNeighbors.fromJSON(huge)).toThrow('"X[5]" is 1e+300, expected a number within float32 range.');
    const rows = good();
    rows.rows = 19;
    expect(() => kNearestNeighbors.fromJSON(rows)).toThrow('"X" has 40 numbers, expected 38.');
    const classes = good();
    classes.classes = 1;
    expect(() => kNearestNeighbors.fromJSON(classes)).toThrow('"classes"');
    const weights = good();
    weights.weights = 'gaussian';
    expect(() => kNearestNeighbors.fromJSON(weights)).toThrow('"weights" is "gaussian", expected one of uniform, distance.');
    const proto = JSON.parse(JSON.stringify(model.toJSON()).replace('{', '{"__proto__":{"polluted":true},'));
    expect(() => kNearestNeighbors.fromJSON(proto)).toThrow('the top level has the forbidden key "__proto__".');
    expect(() => kNearestNeighbors.fromJSON({ ...good(), kind: 'decision_tree' })).toThrow('"kind"');
  });

  it('explains bad parameters in a sentence', async () => {
    const { X, y } = blobs(10, 2, 4);
    const fit = (params: Record<string, unknown>) =>
      kNearestNeighbors.fit(X, y, { rows: 10, cols: 2, classes: 2 }, { ...kNearestNeighbors.defaults, ...params } as typeof kNearestNeighbors.defaults, { seed: 1 });
    await expect(fit({ neighbors: 0 })).rejects.toThrow('The parameter "neighbors" is 0; expected an integer from 1 to 10000.');
    await expect(fit({ neighbors: 2.5 })).rejects.toThrow('The parameter "neighbors" is 2.5;');
    await expect(fit({ weights: 'foo' })).rejects.toThrow('The parameter "weights" is foo; expected "uniform" or "distance".');
    await expect(fit({ maxTrainingRows: 0 })).rejects.toThrow('The parameter "maxTrainingRows" is 0;');
    await expect(kNearestNeighbors.fit(X, Int32Array.from(y, () => 2), { rows: 10, cols: 2, classes: 2 }, kNearestNeighbors.defaults, { seed: 1 })).rejects.toThrow(
      'Row 1 has class 2, not one of 0..1.',
    );
    const model = await fit({});
    expect(() => model.predict(X, 5, 4)).toThrow('The model expects 2 input columns, got 4.');
  });

  it('stops when the signal is aborted', async () => {
    const { X, y } = blobs(10, 2, 5);
    const controller = new AbortController();
    controller.abort();
    const run = kNearestNeighbors.fit(X, y, { rows: 10, cols: 2, classes: 2 }, kNearestNeighbors.defaults, { seed: 1, signal: controller.signal });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('caps the stored rows with a seeded sample, in their original order', async () => {
    const rows = 200;
    // Row i is (i, -i), so a stored row tells which training row it came from.
    const X = Float32Array.from({ length: rows * 2 }, (_, i) => (i % 2 === 0 ? i / 2 : -(i - 1) / 2));
    const y = Int32Array.from({ length: rows }, (_, i) => i % 3);
    const fit = (seed: number) =>
      kNearestNeighbors.fit(X, y, { rows, cols: 2, classes: 3 }, { ...kNearestNeighbors.defaults, neighbors: 1, maxTrainingRows: 50 }, { seed });
    const a = (await fit(7)).toJSON() as unknown as { rows: number; X: number[]; y: number[] };
    const b = (await fit(7)).toJSON();
    const c = (await fit(8)).toJSON() as unknown as { X: number[] };
    expect(a.rows).toBe(50);
    expect(a.X).toHaveLength(100);
    expect(b).toEqual(a);
    expect(c.X).not.toEqual(a.X);
    const kept = a.X.filter((_, i) => i % 2 === 0);
    expect(new Set(kept).size).toBe(50);
    kept.forEach((row, i) => {
      expect(a.X[2 * i + 1]).toBe(-row);
      expect(a.y[i]).toBe(row % 3);
      if (i > 0) expect(row).toBeGreaterThan(kept[i - 1]);
    });
    // Under the cap every row is kept.
    const all = await kNearestNeighbors.fit(X, y, { rows, cols: 2, classes: 3 }, { ...kNearestNeighbors.defaults, maxTrainingRows: 200 }, { seed: 7 });
    expect(all.toJSON().rows).toBe(200);
  });
});
