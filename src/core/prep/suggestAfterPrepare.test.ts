import { describe, expect, it } from 'vitest';
import { applyRecipe } from './applyRecipe';
import { fitRecipe } from './fitRecipe';
import { newPrepareStep } from './prepareStepDefaults';
import { recipeFeatureNames } from './recipe';
import { suggestRecipe } from './suggestRecipe';
import { tableFromColumns } from './tableFromColumns';

const table = tableFromColumns([
  { name: 'id', type: 'identifier', values: ['a', 'b', 'c', 'd', 'e', 'f'] },
  { name: 'income', type: 'text', values: ['1,200', '3,000', '950', '2,500', null, '4,100'] },
  { name: 'name', type: 'text', values: ['Ann Lee', 'Bo Li', 'Cy Ng', 'Di Wu', 'Ed Yu', 'Fa Xu'] },
  { name: 'city', type: 'categorical', values: ['x', 'y', 'x', 'z', 'y', 'x'] },
  { name: 'when', type: 'datetime', values: ['2024-01-01', '2024-02-01', '2024-03-04', '2024-04-01', '2024-05-01', '2024-06-03'] },
  { name: 'age', type: 'numeric', values: [20, 30, null, 40, 50, 60] },
  { name: 'label', type: 'categorical', values: ['no', 'yes', 'no', 'yes', 'no', 'yes'] },
]);
const all = Int32Array.from({ length: 6 }, (_, i) => i);

describe('suggestRecipe with prepare steps', () => {
  it('takes the columns the steps read as inputs and encodes the columns they leave', () => {
    const prepare = [
      newPrepareStep('parseNumbers', { id: 'n', columns: ['income'] }),
      newPrepareStep('derive', { id: 'd', name: 'initial', formula: 'upper(name) == "ANN LEE"' }),
      newPrepareStep('dateParts', { id: 'p', columns: ['when'], parts: ['month', 'weekday'], dropOriginal: true }),
      newPrepareStep('oneHot', { id: 'h', columns: ['city'], maxCategories: 5 }),
      newPrepareStep('dropColumns', { id: 'x', columns: ['age'] }),
    ];
    const recipe = suggestRecipe(table, 'label', { prepare, categories: 'ordinal' });
    // income and name are text the default would leave out, but the steps read them; age is only dropped.
    expect(recipe.features).toEqual(['income', 'name', 'city', 'when']);
    expect(recipe.dropped).toEqual([
      { column: 'id', reason: 'an identifier: its values are unique per row and do not generalise' },
      { column: 'age', reason: 'dropped by a dropColumns step' },
    ]);
    // The name text is still there after the steps: an added step drops it, with the reason.
    expect(recipe.prepare!.at(-1)).toEqual({ id: 'suggested-drop', kind: 'dropColumns', enabled: true, columns: ['name'], reasons: ['free text: the default recipe does not use it'] });
    expect(recipe.steps).toEqual([
      { kind: 'impute', columns: ['income', 'when_month', 'when_weekday', 'initial'] },
      { kind: 'ordinal', columns: ['initial'] },
      { kind: 'standardScale', columns: ['income', 'when_month', 'when_weekday'] },
    ]);
    const fitted = fitRecipe(recipe, table, all);
    expect(recipeFeatureNames(fitted)).toEqual(['income', 'city=x', 'city=y', 'city=z', 'when_month', 'when_weekday', 'initial']);
    expect(applyRecipe(fitted, table).featureNames).toEqual(recipeFeatureNames(fitted));
  });

  it('keeps disabled steps and otherwise suggests what it would without them', () => {
    const prepare = [newPrepareStep('log', { id: 'l', enabled: false, columns: ['age'] })];
    const recipe = suggestRecipe(table, 'label', { prepare });
    const { prepare: kept, ...rest } = recipe;
    expect(kept).toEqual(prepare);
    expect(rest).toEqual(suggestRecipe(table, 'label'));
  });
});
