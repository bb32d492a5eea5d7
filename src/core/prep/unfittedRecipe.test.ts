import { describe, expect, it } from 'vitest';
import { fitRecipe } from './fitRecipe';
import { newPrepareStep } from './prepareStepDefaults';
import type { Recipe } from './recipe';
import { suggestRecipe } from './suggestRecipe';
import { tableFromColumns } from './tableFromColumns';
import { unfittedRecipe } from './unfittedRecipe';

const table = tableFromColumns([
  { name: 'age', type: 'numeric', values: [20, 30, null, 40, 50, 60] },
  { name: 'color', type: 'categorical', values: ['red', 'blue', 'red', null, 'green', 'red'] },
  { name: 'label', type: 'categorical', values: ['no', 'yes', 'no', 'yes', 'no', 'yes'] },
]);
const firstFour = Int32Array.from([0, 1, 2, 3]);
const lastFour = Int32Array.from([2, 3, 4, 5]);

describe('unfittedRecipe', () => {
  it('gives back the definition a recipe was fitted from, which fits to the same recipe again', () => {
    const suggested = suggestRecipe(table, 'label');
    const fitted = fitRecipe(suggested, table, firstFour);
    const definition = unfittedRecipe(fitted);
    const { featureTypes: _types, ...withoutTypes } = suggested;
    expect(definition).toEqual(withoutTypes);
    expect(definition.steps.every((s) => s.fitted === undefined)).toBe(true);
    expect(fitRecipe(definition, table, firstFour)).toEqual(fitted);
  });

  it('keeps step options and learns afresh from other rows, leaving the fitted recipe as it was', () => {
    const custom: Recipe = { version: 1, target: 'label', features: ['color'], steps: [{ kind: 'oneHot', columns: ['color'], maxCategories: 1 }] };
    const fitted = fitRecipe(custom, table, firstFour);
    const copy = JSON.parse(JSON.stringify(fitted));
    const refitted = fitRecipe(unfittedRecipe(fitted), table, lastFour);
    expect(refitted.steps[0]).toMatchObject({ kind: 'oneHot', maxCategories: 1 });
    expect(refitted.steps[0].fitted).toEqual(fitRecipe(custom, table, lastFour).steps[0].fitted);
    expect(refitted.steps[0].fitted).not.toEqual(fitted.steps[0].fitted);
    expect(fitted).toEqual(copy);
  });

  it('keeps the prepare steps with their options, learned parameters taken off', () => {
    const prepare = [
      newPrepareStep('derive', { id: 'd', name: 'old', formula: 'age > 30' }),
      newPrepareStep('impute', { id: 'i', columns: ['age'], strategy: 'mean', indicator: true }),
      newPrepareStep('scale', { id: 's', enabled: false, columns: ['age'] }),
    ];
    const suggested = suggestRecipe(table, 'label', { prepare });
    const fitted = fitRecipe(suggested, table, firstFour);
    expect(fitted.prepare!.slice(0, 2).every((s) => s.fitted !== undefined)).toBe(true);
    const definition = unfittedRecipe(fitted);
    expect(definition.prepare).toEqual(prepare);
    expect(fitRecipe(definition, table, firstFour)).toEqual(fitted);
    expect(fitRecipe(definition, table, lastFour).prepare![1].fitted).toEqual(fitRecipe(suggested, table, lastFour).prepare![1].fitted);
  });
});
