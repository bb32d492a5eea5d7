/**
 * TreeSHAP against its definition: on hand-built and random trees (repeated features on a
 * path, zero-cover branches, missing values) and on every fitted tree model kind, the values
 * equal the brute-force Shapley values of the path-dependent conditional expectation, add up
 * to the model's output (local accuracy), and are 0 for a feature no tree splits on.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../models/registry';
import { leafOf, TreeBuilder, type CompactTree } from '../models/trees/compactTree';
import type { GbdtModel } from '../models/trees/gbdtModel';
import type { TreeEnsemble } from '../models/trees/treeEnsemble';
import type { FittedModel } from '../models/types';
import { createRng, type Rng } from '../random';
import { treeEnsembleShap, treeShapEnsemble } from './treeEnsembleShap';
import { treeExpectedValue, treeShap } from './treeShap';

/** E[f(x) | x_S] along the tree: features in S follow x, the others split by cover. */
function conditional(tree: CompactTree, x: Float32Array, inS: (f: number) => boolean, node = 0): number[] {
  const f = tree.feature[node];
  if (f < 0) return Array.from(tree.value.subarray(node * tree.width, (node + 1) * tree.width));
  const l = tree.left[node];
  const r = tree.right[node];
  if (inS(f)) {
    const v = x[f];
    const goLeft = v - v === 0 ? v <= tree.threshold[node] : tree.missingLeft[node] === 1;
    return conditional(tree, x, inS, goLeft ? l : r);
  }
  const c = tree.cover!;
  const a = conditional(tree, x, inS, l);
  const b = conditional(tree, x, inS, r);
  // Below a branch no training row reached, TreeSHAP gives both sides no weight.
  return a.map((va, k) => (c[node] > 0 ? (c[l] * va + c[r] * b[k]) / c[node] : 0));
}

/** The ensemble's v(S), per output. */
function ensembleValue(e: TreeEnsemble, x: Float32Array, inS: (f: number) => boolean): number[] {
  const out = Array.from(e.baseline);
  e.trees.forEach((tree, t) => {
    const v = conditional(tree, x, inS);
    if (e.combine === 'average') v.forEach((vk, k) => (out[k] += vk / e.trees.length));
    else out[t % e.outputs] += v[0];
  });
  return out;
}

/** Exact Shapley values by summing over all coalitions: [feature * outputs + output]. */
function bruteForce(e: TreeEnsemble, x: Float32Array, M: number): Float64Array {
  const K = e.outputs;
  const phi = new Float64Array(M * K);
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const values = new Map<number, number[]>();
  const v = (bits: number) => {
    if (!values.has(bits)) values.set(bits, ensembleValue(e, x, (f) => ((bits >> f) & 1) === 1));
    return values.get(bits)!;
  };
  for (let i = 0; i < M; i++) {
    for (let bits = 0; bits < 1 << M; bits++) {
      if ((bits >> i) & 1) continue;
      let s = 0;
      for (let j = 0; j < M; j++) s += (bits >> j) & 1;
      const w = (fact(s) * fact(M - s - 1)) / fact(M);
      const with_ = v(bits | (1 << i));
      const without = v(bits);
      for (let k = 0; k < K; k++) phi[i * K + k] += w * (with_[k] - without[k]);
    }
  }
  return phi;
}

/** A random tree over M features, up to `depth` deep, with consistent random covers. */
function randomTree(rng: Rng, M: number, depth: number, width: number): CompactTree {
  const builder = new TreeBuilder(width);
  const grow = (node: number, cover: number, d: number) => {
    builder.setCover(node, cover);
    builder.setValue(node, Array.from({ length: width }, () => rng.normal()));
    if (d >= depth || (d > 1 && rng.next() < 0.2)) return;
    const left = builder.addNode(new Float64Array(width));
    const right = builder.addNode(new Float64Array(width));
    // Now and then a branch no training row reached.
    const share = rng.next() < 0.1 ? 0 : rng.next();
    builder.setSplit(node, rng.int(M), Math.round(rng.normal() * 4) / 4, rng.next() < 0.5, left, right);
    grow(left, cover * share, d + 1);
    grow(right, cover * (1 - share), d + 1);
  };
  grow(builder.addNode(new Float64Array(width)), 100, 0);
  return builder.finish();
}

function randomRow(rng: Rng, M: number): Float32Array {
  // The model counts NaN and ±Infinity as missing; TreeSHAP must walk them the same way.
  const missing = [NaN, Infinity, -Infinity];
  return Float32Array.from({ length: M }, () => (rng.next() < 0.15 ? missing[rng.int(3)] : Math.round(rng.normal() * 4) / 4));
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

describe('treeShap on one tree', () => {
  it('explains a stump: the split feature gets output - expected value', () => {
    const b = new TreeBuilder(1);
    const root = b.addNode([0]);
    const l = b.addNode([10]);
    const r = b.addNode([20]);
    b.setSplit(root, 1, 0.5, false, l, r);
    b.setCover(root, 4);
    b.setCover(l, 3);
    b.setCover(r, 1);
    const tree = b.finish();
    expect(treeExpectedValue(tree)[0]).toBe(12.5);
    const phi = new Float64Array(3);
    treeShap(tree, Float32Array.of(9, 1, 9), 0, phi, 1, 0, 1);
    expect(Array.from(phi)).toEqual([0, 7.5, 0]);
  });

  it('equals the brute-force Shapley values on random trees (repeated features, empty branches, missing values)', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 60; trial++) {
      const M = 2 + (trial % 5);
      const width = trial % 3 === 0 ? 3 : 1;
      const tree = randomTree(rng, M, 2 + (trial % 5), width);
      const ensemble: TreeEnsemble = { trees: [tree], outputs: width, combine: 'average', baseline: new Float64Array(width), space: 'value' };
      for (let n = 0; n < 4; n++) {
        const x = randomRow(rng, M);
        const shap = treeEnsembleShap(ensemble, x, M);
        expectClose(shap.phi, bruteForce(ensemble, x, M), 10);
        for (let k = 0; k < width; k++) {
          let sum = shap.base[k];
          for (let f = 0; f < M; f++) sum += shap.phi[f * width + k];
          expect(sum).toBeCloseTo(tree.value[leafOf(tree, x, 0) * width + k], 10);
        }
      }
    }
  });
});

/** 300 rows, 5 features: two informative numbers, a small integer, noise, and a constant. */
function data() {
  const rng = createRng(2);
  const n = 300;
  const cols = 5;
  const X = new Float32Array(n * cols);
  const reg = new Float64Array(n);
  const binary = new Int32Array(n);
  const multi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.next();
    const c = rng.int(4);
    X.set([a, b, c, rng.normal(), 0], i * cols);
    reg[i] = 2 * a + (b > 0.5 ? 3 : 0) + c + rng.normal() * 0.3;
    binary[i] = a + 2 * b - 1 + rng.normal() * 0.3 > 0 ? 1 : 0;
    multi[i] = a > 0.5 ? 2 : b > 0.5 ? 1 : c > 1 ? 1 : 0;
  }
  return { X, n, cols, reg, binary, multi };
}

const KINDS: Array<{ name: string; params: Record<string, number> }> = [
  { name: 'decision_tree', params: { maxDepth: 6 } },
  { name: 'random_forest', params: { trees: 8, maxDepth: 5 } },
  { name: 'extra_trees', params: { trees: 8, maxDepth: 5 } },
  { name: 'hist_gradient_boosting', params: { maxIter: 15, maxLeafNodes: 8, minSamplesLeaf: 5 } },
];

const TASKS = [
  { task: 'regression', classes: undefined },
  { task: 'binary', classes: 2 },
  { task: 'multiclass', classes: 3 },
] as const;

/** What the explained outputs should be: probabilities for forests, raw scores for boosting. */
function modelOutputs(model: FittedModel, X: Float32Array, rows: number, cols: number): Float64Array {
  if (model.kind === 'hist_gradient_boosting') return (model as GbdtModel).rawScores(X, rows, cols);
  return model.predictProba ? model.predictProba(X, rows, cols) : model.predict(X, rows, cols);
}

describe.each(KINDS)('TreeSHAP on a fitted $name', ({ name, params }) => {
  it.each(TASKS)('$task: local accuracy, brute force and the never-split feature', async ({ task, classes }) => {
    const d = data();
    const y = task === 'regression' ? d.reg : task === 'binary' ? d.binary : d.multi;
    const model = await getModel(name).fit(d.X, y, { rows: d.n, cols: d.cols, classes }, params, { seed: 3 });
    const ensemble = treeShapEnsemble(model)!;
    expect(ensemble).not.toBeNull();
    const K = ensemble.outputs;
    expect(K).toBe(task === 'regression' ? 1 : task === 'binary' && name === 'hist_gradient_boosting' ? 1 : classes);
    expect(ensemble.trees.every((t) => !t.feature.includes(4))).toBe(true);
    const rows = 40;
    const expected = modelOutputs(model, d.X, rows, d.cols);
    for (let r = 0; r < rows; r++) {
      const shap = treeEnsembleShap(ensemble, d.X, d.cols, r * d.cols);
      for (let k = 0; k < K; k++) {
        let sum = shap.base[k];
        for (let f = 0; f < d.cols; f++) sum += shap.phi[f * K + k];
        expect(Math.abs(sum - expected[r * K + k])).toBeLessThan(1e-9);
        expect(shap.output[k]).toBeCloseTo(expected[r * K + k], 12);
        // Feature 4 is constant, so no tree splits on it.
        expect(shap.phi[4 * K + k]).toBe(0);
      }
      if (r < 8) expectClose(shap.phi, bruteForce(ensemble, d.X.subarray(r * d.cols, (r + 1) * d.cols), d.cols), 10);
    }
  });
});

describe('tree covers', () => {
  it.each(KINDS)('$name stores covers that add up, and keeps them through JSON', async ({ name, params }) => {
    const d = data();
    const spec = getModel(name);
    const model = await spec.fit(d.X, d.reg, { rows: d.n, cols: d.cols }, params, { seed: 1 });
    const trees = treeShapEnsemble(model)!.trees;
    for (const tree of trees) {
      const cover = tree.cover!;
      // Bootstrap weights sum to the row count as well.
      expect(cover[0]).toBe(d.n);
      for (let i = 0; i < tree.feature.length; i++) {
        if (tree.feature[i] >= 0) expect(cover[tree.left[i]] + cover[tree.right[i]]).toBe(cover[i]);
        expect(cover[i]).toBeGreaterThan(0);
      }
    }
    const copy = spec.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(treeShapEnsemble(copy)!.trees.map((t) => Array.from(t.cover!))).toEqual(trees.map((t) => Array.from(t.cover!)));
  });

  it('loads a model saved without covers, which predicts the same but TreeSHAP cannot explain', async () => {
    const d = data();
    const spec = getModel('random_forest');
    const model = await spec.fit(d.X, d.reg, { rows: d.n, cols: d.cols }, { trees: 3 }, { seed: 1 });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    for (const tree of json.trees) delete tree.cover;
    const old = spec.fromJSON(json);
    expect(Array.from(old.predict(d.X, d.n, d.cols))).toEqual(Array.from(model.predict(d.X, d.n, d.cols)));
    expect(treeShapEnsemble(old)).toBeNull();
    expect(JSON.stringify(old.toJSON())).toBe(JSON.stringify(json));
  });

  it('refuses a bad cover in a model file', async () => {
    const d = data();
    const spec = getModel('hist_gradient_boosting');
    const model = await spec.fit(d.X, d.reg, { rows: d.n, cols: d.cols }, { maxIter: 2 }, { seed: 1 });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    json.trees[1].cover[0] = -1;
    expect(() => spec.fromJSON(json)).toThrow(/trees\[1\]\.cover\[0\]/);
    json.trees[1].cover = [1];
    expect(() => spec.fromJSON(json)).toThrow(/cover/);
  });
});
