import { describe, expect, it } from 'vitest';
import { tableFromColumns } from './tableFromColumns';
import { suggestPrepareSteps } from './suggestPrepareSteps';
import { checkPrepareSteps } from './previewPrepareStep';
import { fitPrepare } from './fitPrepare';

describe('suggestPrepareSteps', () => {
  const table = tableFromColumns([
    { name: 'id', type: 'identifier', values: ['a', 'b', 'c', 'd'] },
    { name: 'age', type: 'numeric', values: [30, null, 50, 40] },
    { name: 'city', type: 'categorical', values: ['x', 'y', null, 'x'] },
    { name: 'same', type: 'numeric', values: [1, 1, 1, 1] },
    { name: 'label', type: 'categorical', values: ['p', 'q', 'p', 'q'] },
  ]);

  it('drops unusable columns with the reason and fills numbers and categories as the default recipe does', () => {
    const steps = suggestPrepareSteps(table, 'label');
    expect(steps.map((s) => s.kind)).toEqual(['dropColumns', 'impute', 'impute']);
    expect(steps[0]).toMatchObject({ columns: ['id', 'same'] });
    expect(steps[1]).toMatchObject({ columns: ['age'], strategy: 'median' });
    expect(steps[2]).toMatchObject({ columns: ['city'], strategy: 'mostFrequent' });
    expect(checkPrepareSteps(steps, table, 'label')).toBeNull();
    const fitted = fitPrepare(steps, table, Int32Array.from([0, 1, 2, 3]), { target: 'label' });
    expect(fitted.table.columns.map((c) => c.name)).toEqual(['age', 'city']);
    expect(fitted.table.columns[0].values![1]).toBe(40);
  });
});
