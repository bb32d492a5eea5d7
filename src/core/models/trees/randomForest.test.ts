/**
 * Random forest and extra trees: quality on a nonlinear problem, out-of-bag progress,
 * determinism, cancellation, missing values and the model file.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import type { TrainProgress } from '../types';
import { extraTrees } from './extraTrees';
import type { ForestModel } from './forestModel';
import { featuresPerSplit } from './forestParams';
import { randomForest } from './randomForest';

function circles(rows: number, seed: number) {
  const rng = createRng(seed);
  const X = new Float32Array(rows * 4);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = rng.next() * 2 - 1;
    const b = rng.next() * 2 - 1;
    X.set([a, b, rng.normal(), rng.next() < 0.1 ? NaN : rng.normal()], r * 4);
    y[r] = a * a + b * b < 0.5 ? 1 : 0;
  }
  return { X, y };
}

function accuracy(pred: Float64Array, y: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += pred[i] === y[i] ? 1 : 0;
  return ok / y.length;
}

describe.each([
  ['random_forest', randomForest],
  ['extra_trees', extraTrees],
] as const)('%s', (name, spec) => {
  it('learns a circle with noise features and missing values, and reports each tree', async () => {
    const train = circles(600, 1);
    const test = circles(400, 2);
    const curve: TrainProgress[] = [];
    const model = (await spec.fit(train.X, train.y, { rows: 600, cols: 4, classes: 2 }, { ...spec.defaults, trees: 30 }, { seed: 3, onProgress: (p) => curve.push(p) })) as ForestModel;
    expect(model.kind).toBe(name);
    expect(model.treeCount).toBe(30);
    expect(accuracy(model.predict(test.X, 400, 4), test.y)).toBeGreaterThan(0.9);
    expect(curve.map((p) => p.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Out-of-bag loss only with bootstrap samples.
    expect(curve.every((p) => (p.valLoss !== undefined) === (name === 'random_forest'))).toBe(true);
    const imp = model.featureImportance();
    expect(imp[0] + imp[1]).toBeGreaterThan(0.6);
  });

  it('is deterministic for a seed and round-trips through JSON', async () => {
    const { X, y } = circles(300, 4);
    const params = { ...spec.defaults, trees: 10 };
    const a = await spec.fit(X, y, { rows: 300, cols: 4, classes: 2 }, params, { seed: 8 });
    const b = await spec.fit(X, y, { rows: 300, cols: 4, classes: 2 }, params, { seed: 8 });
    const c = await spec.fit(X, y, { rows: 300, cols: 4, classes: 2 }, params, { seed: 9 });
    const text = JSON.stringify(a.toJSON());
    expect(JSON.stringify(b.toJSON())).toBe(text);
    expect(JSON.stringify(c.toJSON())).not.toBe(text);
    const copy = spec.fromJSON(JSON.parse(text));
    expect(JSON.stringify(copy.toJSON())).toBe(text);
    expect(Array.from(copy.predictProba!(X, 300, 4))).toEqual(Array.from(a.predictProba!(X, 300, 4)));
  });

  it('does regression (averaging tree means) and stops on abort', async () => {
    const rows = 300;
    const X = Float32Array.from({ length: rows * 2 }, (_, i) => Math.cos(i * 0.7));
    const y = Float64Array.from({ length: rows }, (_, r) => 3 * X[r * 2] + (X[r * 2 + 1] > 0 ? 1 : -1));
    const model = await spec.fit(X, y, { rows, cols: 2 }, { ...spec.defaults, trees: 20 }, { seed: 0 });
    const pred = model.predict(X, rows, 2);
    let sse = 0;
    for (let r = 0; r < rows; r++) sse += (pred[r] - y[r]) ** 2;
    expect(sse / rows).toBeLessThan(0.05);
    expect(model.predictProba).toBeUndefined();

    const controller = new AbortController();
    const run = spec.fit(X, y, { rows, cols: 2 }, spec.defaults, {
      seed: 0,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('forest parameters', () => {
  it('tries sqrt(columns) features for classification and all for regression by default', () => {
    expect(featuresPerSplit('auto', 30, true)).toBe(5);
    expect(featuresPerSplit('auto', 30, false)).toBe(30);
    expect(featuresPerSplit('log2', 30, true)).toBe(4);
    expect(featuresPerSplit(0.5, 7, true)).toBe(3);
    expect(featuresPerSplit(0.01, 7, true)).toBe(1);
  });

  it('explains a bad value', async () => {
    const fit = (params: object) => randomForest.fit(Float32Array.of(1, 2), Int32Array.of(0, 1), { rows: 2, cols: 1, classes: 2 }, { ...randomForest.defaults, ...params }, { seed: 0 });
    await expect(fit({ trees: 0 })).rejects.toThrow(/"trees" is 0/);
    await expect(fit({ maxFeatures: 'most' })).rejects.toThrow(/maxFeatures/);
    await expect(fit({ minSamplesSplit: 1 })).rejects.toThrow(/minSamplesSplit/);
  });
});
