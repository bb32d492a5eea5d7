import { describe, expect, it } from 'vitest';
import { describeRecipe, describeRecipeText } from './describeRecipe';
import { fitRecipe } from './fitRecipe';
import { newPrepareStep } from './prepareStepDefaults';
import { suggestRecipe } from './suggestRecipe';
import { tableFromColumns } from './tableFromColumns';

// A Titanic-like table: 891 rows, the first 712 for training.
const n = 891;
const table = tableFromColumns([
  { name: 'Age', type: 'numeric', values: Array.from({ length: n }, (_, r) => (r % 5 === 0 ? null : 18 + (r % 21))) },
  { name: 'Fare', type: 'numeric', values: Array.from({ length: n }, (_, r) => 5 + (r % 40)) },
  { name: 'SibSp', type: 'numeric', values: Array.from({ length: n }, (_, r) => r % 3) },
  { name: 'Cabin', type: 'categorical', values: Array.from({ length: n }, (_, r) => (r % 100 < 77 ? null : `C${r % 7}`)) },
  { name: 'Survived', type: 'categorical', values: Array.from({ length: n }, (_, r) => (r % 2 ? 'yes' : 'no')) },
]);
const train = Int32Array.from({ length: 712 }, (_, i) => i);

describe('describeRecipe', () => {
  it('says what each step did, with what it learned and from how many training rows', () => {
    const prepare = [
      newPrepareStep('impute', { id: 'age', columns: ['Age'], strategy: 'median' }),
      newPrepareStep('dropColumns', { id: 'cabin', columns: [], missingAbove: 0.5 }),
      newPrepareStep('derive', { id: 'fpp', name: 'fare_per_person', formula: 'Fare / (SibSp + 1)' }),
      newPrepareStep('log', { id: 'off', enabled: false, columns: ['Fare'] }),
    ];
    const recipe = fitRecipe(suggestRecipe(table, 'Survived', { prepare }), table, train);
    const described = describeRecipe(recipe, { trainRows: 712 });
    expect(described.slice(0, 4).map((d) => d.sentences)).toEqual([
      ['Imputed Age with the median 28.0 fitted on 712 training rows (143 missing).'],
      ['Dropped Cabin: 77% missing.'],
      ['Derived fare_per_person = Fare / (SibSp + 1).'],
      ['The log step is turned off and changes nothing.'],
    ]);
    expect(described[0]).toMatchObject({ part: 'prepare', index: 0, id: 'age', kind: 'impute' });
    expect(described.slice(4).every((d) => d.part === 'encoding')).toBe(true);
    expect(describeRecipeText(recipe, { trainRows: 712 })).toContain('Standardised fare_per_person for the model with mean 14.88 and standard deviation 10.39 fitted on 712 training rows.');
  });

  it('describes the default encoding the same way', () => {
    const recipe = fitRecipe(suggestRecipe(table, 'Survived'), table, train);
    expect(describeRecipeText(recipe, { trainRows: 712 })).toContain('Imputed Age with the median 28.0 fitted on 712 training rows.');
  });

  it('says what an unfitted step will do', () => {
    const recipe = suggestRecipe(table, 'Survived', { prepare: [newPrepareStep('outliers', { id: 'o', columns: ['Fare'], action: 'remove' })] });
    expect(describeRecipe(recipe)[0].sentences).toEqual(['Removes training rows with Fare outside the IQR x 1.5 bounds of the training rows.']);
  });
});
