import { describe, expect, it } from 'vitest';
import { fitRecipe } from './fitRecipe';
import { newPrepareStep } from './prepareStepDefaults';
import { recipeFeatureSources } from './preparedLineage';
import { recipeFeatureNames } from './recipe';
import { suggestRecipe } from './suggestRecipe';
import { tableFromColumns } from './tableFromColumns';

describe('recipeFeatureSources', () => {
  it('traces each model input back to the columns it is made from', () => {
    const table = tableFromColumns([
      { name: 'Fare', type: 'numeric', values: [7, 71, 8, null, 53, 8] },
      { name: 'SibSp', type: 'numeric', values: [1, 1, 0, 0, 1, 0] },
      { name: 'Embarked', type: 'categorical', values: ['S', 'C', 'S', 'Q', 'S', 'C'] },
      { name: 'Sex', type: 'categorical', values: ['m', 'f', 'f', 'm', 'f', 'm'] },
      { name: 'Survived', type: 'categorical', values: ['no', 'yes', 'yes', 'no', 'yes', 'no'] },
    ]);
    const prepare = [
      newPrepareStep('impute', { id: 'i', columns: ['Fare'], indicator: true }),
      newPrepareStep('derive', { id: 'd', name: 'fpp', formula: 'Fare / (SibSp + 1)' }),
      newPrepareStep('oneHot', { id: 'h', columns: ['Embarked'] }),
    ];
    const recipe = fitRecipe(suggestRecipe(table, 'Survived', { prepare }), table, Int32Array.from([0, 1, 2, 3, 4, 5]));
    const names = recipeFeatureNames(recipe);
    const sources = recipeFeatureSources(recipe);
    const byName = Object.fromEntries(names.map((n, i) => [n, sources[i].map((f) => recipe.features[f])]));
    expect(byName).toEqual({
      Fare: ['Fare'],
      Fare_missing: ['Fare'],
      SibSp: ['SibSp'],
      'Embarked=C': ['Embarked'],
      'Embarked=Q': ['Embarked'],
      'Embarked=S': ['Embarked'],
      'Sex=f': ['Sex'],
      'Sex=m': ['Sex'],
      fpp: ['Fare', 'SibSp'],
    });
  });
});
