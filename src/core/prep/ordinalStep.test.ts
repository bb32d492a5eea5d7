import { describe, expect, it } from 'vitest';
import { applyRecipe } from './applyRecipe';
import { fitRecipe } from './fitRecipe';
import { parseRecipe } from './parseRecipe';
import { recipeFeatureNames } from './recipe';
import { suggestRecipe } from './suggestRecipe';
import { tableFromColumns } from './tableFromColumns';

const table = tableFromColumns([
  { name: 'color', type: 'categorical', values: ['red', 'blue', 'red', null, 'green', 'blue'] },
  { name: 'size', type: 'numeric', values: [1, 2, 3, 4, 5, 6] },
  { name: 'y', type: 'numeric', values: [0, 1, 0, 1, 0, 1] },
]);
const train = Int32Array.from([0, 1, 2, 3]);

describe('the ordinal step', () => {
  it('codes each category by its sorted position among the training categories, in one column', () => {
    const recipe = fitRecipe(suggestRecipe(table, 'y', { categories: 'ordinal' }), table, train);
    expect(recipe.steps.map((s) => s.kind)).toEqual(['impute', 'ordinal', 'standardScale']);
    expect(recipe.steps[1].fitted).toEqual({ categories: [['blue', 'red']] });
    expect(recipeFeatureNames(recipe)).toEqual(['color', 'size']);
    const { X, featureNames } = applyRecipe(recipe, table, Int32Array.from([0, 1, 2, 3, 4, 5]));
    expect(featureNames).toEqual(['color', 'size']);
    // The missing row was imputed with the most frequent training value (red = 1); green was never seen: -1.
    expect(Array.from({ length: 6 }, (_, r) => X[r * 2])).toEqual([1, 0, 1, 1, -1, 0]);
  });

  it('round-trips through the bundle parser, which checks its fitted categories', () => {
    const recipe = fitRecipe(suggestRecipe(table, 'y', { categories: 'ordinal' }), table, train);
    const parsed = parseRecipe(JSON.parse(JSON.stringify(recipe)), 'recipe', { requireFitted: true });
    expect(parsed).toEqual(recipe);
    const tampered = JSON.parse(JSON.stringify(recipe));
    tampered.steps[1].fitted.categories = [['blue', 7]];
    expect(() => parseRecipe(tampered, 'recipe', { requireFitted: true })).toThrow(/recipe\.steps\[1\]\.fitted\.categories\[0\]\[1\]/);
  });
});
