/**
 * The decision tree: exact thresholds and pure leaves on small known data, both criteria,
 * missing values, depth and leaf-size limits, and the model file.
 */
import { describe, expect, it } from 'vitest';
import { decisionTree } from './decisionTree';
import type { ForestModel } from './forestModel';

const { defaults } = decisionTree;

interface TreeJson {
  trees: { feature: number[]; threshold: number[]; left: number[]; right: number[]; missingLeft: number[]; value: number[] }[];
}

describe('decision_tree', () => {
  it('splits exactly between the two classes and ends in pure leaves', async () => {
    // Column 0 is noise-free: class 1 from x = 3.5 up; column 1 is constant.
    const X = Float32Array.of(1, 7, 2, 7, 3, 7, 3.25, 7, 4, 7, 5, 7, 6, 7);
    const y = Int32Array.of(0, 0, 0, 0, 1, 1, 1);
    const model = await decisionTree.fit(X, y, { rows: 7, cols: 2, classes: 2 }, defaults, { seed: 0 });
    const tree = (model.toJSON() as unknown as TreeJson).trees[0];
    expect(tree.feature).toEqual([0, -1, -1]);
    expect(tree.threshold[0]).toBe((3.25 + 4) / 2);
    // Leaves hold class shares: pure.
    expect(tree.value.slice(2)).toEqual([1, 0, 0, 1]);
    expect(Array.from(model.predict(Float32Array.of(3.6, 0, 3.7, 0), 2, 2))).toEqual([0, 1]);
    expect(Array.from(model.predictProba!(Float32Array.of(0, 0), 1, 2))).toEqual([1, 0]);
  });

  it('grows until every leaf is pure (an XOR, where no single split helps)', async () => {
    const X = new Float32Array(80 * 2);
    const y = new Int32Array(80);
    for (let i = 0; i < 80; i++) {
      const a = i % 2;
      const b = Math.floor(i / 2) % 2;
      X[i * 2] = a + (i % 7) * 0.01;
      X[i * 2 + 1] = b + (i % 5) * 0.01;
      y[i] = a ^ b;
    }
    const model = await decisionTree.fit(X, y, { rows: 80, cols: 2, classes: 2 }, defaults, { seed: 0 });
    const tree = (model.toJSON() as unknown as TreeJson).trees[0];
    // Every leaf's class shares are 0 and 1.
    tree.feature.forEach((f, i) => {
      if (f < 0) expect([0, 1]).toContain(tree.value[i * 2]);
    });
    expect(Array.from(model.predict(X, 80, 2))).toEqual(Array.from(y));
    // maxDepth 1 can only make one split.
    const stump = await decisionTree.fit(X, y, { rows: 80, cols: 2, classes: 2 }, { ...defaults, maxDepth: 1 }, { seed: 0 });
    expect((stump.toJSON() as unknown as TreeJson).trees[0].feature.length).toBe(3);
  });

  it('regression: splits at the known threshold, leaves hold means, and minSamplesLeaf is kept', async () => {
    const X = Float32Array.from({ length: 10 }, (_, i) => i);
    const y = Float64Array.of(1, 1, 1, 1, 5, 5, 5, 5, 5, 5);
    const model = await decisionTree.fit(X, y, { rows: 10, cols: 1 }, defaults, { seed: 0 });
    const tree = (model.toJSON() as unknown as TreeJson).trees[0];
    expect(tree.threshold[0]).toBe(3.5);
    expect(tree.value.slice(1)).toEqual([1, 5]);
    const limited = await decisionTree.fit(X, y, { rows: 10, cols: 1 }, { ...defaults, minSamplesLeaf: 5 }, { seed: 0 });
    const t2 = (limited.toJSON() as unknown as TreeJson).trees[0];
    expect(t2.threshold[0]).toBe(4.5);
    expect(t2.value.slice(1)).toEqual([(1 * 4 + 5) / 5, 5]);
  });

  it('routes missing values to the side that fits them', async () => {
    // Missing means class 1; present values are all class 0.
    const X = Float32Array.of(1, 2, 3, 4, NaN, NaN, NaN, 5);
    const y = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 0);
    const model = await decisionTree.fit(X, y, { rows: 8, cols: 1, classes: 2 }, defaults, { seed: 0 });
    expect(Array.from(model.predict(Float32Array.of(NaN, 2.5, 100, -Infinity), 4, 1))).toEqual([1, 0, 0, 1]);
    const tree = (model.toJSON() as unknown as TreeJson).trees[0];
    expect(tree.feature).toEqual([0, -1, -1]);
  });

  it('round-trips through JSON and reports one progress step', async () => {
    const X = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i) * 10);
    const y = Float64Array.from({ length: 100 }, (_, i) => X[2 * i] * X[2 * i + 1]);
    const steps: number[] = [];
    const model = (await decisionTree.fit(X, y, { rows: 100, cols: 2 }, { ...defaults, maxDepth: 4 }, { seed: 0, onProgress: (p) => steps.push(p.epoch) })) as ForestModel;
    expect(steps).toEqual([1]);
    const copy = decisionTree.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(copy.predict(X, 100, 2))).toEqual(Array.from(model.predict(X, 100, 2)));
    expect(copy.predictProba).toBeUndefined();
    expect(model.featureImportance().reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(() => decisionTree.fromJSON({ ...model.toJSON(), kind: 'random_forest' })).toThrow(/kind/);
  });
});
