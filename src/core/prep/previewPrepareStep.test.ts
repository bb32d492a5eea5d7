import { describe, expect, it } from 'vitest';
import { newPrepareStep } from './prepareStepDefaults';
import { checkPrepareSteps, previewPrepareStep } from './previewPrepareStep';
import { tableFromColumns } from './tableFromColumns';

const table = tableFromColumns([
  { name: 'Fare', type: 'numeric', values: [7.25, 71.3, 8.05, null, 53.1, 8.46] },
  { name: 'SibSp', type: 'numeric', values: [1, 1, 0, 0, 1, 0] },
  { name: 'Survived', type: 'categorical', values: ['no', 'yes', 'yes', 'no', 'yes', 'no'] },
]);

describe('previewPrepareStep', () => {
  it('shows the columns a step adds or changes, before and after, with the row counts', () => {
    const steps = [
      newPrepareStep('impute', { id: 'i', columns: ['Fare'], strategy: 'median' }),
      newPrepareStep('derive', { id: 'd', name: 'fpp', formula: 'Fare / (SibSp + 1)' }),
      newPrepareStep('dropDuplicates', { id: 'x' }),
    ];
    const preview = previewPrepareStep(steps, 'i', table, 'Survived');
    expect(preview).toMatchObject({ stepId: 'i', rowsBefore: 6, rowsAfter: 6, sampled: 6, total: 6, description: 'Imputed Fare with the median 8.46 fitted on 6 training rows (1 missing).' });
    expect(preview.columns).toEqual([{ name: 'Fare', change: 'changed', before: ['7.25', '71.3', '8.05', '', '53.1', '8.46'], after: ['7.25', '71.3', '8.05', '8.46', '53.1', '8.46'] }]);
    expect(previewPrepareStep(steps, 'd', table, 'Survived').columns.map((c) => [c.name, c.change])).toEqual([['fpp', 'added']]);
  });

  it('points at the position of a formula error, and names a step on a column that is gone', () => {
    const bad = [newPrepareStep('derive', { id: 'd', name: 'fpp', formula: 'Fare / (SibSpp + 1)' })];
    expect(checkPrepareSteps(bad, table, 'Survived')).toMatchObject({ stepId: 'd', position: 8 });
    const gone = [newPrepareStep('dropColumns', { id: 'x', columns: ['Fare'] }), newPrepareStep('log', { id: 'l', columns: ['Fare'] })];
    expect(checkPrepareSteps(gone, table, 'Survived')).toEqual({ stepId: 'l', message: 'The log step (step 2) needs the column "Fare", which is not among the columns at that point.' });
    expect(checkPrepareSteps(gone.slice(0, 1), table, 'Survived')).toBeNull();
  });
});
