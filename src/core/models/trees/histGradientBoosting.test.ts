/**
 * Histogram gradient boosting: known answers on tiny data, missing values, the model file,
 * progress, cancellation and determinism. Agreement with scikit-learn on real data sets is in
 * treesVsSklearn.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { getModel, listModels } from '../registry';
import type { TrainProgress } from '../types';
import { histGradientBoosting, type GbdtModel } from './histGradientBoosting';

const { defaults } = histGradientBoosting;

/** x = 0..rows-1 in one column. */
function ramp(rows: number): Float32Array {
  return Float32Array.from({ length: rows }, (_, i) => i);
}

/** Two informative noisy features plus one noise feature; labels from a nonlinear rule. */
function noisy(rows: number, seed: number, classes = 2) {
  const rng = createRng(seed);
  const cols = 3;
  const X = new Float32Array(rows * cols);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = rng.normal();
    const b = rng.normal();
    X.set([a, b, rng.normal()], r * cols);
    const z = Math.sin(2 * a) + b * b - 1 + 0.5 * rng.normal();
    y[r] = classes === 2 ? (z > 0 ? 1 : 0) : z < -0.5 ? 0 : z < 0.5 ? 1 : 2;
  }
  return { X, y, cols };
}

function accuracy(pred: Float64Array, y: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += pred[i] === y[i] ? 1 : 0;
  return ok / y.length;
}

describe('hist_gradient_boosting', () => {
  it('is registered after the linear models, for both tasks', () => {
    expect(getModel('hist_gradient_boosting')).toBe(histGradientBoosting);
    expect(listModels('classification')[0].name).toBe('logistic_regression');
    expect(listModels('regression')[0].name).toBe('linear_regression');
    expect(histGradientBoosting.label).toBe('Gradient boosting (histogram)');
  });

  it('splits a step exactly at the midpoint and fits the Newton step in each pure leaf', async () => {
    // y = 0 for x < 50, 1 from 50: the best split is x <= 49.5, each side then pure.
    const X = ramp(100);
    const y = Float64Array.from({ length: 100 }, (_, i) => (i >= 50 ? 1 : 0));
    const model = (await histGradientBoosting.fit(X, y, { rows: 100, cols: 1 }, { ...defaults, maxIter: 1, maxLeafNodes: 2 }, { seed: 0 })) as GbdtModel;
    const json = model.toJSON() as unknown as { baseline: number[]; trees: { feature: number[]; threshold: number[]; value: number[] }[] };
    expect(json.baseline).toEqual([0.5]);
    const tree = json.trees[0];
    expect(tree.feature).toEqual([0, -1, -1]);
    expect(tree.threshold[0]).toBe(49.5);
    // Squared error: leaf value = -learning rate * mean residual = -0.1 * (0.5 - y).
    expect(tree.value[1]).toBeCloseTo(-0.05, 15);
    expect(tree.value[2]).toBeCloseTo(0.05, 15);
    expect(Array.from(model.predict(Float32Array.of(49, 49.5, 50), 3, 1))).toEqual([0.45, 0.45, 0.55]);
  });

  it('learns a step function for binary classification (log loss) to high confidence', async () => {
    const X = ramp(200);
    const y = Int32Array.from({ length: 200 }, (_, i) => (i >= 120 ? 1 : 0));
    const model = await histGradientBoosting.fit(X, y, { rows: 200, cols: 1, classes: 2 }, defaults, { seed: 0 });
    expect(accuracy(model.predict(X, 200, 1), y)).toBe(1);
    const proba = model.predictProba!(Float32Array.of(10, 190), 2, 1);
    expect(proba[1]).toBeLessThan(0.01);
    expect(proba[3]).toBeGreaterThan(0.99);
    expect(proba[0] + proba[1]).toBeCloseTo(1, 15);
    const imp = (model as GbdtModel).featureImportance();
    expect(Array.from(imp)).toEqual([1]);
  });

  it('fits three classes with one tree per class per round (softmax)', async () => {
    const { X, y, cols } = noisy(600, 3, 3);
    const model = (await histGradientBoosting.fit(X, y, { rows: 600, cols, classes: 3 }, { ...defaults, maxIter: 30 }, { seed: 1 })) as GbdtModel;
    expect((model.toJSON().trees as unknown[]).length).toBe(90);
    expect(model.rounds).toBe(30);
    expect(accuracy(model.predict(X, 600, cols), y)).toBeGreaterThan(0.8);
    const proba = model.predictProba!(X, 600, cols);
    for (let r = 0; r < 600; r++) expect(proba[r * 3] + proba[r * 3 + 1] + proba[r * 3 + 2]).toBeCloseTo(1, 12);
    const imp = model.featureImportance();
    expect(imp[0] + imp[1]).toBeGreaterThan(imp[2] * 5);
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('learns which side missing values belong to, and sends unseen missing values somewhere sensible', async () => {
    // Feature 0 is missing exactly when the class is 1 (and informative otherwise too).
    const rows = 400;
    const rng = createRng(5);
    const X = new Float32Array(rows * 2);
    const y = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      y[r] = r % 2;
      X[r * 2] = y[r] === 1 ? NaN : rng.next();
      X[r * 2 + 1] = rng.normal();
    }
    const model = await histGradientBoosting.fit(X, y, { rows, cols: 2, classes: 2 }, defaults, { seed: 0 });
    const test = Float32Array.of(NaN, 0, 0.5, 0, Infinity, 0, 0.2, NaN);
    const proba = model.predictProba!(test, 4, 2);
    expect(proba[1]).toBeGreaterThan(0.95); // NaN: class 1
    expect(proba[3]).toBeLessThan(0.05); // a value: class 0
    expect(proba[5]).toBeGreaterThan(0.95); // ±Infinity counts as missing
    expect(Number.isFinite(proba[7])).toBe(true); // never missing in training: follows the larger side
  });

  it('round-trips through JSON with identical predictions and an identical file', async () => {
    const { X, y, cols } = noisy(500, 7);
    X[3] = NaN;
    const model = await histGradientBoosting.fit(X, y, { rows: 500, cols, classes: 2 }, { ...defaults, maxIter: 20 }, { seed: 2 });
    const text = JSON.stringify(model.toJSON());
    const copy = histGradientBoosting.fromJSON(JSON.parse(text));
    expect(JSON.stringify(copy.toJSON())).toBe(text);
    expect(Array.from(copy.predictProba!(X, 500, cols))).toEqual(Array.from(model.predictProba!(X, 500, cols)));
    expect(copy.predictProba).toBeDefined();

    const reg = await histGradientBoosting.fit(X, Float64Array.from(y, (v, i) => v * 3 + X[i * cols + 1]), { rows: 500, cols }, defaults, { seed: 2 });
    const regCopy = histGradientBoosting.fromJSON(JSON.parse(JSON.stringify(reg.toJSON())));
    expect(regCopy.predictProba).toBeUndefined();
    expect(Array.from(regCopy.predict(X, 500, cols))).toEqual(Array.from(reg.predict(X, 500, cols)));
  });

  it('rejects a damaged model file with the path of the bad field', async () => {
    const model = await histGradientBoosting.fit(ramp(60), Float64Array.from({ length: 60 }, (_, i) => i), { rows: 60, cols: 1 }, { ...defaults, maxIter: 2 }, { seed: 0 });
    const good = JSON.parse(JSON.stringify(model.toJSON()));
    const bad = (edit: (j: typeof good) => void) => {
      const j = structuredClone(good);
      edit(j);
      return () => histGradientBoosting.fromJSON(j);
    };
    expect(bad((j) => (j.trees[1].left[0] = 0))).toThrow(/trees\[1\]\.left\[0\]/);
    expect(bad((j) => (j.trees[0].feature[0] = 5))).toThrow(/trees\[0\]\.feature\[0\]/);
    expect(bad((j) => (j.trees[0].threshold[0] = 'x'))).toThrow(/threshold\[0\]/);
    expect(bad((j) => (j.baseline = []))).toThrow(/baseline/);
    expect(bad((j) => (j.kind = 'random_forest'))).toThrow(/kind/);
  });

  it('reports every round, stops early on a flat validation loss, and is deterministic for a seed', async () => {
    const { X, y, cols } = noisy(3000, 11);
    const params = { ...defaults, earlyStopping: 'on' as const, maxIter: 200, learningRate: 0.5 };
    const curve: TrainProgress[] = [];
    const a = (await histGradientBoosting.fit(X, y, { rows: 3000, cols, classes: 2 }, params, { seed: 4, onProgress: (p) => curve.push(p) })) as GbdtModel;
    expect(a.rounds).toBeLessThan(200);
    expect(curve.map((p) => p.epoch)).toEqual(Array.from({ length: a.rounds }, (_, i) => i + 1));
    expect(curve.every((p) => p.epochs === 200 && p.valLoss !== undefined && Number.isFinite(p.loss))).toBe(true);
    expect(curve[curve.length - 1].loss).toBeLessThan(curve[0].loss);
    const b = await histGradientBoosting.fit(X, y, { rows: 3000, cols, classes: 2 }, params, { seed: 4 });
    const c = await histGradientBoosting.fit(X, y, { rows: 3000, cols, classes: 2 }, params, { seed: 5 });
    expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
    expect(JSON.stringify(c.toJSON())).not.toBe(JSON.stringify(a.toJSON()));
  });

  it('stops with an AbortError when the signal fires', async () => {
    const { X, y, cols } = noisy(500, 12);
    const controller = new AbortController();
    const rounds: number[] = [];
    const run = histGradientBoosting.fit(X, y, { rows: 500, cols, classes: 2 }, defaults, {
      seed: 0,
      signal: controller.signal,
      onProgress: (p) => {
        rounds.push(p.epoch);
        if (p.epoch === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(rounds).toEqual([1, 2, 3]);
  });

  it('explains bad parameters and bad inputs in a sentence', async () => {
    const X = ramp(10);
    const y = new Int32Array(10);
    const fit = (params: object, classes = 2, labels: ArrayLike<number> = y) =>
      histGradientBoosting.fit(X, Int32Array.from(labels), { rows: 10, cols: 1, classes }, { ...defaults, ...params }, { seed: 0 });
    await expect(fit({ maxLeafNodes: 1 })).rejects.toThrow(/maxLeafNodes/);
    await expect(fit({ learningRate: 0 })).rejects.toThrow(/learningRate/);
    await expect(fit({ earlyStopping: 'maybe' })).rejects.toThrow(/earlyStopping/);
    await expect(fit({}, 2, [0, 1, 2, 0, 0, 0, 0, 0, 0, 0])).rejects.toThrow(/Row 3 has class 2/);
    await expect(histGradientBoosting.fit(X, Float64Array.of(1, NaN, 0, 0, 0, 0, 0, 0, 0, 0), { rows: 10, cols: 1 }, defaults, { seed: 0 })).rejects.toThrow(/Row 2/);
  });
});
