import { describe, expect, it } from 'vitest';
import { fitRecipe } from './fitRecipe';
import { parseRecipe } from './parseRecipe';
import { suggestRecipe } from './suggestRecipe';
import { tableFromColumns } from './tableFromColumns';

const table = tableFromColumns([
  { name: 'x', type: 'numeric', values: [1, 2, null, 4] },
  { name: 'c', type: 'categorical', values: ['a', 'b', 'a', null] },
  { name: 'y', type: 'numeric', values: [0, 1, 0, 1] },
]);
const fitted = fitRecipe(suggestRecipe(table, 'y'), table, Int32Array.from([0, 1, 2, 3]));
const clone = () => JSON.parse(JSON.stringify(fitted));

describe('parseRecipe', () => {
  it('accepts a suggested recipe and a fitted one, returning an equal clean copy', () => {
    const suggested = suggestRecipe(table, 'y');
    expect(parseRecipe(JSON.parse(JSON.stringify(suggested)))).toEqual(suggested);
    expect(parseRecipe(clone(), 'recipe', { requireFitted: true })).toEqual(fitted);
    expect(parseRecipe({ ...clone(), extra: 'ignored' })).not.toHaveProperty('extra');
  });

  it.each<[string, (r: Record<string, any>) => void, string]>([ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['version', (r) => (r.version = 3), '"recipe.version" is 3, expected 1.'],
    ['duplicate features', (r) => r.features.push('x'), '"recipe.features[2]" is "x", which is listed twice.'],
    ['the target as a feature', (r) => (r.features[0] = 'y'), '"recipe.features[0]" is the target "y"; the target cannot be an input.'],
    ['a scaled category', (r) => r.steps[2].columns.push('c'), '"recipe.steps[2].columns[1]" is "c", which is not a column at this step.'],
    [
      'a one-hot of a number',
      (r) => r.steps.push({ kind: 'oneHot', columns: ['c=a'], fitted: { categories: [['1']], other: [[]] } }),
      '"recipe.steps[3].columns[0]" is "c=a", expected a category column.',
    ],
    ['a text fill for a number', (r) => (r.steps[0].fitted.fill[0] = 'two'), '"recipe.steps[0].fitted.fill[0]" is "two", expected a finite number.'],
    ['a missing fitted block', (r) => delete r.steps[1].fitted, '"recipe.steps[1].fitted" is missing, expected the fitted parameters.'],
    ['a bad feature type', (r) => (r.featureTypes[0] = 'blob'), '"recipe.featureTypes[0]" is "blob", expected one of numeric, categorical'],
  ])('rejects %s', (_, edit, message) => {
    const r = clone();
    edit(r);
    expect(() => parseRecipe(r, 'recipe', { requireFitted: true })).toThrow(message);
  });
});
