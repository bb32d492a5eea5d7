import { describe, expect, it } from 'vitest';
import { encodeTarget } from '../prep/encodeTarget';
import { suggestRecipe } from '../prep/suggestRecipe';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { crossValidate, summarizeFolds } from './crossValidate';
import { getModel } from './registry';
import { trainAndEvaluate } from './trainAndEvaluate';
import type { ModelParams, ModelSpec } from './types';

/** 200 rows: `size` (with gaps) and `color` decide the label; `noise` does not. */
function shop(seed = 3) {
  const rng = createRng(seed);
  const size: CellValue[] = [];
  const color: CellValue[] = [];
  const noise: CellValue[] = [];
  const label: CellValue[] = [];
  for (let i = 0; i < 200; i++) {
    const s = rng.normal() * 2 + 5 + (i % 2 ? 40 : 0);
    const c = ['red', 'green', 'blue'][rng.int(3)];
    size.push(i % 23 === 0 ? null : s);
    color.push(c);
    noise.push(rng.normal());
    label.push(s + (c === 'red' ? 3 : 0) > 6 ? 'big' : 'small');
  }
  return tableFromColumns([
    { name: 'size', type: 'numeric', values: size },
    { name: 'color', type: 'categorical', values: color },
    { name: 'noise', type: 'numeric', values: noise },
    { name: 'label', type: 'categorical', values: label },
  ]);
}

const tree = getModel('decision_tree');

function cvOf(seed: number, spec: ModelSpec<ModelParams> = tree, folds = 5) {
  const table = shop();
  return crossValidate({
    table,
    target: 'label',
    encoded: encodeTarget(table, 'label', 'classification'),
    spec,
    params: { ...spec.defaults },
    recipe: suggestRecipe(table, 'label'),
    folds,
    seed,
  });
}

describe('crossValidate', () => {
  it('scores every fold and reports their mean and population standard deviation', async () => {
    const cv = await cvOf(0);
    expect(cv.folds).toBe(5);
    expect(cv.perFold).toHaveLength(5);
    const accuracies = cv.perFold.map((m) => m.accuracy);
    const mean = accuracies.reduce((a, b) => a + b, 0) / 5;
    expect(cv.mean.accuracy).toBeCloseTo(mean, 12);
    expect(cv.std.accuracy).toBeCloseTo(Math.sqrt(accuracies.reduce((a, v) => a + (v - mean) ** 2, 0) / 5), 12);
    expect(cv.mean.accuracy).toBeGreaterThan(0.85);
  });

  it('gives the same folds and scores for the same seed, and other folds for another', async () => {
    const a = await cvOf(7);
    const b = await cvOf(7);
    expect(b.perFold).toEqual(a.perFold);
    const c = await cvOf(8);
    expect(c.perFold).not.toEqual(a.perFold);
  });

  it('fits the recipe on the training folds only: scaled inputs have mean 0 on exactly those rows', async () => {
    const means: number[] = [];
    const spy: ModelSpec<ModelParams> = {
      ...tree,
      fit(X, y, shape, params, ctx) {
        // Column 0 is `size` after imputation and scaling (the recipe's first numeric feature).
        let sum = 0;
        for (let r = 0; r < shape.rows; r++) sum += X[r * shape.cols];
        means.push(sum / shape.rows);
        return tree.fit(X, y, shape, params, ctx);
      },
    };
    await cvOf(0, spy);
    expect(means).toHaveLength(5);
    // Fitted on all rows instead, the training folds' means would be off by about 0.05 or more.
    for (const m of means) expect(Math.abs(m)).toBeLessThan(1e-5);
  });

  it('refuses more folds than the rows allow, in a sentence', async () => {
    const table = tableFromColumns([
      { name: 'x', type: 'numeric', values: [1, 2, 3, 4, 5, 6] },
      { name: 'y', type: 'numeric', values: [1, 2, 3, 4, 5, 6] },
    ]);
    await expect(
      crossValidate({
        table,
        target: 'y',
        encoded: encodeTarget(table, 'y', 'regression'),
        spec: tree,
        params: { ...tree.defaults },
        recipe: suggestRecipe(table, 'y'),
        folds: 5,
        seed: 0,
      }),
    ).rejects.toThrow(/5-fold cross-validation needs at least 10 rows with a target; "y" has 6/);
  });

  it('runs before the hold-out fit in trainAndEvaluate when folds are asked for', async () => {
    const folds: number[] = [];
    const result = await trainAndEvaluate(shop(), {
      target: 'label',
      task: 'classification',
      model: 'decision_tree',
      seed: 0,
      folds: 5,
      onFold: (done) => folds.push(done),
    });
    expect(folds).toEqual([1, 2, 3, 4, 5]);
    expect(result.cv?.perFold).toEqual((await cvOf(0)).perFold);
    expect(result.testRows).toBe(40);
  });
});

describe('cross-validation on large data', () => {
  it('uses a seeded stratified sample of cvMaxRows rows, and fits the kept model on the full split', async () => {
    const options = { target: 'label', task: 'classification' as const, model: 'decision_tree', seed: 0, folds: 5 };
    const sampled = await trainAndEvaluate(shop(), { ...options, cvMaxRows: 100 });
    expect(sampled.cvRows).toBe(100);
    expect(sampled.testRows).toBe(40);
    const again = await trainAndEvaluate(shop(), { ...options, cvMaxRows: 100 });
    expect(again.cv?.perFold).toEqual(sampled.cv?.perFold);
    const full = await trainAndEvaluate(shop(), options);
    expect(full.cvRows).toBe(200);
    expect(full.cv?.perFold).not.toEqual(sampled.cv?.perFold);
  });

  it('fits the kept model on a seeded sample of the split, no smaller than a CV fit, when all of it would overrun the deadline', async () => {
    const options = { target: 'label', task: 'classification' as const, model: 'decision_tree', seed: 0, folds: 5, cvMaxRows: 100 };
    const roomy = await trainAndEvaluate(shop(), { ...options, deadline: Date.now() + 60_000 });
    expect(roomy.trainRows).toBe(160);
    expect(roomy.sampledFrom).toBeUndefined();
    // A deadline already past: the kept model gets the rows of one cross-validation fit (4/5 of 100).
    const late = () => trainAndEvaluate(shop(), { ...options, deadline: Date.now() - 1000 });
    const cut = await late();
    expect(cut.trainRows).toBe(80);
    expect(cut.sampledFrom).toBe(160);
    expect(cut.testRows).toBe(40);
    expect(JSON.stringify((await late()).model.toJSON())).toBe(JSON.stringify(cut.model.toJSON()));
    // Without cross-validation on a sample there is nothing to judge the speed by: the whole split.
    const small = await trainAndEvaluate(shop(), { ...options, cvMaxRows: undefined, deadline: Date.now() - 1000 });
    expect(small.sampledFrom).toBeUndefined();
  });
});

describe('summarizeFolds', () => {
  it('is NaN for a metric undefined in any fold', () => {
    const { mean, std } = summarizeFolds([{ a: 1, b: NaN }, { a: 3, b: 0.5 }]);
    expect(mean).toEqual({ a: 2, b: NaN });
    expect(std.a).toBe(1);
  });
});
