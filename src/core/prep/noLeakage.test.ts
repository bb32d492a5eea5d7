/**
 * No leakage: every prepare step and the encoding are fitted on the training rows only.
 * 1. A step fitted with the test rows included learns something else (so the guarantee matters).
 * 2. fitRecipe never reads a row outside trainRows: poisoning every other row (huge numbers,
 *    missing values, a new category, flipped targets) leaves the fitted recipe exactly as it was.
 * 3. Applying is row by row: the test rows come out the same whatever other rows are in the table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/readCsv';
import { MISSING_CODE, type Column, type Table } from '../data/table';
import { createRng } from '../random';
import { applyRecipe } from './applyRecipe';
import { fitPrepare } from './fitPrepare';
import { fitRecipe, fitRecipeWithRows } from './fitRecipe';
import { newPrepareStep } from './prepareStepDefaults';
import type { PrepareStep } from './prepareSteps';
import { suggestRecipe } from './suggestRecipe';

const table = readCsv(readFileSync(new URL('../../../tests/fixtures/prep/prepare_input.csv', import.meta.url)), { fileName: 'prepare_input.csv' }).table;
const n = table.rowCount;
// A seeded 70% of the rows, not a prefix, so row positions are exercised.
const shuffled = createRng(17).shuffle(Int32Array.from({ length: n }, (_, i) => i));
const train = shuffled.slice(0, Math.floor(n * 0.7)).sort();
const test = shuffled.slice(Math.floor(n * 0.7)).sort();
const all = Int32Array.from({ length: n }, (_, i) => i);

const steps = (): PrepareStep[] => [
  newPrepareStep('parseNumbers', { id: 'p', columns: ['income'] }),
  newPrepareStep('derive', { id: 'd', name: 'ratio', formula: 'num_a / (num_b + 1)' }),
  newPrepareStep('impute', { id: 'i', columns: ['num_a', 'income'], strategy: 'median', indicator: true }),
  newPrepareStep('outliers', { id: 'o', columns: ['num_c'], method: 'zscore', k: 2, action: 'remove' }),
  newPrepareStep('yeoJohnson', { id: 'y', columns: ['num_b'] }),
  newPrepareStep('bin', { id: 'b', columns: ['ratio'], strategy: 'quantile', bins: 4 }),
  newPrepareStep('targetEncode', { id: 't', columns: ['city'], folds: 3 }),
  newPrepareStep('oneHot', { id: 'h', columns: ['color'], maxCategories: 2 }),
  newPrepareStep('scale', { id: 's', columns: ['num_d', 'income'], method: 'standard' }),
  newPrepareStep('dropCorrelated', { id: 'c', threshold: 0.9 }),
  newPrepareStep('selectKBest', { id: 'k', k: 6 }),
];

/** The table with every row outside `keep` replaced by hostile values. */
function poisoned(source: Table, keep: Int32Array): Table {
  const inTrain = new Uint8Array(source.rowCount);
  for (const r of keep) inTrain[r] = 1;
  const columns = source.columns.map((c): Column => {
    const missing = Uint8Array.from(c.missing, (m, r) => (inTrain[r] ? m : r % 3 === 0 ? 1 : 0));
    if (c.values) {
      const values = Float64Array.from(c.values, (v, r) => (inTrain[r] ? v : missing[r] ? NaN : r % 2 ? 1e300 : -1e12));
      return { ...c, values, missing };
    }
    const categories = [...c.categories!, c.name === 'y' ? 'flipped' : 'POISON'];
    const codes = Uint32Array.from(c.codes!, (code, r) => (inTrain[r] ? code : missing[r] ? MISSING_CODE : categories.length - 1));
    return { ...c, codes, categories, missing };
  });
  return { rowCount: source.rowCount, columns };
}

describe('no leakage', () => {
  it('changes what a step learns when the test rows are fitted too (impute, scale, target encoding)', () => {
    for (const step of [
      newPrepareStep('impute', { id: 'i', columns: ['num_a'], strategy: 'median' }),
      newPrepareStep('scale', { id: 's', columns: ['num_a'], method: 'standard' }),
      newPrepareStep('targetEncode', { id: 't', columns: ['city'], folds: 3 }),
    ]) {
      const onTrain = fitPrepare([step], table, train, { target: 'y' }).steps[0].fitted;
      const onAll = fitPrepare([step], table, all, { target: 'y' }).steps[0].fitted;
      expect(onAll, step.kind).not.toEqual(onTrain);
    }
  });

  it('never reads a row outside trainRows: poisoned other rows leave the fitted recipe unchanged', () => {
    const recipe = suggestRecipe(table, 'y', { prepare: steps() });
    const clean = fitRecipeWithRows(recipe, table, train);
    const dirty = fitRecipeWithRows(recipe, poisoned(table, train), train);
    expect(dirty.recipe).toEqual(clean.recipe);
    expect(Array.from(dirty.keptTrainRows)).toEqual(Array.from(clean.keptTrainRows));
    // Something was learned at all: outliers removed training rows, the target encoding is fitted.
    expect(clean.keptTrainRows.length).toBeLessThan(train.length);
    expect(clean.recipe.prepare!.every((s) => s.fitted !== undefined)).toBe(true);
  });

  it('keeps the prediction rows: row-removing steps act on training rows only', () => {
    const fitted = fitRecipe(suggestRecipe(table, 'y', { prepare: steps() }), table, train);
    const { X, featureNames } = applyRecipe(fitted, table, test);
    expect(X.length).toBe(test.length * featureNames.length);
  });

  it('transforms each row alone: the test rows come out the same beside any other rows', () => {
    const fitted = fitRecipe(suggestRecipe(table, 'y', { prepare: steps() }), table, train);
    const alone = applyRecipe(fitted, table, test);
    const besidePoison = applyRecipe(fitted, poisoned(table, test), test);
    expect(Array.from(besidePoison.X)).toEqual(Array.from(alone.X));
  });
});
