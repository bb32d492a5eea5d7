import { describe, expect, it } from 'vitest';
import { takeRows } from '../data/table';
import { applyRecipe } from './applyRecipe';
import { fitRecipe } from './fitRecipe';
import { recipeFeatureNames, type Recipe } from './recipe';
import { suggestRecipe } from './suggestRecipe';
import { tableFromColumns } from './tableFromColumns';

const people = () =>
  tableFromColumns([
    { name: 'id', type: 'identifier', values: ['a', 'b', 'c', 'd', 'e', 'f'] },
    { name: 'age', type: 'numeric', values: [20, 30, null, 40, 50, 60] },
    { name: 'color', type: 'categorical', values: ['red', 'blue', 'red', null, 'green', 'red'] },
    { name: 'member', type: 'boolean', values: [true, false, true, true, null, false] },
    { name: 'joined', type: 'datetime', values: ['2020-01-01', '2021-01-01', '2022-01-01', '2020-06-01', null, '2023-01-01'] },
    { name: 'notes', type: 'text', values: ['x y', 'y z', 'z', 'long text', 'more', 'words'] },
    { name: 'constant', type: 'numeric', values: [1, 1, 1, 1, 1, 1] },
    { name: 'label', type: 'categorical', values: ['no', 'yes', 'no', 'yes', 'no', 'yes'] },
  ]);
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('suggestRecipe', () => {
  it('uses numbers, dates and categories, drops identifiers, text and constants with a reason', () => {
    const recipe = suggestRecipe(people(), 'label');
    expect(recipe.features).toEqual(['age', 'color', 'member', 'joined']);
    expect(recipe.featureTypes).toEqual(['numeric', 'categorical', 'boolean', 'datetime']);
    expect(recipe.dropped!.map((d) => d.column)).toEqual(['id', 'notes', 'constant']);
    expect(recipe.dropped![0].reason).toMatch(/identifier/);
    expect(recipe.steps).toEqual([
      { kind: 'impute', columns: ['age', 'color', 'member', 'joined'] },
      { kind: 'oneHot', columns: ['color', 'member'] },
      { kind: 'standardScale', columns: ['age', 'joined'] },
    ]);
    expect(JSON.parse(JSON.stringify(recipe))).toEqual(recipe);
  });
});

describe('fitRecipe / applyRecipe', () => {
  it('imputes, one-hot encodes and scales with parameters from the training rows', () => {
    const table = people();
    const fitted = fitRecipe(suggestRecipe(table, 'label'), table, all(6));
    const [impute, oneHot, scale] = fitted.steps;
    // Median of 20, 30, 40, 50, 60; most frequent colour; most frequent boolean; median date.
    expect(impute.fitted).toEqual({ fill: [40, 'red', 'true', Date.UTC(2021, 0, 1)] });
    expect(oneHot.fitted).toEqual({ categories: [['blue', 'green', 'red'], ['false', 'true']], other: [[], []] });
    const { X, featureNames } = applyRecipe(fitted, table);
    expect(featureNames).toEqual(['age', 'color=blue', 'color=green', 'color=red', 'member=false', 'member=true', 'joined']);
    expect(recipeFeatureNames(fitted)).toEqual(featureNames);
    const d = featureNames.length;
    expect(X.length).toBe(6 * d);
    // Row 3 (index 3): colour missing -> imputed "red".
    expect(Array.from(X.slice(3 * d + 1, 3 * d + 4))).toEqual([0, 0, 1]);
    // Scaled columns have mean 0 over the training rows.
    const ageMean = [0, 1, 2, 3, 4, 5].reduce((s, r) => s + X[r * d], 0) / 6;
    expect(Math.abs(ageMean)).toBeLessThan(1e-6);
    const { mean, std } = scale.fitted as { mean: number[]; std: number[] };
    expect(mean[0]).toBeCloseTo(40, 10);
    // Scaling sees the imputed value: 20, 30, 40, 40, 50, 60.
    expect(std[0]).toBeCloseTo(Math.sqrt(1000 / 6), 10);
  });

  it('learns nothing from rows outside trainRows (no leakage)', () => {
    const table = tableFromColumns([
      { name: 'x', type: 'numeric', values: [1, 2, 3, null, 1000, 2000] },
      { name: 'c', type: 'categorical', values: ['a', 'a', 'b', null, 'z', 'z'] },
      { name: 'y', type: 'numeric', values: [0, 1, 0, 1, 0, 1] },
    ]);
    const recipe = suggestRecipe(table, 'y');
    const train = Int32Array.from([0, 1, 2, 3]);
    const onTrain = fitRecipe(recipe, table, train);
    const onAll = fitRecipe(recipe, table, all(6));
    expect(onTrain.steps[0].fitted).toEqual({ fill: [2, 'a'] });
    expect(onAll.steps[0].fitted).not.toEqual(onTrain.steps[0].fitted);
    expect(onTrain.steps[1].fitted).toEqual({ categories: [['a', 'b']], other: [[]] });
    expect(onAll.steps[1].fitted).not.toEqual(onTrain.steps[1].fitted);
    expect(onTrain.steps[2].fitted).not.toEqual(onAll.steps[2].fitted);
    // Changing only the test rows leaves the fitted recipe unchanged.
    const changed = tableFromColumns([
      { name: 'x', type: 'numeric', values: [1, 2, 3, null, -5, 7] },
      { name: 'c', type: 'categorical', values: ['a', 'a', 'b', null, 'q', 'r'] },
      { name: 'y', type: 'numeric', values: [0, 1, 0, 1, 0, 1] },
    ]);
    expect(fitRecipe(recipe, changed, train)).toEqual(onTrain);
    // The caller's recipe is not modified.
    expect(recipe.steps[0].fitted).toBeUndefined();
  });

  it('applies to a new table by column name, in another order, with unseen categories', () => {
    const table = people();
    const fitted = fitRecipe(suggestRecipe(table, 'label'), table, all(6));
    const fresh = tableFromColumns([
      { name: 'joined', type: 'datetime', values: ['2021-01-01', null] },
      { name: 'member', type: 'categorical', values: ['true', 'false'] },
      { name: 'color', type: 'categorical', values: ['purple', 'blue'] },
      { name: 'age', type: 'categorical', values: ['40', null] },
    ]);
    const { X, featureNames } = applyRecipe(fitted, fresh);
    const expected = applyRecipe(fitted, table);
    expect(featureNames).toEqual(expected.featureNames);
    const d = featureNames.length;
    expect(Array.from(X.slice(1, 4))).toEqual([0, 0, 0]); // purple: unseen, all zeros
    expect(Array.from(X.slice(d + 1, d + 4))).toEqual([1, 0, 0]);
    expect(X[0]).toBeCloseTo(0, 6); // age 40 is the training mean
    expect(Array.from(X.slice(4, 6))).toEqual([0, 1]); // member "true"
  });

  it('names a missing feature column, and a value that is not a number', () => {
    const table = people();
    const fitted = fitRecipe(suggestRecipe(table, 'label'), table, all(6));
    const noAge = tableFromColumns([
      { name: 'color', type: 'categorical', values: ['red'] },
      { name: 'member', type: 'boolean', values: [true] },
      { name: 'joined', type: 'datetime', values: ['2020-01-01'] },
    ]);
    expect(() => applyRecipe(fitted, noAge)).toThrow('The data has no column "age", which the recipe needs as an input.');
    const badAge = tableFromColumns([
      { name: 'age', type: 'categorical', values: ['12', 'twelve'] },
      { name: 'color', type: 'categorical', values: ['red', 'red'] },
      { name: 'member', type: 'boolean', values: [true, true] },
      { name: 'joined', type: 'datetime', values: ['2020-01-01', '2020-01-01'] },
    ]);
    expect(() => applyRecipe(fitted, badAge)).toThrow('Column "age" is used as a number, but row 2 holds "twelve".');
  });

  it('caps one-hot columns at 50 categories and buckets the rest as "other"', () => {
    const values = Array.from({ length: 120 }, (_, i) => `c${String(i % 60).padStart(2, '0')}`);
    // c00..c09 appear three times, so they are among the most frequent.
    values.push(...Array.from({ length: 10 }, (_, i) => `c0${i}`));
    const table = tableFromColumns([
      { name: 'cat', type: 'categorical', values },
      { name: 'y', type: 'numeric', values: values.map((_, i) => i % 2) },
    ]);
    const fitted = fitRecipe(suggestRecipe(table, 'y'), table, all(values.length));
    const { categories, other } = fitted.steps[1].fitted as { categories: string[][]; other: string[][] };
    expect(categories[0]).toHaveLength(50);
    expect(categories[0]).toContain('c00');
    expect(other[0]).toHaveLength(10);
    const names = recipeFeatureNames(fitted);
    expect(names).toHaveLength(51);
    expect(names[50]).toBe('cat=(other)');
    const fresh = tableFromColumns([{ name: 'cat', type: 'categorical', values: [other[0][0], 'never-seen'] }]);
    const { X } = applyRecipe(fitted, fresh);
    expect(X[50]).toBe(1);
    expect(Array.from(X.slice(51)).every((v) => v === 0)).toBe(true);
  });

  it('refuses to use the target as a feature, and an unfitted recipe', () => {
    const table = people();
    const recipe: Recipe = { ...suggestRecipe(table, 'label'), features: ['age', 'label'] };
    expect(() => fitRecipe(recipe, table, all(6))).toThrow('The target "label" is also listed as a feature');
    expect(() => applyRecipe(suggestRecipe(table, 'label'), table)).toThrow('(step 1) is not fitted yet');
  });

  it('reports a category column that has no oneHot step, and missing values left after the recipe', () => {
    const table = people();
    const noEncode: Recipe = { version: 1, target: 'label', features: ['color'], steps: [] };
    expect(() => fitRecipe(noEncode, table, all(6))).toThrow(
      'Column "color" is used as a number, but row 1 holds "red". List it in a oneHot step or leave it out of the features.',
    );
    const noImpute: Recipe = { version: 1, target: 'label', features: ['age'], steps: [] };
    const fitted = fitRecipe(noImpute, table, all(6));
    expect(() => applyRecipe(fitted, table)).toThrow('Column "age" has a missing value in row 3 after the recipe; add it to an impute step.');
  });

  it('applies to picked rows in their order, matching takeRows', () => {
    const table = people();
    const fitted = fitRecipe(suggestRecipe(table, 'label'), table, all(6));
    const rows = Int32Array.from([5, 0, 2]);
    expect(applyRecipe(fitted, table, rows).X).toEqual(applyRecipe(fitted, takeRows(table, rows)).X);
  });
});
