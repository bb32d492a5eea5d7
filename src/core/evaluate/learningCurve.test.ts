/**
 * The learning curve on a simple problem: sizes as scikit-learn computes them, a fully grown
 * decision tree scoring at least as well on its training rows as on new rows, validation
 * improving with more rows, determinism for a seed, progress and cancellation.
 */
import { describe, expect, it } from 'vitest';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { absoluteSizes, learningCurve } from './learningCurve';

/** 300 rows: `x` and `color` decide the label (with 5 % of labels flipped); `noise` does not. */
function shop(seed = 3) {
  const rng = createRng(seed);
  const x: CellValue[] = [];
  const color: CellValue[] = [];
  const noise: CellValue[] = [];
  const label: CellValue[] = [];
  const price: CellValue[] = [];
  for (let i = 0; i < 300; i++) {
    const v = rng.normal() * 3;
    const c = ['red', 'green', 'blue'][rng.int(3)];
    x.push(v);
    color.push(c);
    noise.push(rng.normal());
    const big = v + (c === 'red' ? 2 : 0) > 0.5;
    label.push(big !== rng.next() < 0.05 ? 'big' : 'small');
    price.push(2 * v + (c === 'red' ? 5 : 0) + rng.normal());
  }
  return tableFromColumns([
    { name: 'x', type: 'numeric', values: x },
    { name: 'color', type: 'categorical', values: color },
    { name: 'noise', type: 'numeric', values: noise },
    { name: 'label', type: 'categorical', values: label },
    { name: 'price', type: 'numeric', values: price },
  ]);
}

const table = shop();
const treeCurve = (seed: number) => learningCurve(table, { target: 'label', task: 'classification', model: 'decision_tree', seed, folds: 5 });

describe('learningCurve', () => {
  it('sizes are floored fractions of the training fold, as scikit-learn, at least 2 and without repeats', () => {
    expect(absoluteSizes([0.1, 0.325, 0.55, 0.775, 1], 240)).toEqual([24, 78, 132, 186, 240]);
    expect(absoluteSizes([0.01, 0.02, 1], 50)).toEqual([2, 50]);
    expect(() => absoluteSizes([0], 10)).toThrow('fractions in (0, 1]');
    expect(() => absoluteSizes([1.5], 10)).toThrow('fractions in (0, 1]');
  });

  it('a decision tree: five sizes, training score >= validation score, validation improving with rows', async () => {
    const curve = await treeCurve(0);
    expect(curve.metric).toBe('accuracy');
    expect(curve.folds).toBe(5);
    expect(curve.rows).toBe(300);
    expect(curve.points.map((p) => p.size)).toEqual([24, 78, 132, 186, 240]);
    for (const p of curve.points) {
      expect(p.train.mean.accuracy).toBe(1); // fully grown: its leaves are pure
      expect(p.train.mean.accuracy!).toBeGreaterThanOrEqual(p.validation.mean.accuracy!);
      expect(p.validation.std.accuracy).not.toBeNull();
    }
    const validation = curve.points.map((p) => p.validation.mean.accuracy!);
    expect(validation[4]).toBeGreaterThan(validation[0]);
    expect(validation[4]).toBeGreaterThan(0.85);
    // Monotone up to fold noise.
    for (let i = 1; i < validation.length; i++) expect(validation[i]).toBeGreaterThan(validation[i - 1] - 0.03);
    expect(JSON.parse(JSON.stringify(curve))).toEqual(curve);
  });

  it('is deterministic for a seed and differs for another', async () => {
    const a = await treeCurve(7);
    expect(await treeCurve(7)).toEqual(a);
    expect(await treeCurve(8)).not.toEqual(a);
  });

  it('regression: R² by size for a linear model, with the sizes asked for', async () => {
    const curve = await learningCurve(table, { target: 'price', task: 'regression', model: 'ridge', seed: 1, folds: 3, sizes: [0.2, 1] });
    expect(curve.metric).toBe('r2');
    expect(curve.points.map((p) => p.size)).toEqual([40, 200]);
    expect(curve.points[1].validation.mean.r2!).toBeGreaterThan(0.8);
    expect(Object.keys(curve.points[0].train.mean)).toEqual(['r2', 'rmse', 'mae']);
  });

  it('reports progress after every fit and stops when aborted', async () => {
    const seen: string[] = [];
    await learningCurve(table, {
      target: 'label',
      task: 'classification',
      model: 'decision_tree',
      seed: 0,
      folds: 2,
      sizes: [0.5, 1],
      onProgress: (p) => seen.push(`${p.done}/${p.total} fold ${p.fold} size ${p.size}`),
    });
    expect(seen).toEqual(['1/4 fold 0 size 75', '2/4 fold 0 size 150', '3/4 fold 1 size 75', '4/4 fold 1 size 150']);

    const controller = new AbortController();
    const run = learningCurve(table, {
      target: 'label',
      task: 'classification',
      model: 'decision_tree',
      seed: 0,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('explains a target it cannot use', async () => {
    await expect(learningCurve(table, { target: 'nope', task: 'classification', seed: 0 })).rejects.toThrow('nope');
  });
});
