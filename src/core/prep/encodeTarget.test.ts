import { describe, expect, it } from 'vitest';
import { encodeTarget } from './encodeTarget';
import { tableFromColumns } from './tableFromColumns';

describe('encodeTarget', () => {
  it('classification: sorted classes, missing targets dropped, kept rows returned', () => {
    const table = tableFromColumns([{ name: 'y', type: 'categorical', values: ['b', null, 'a', 'c', 'a'] }]);
    const t = encodeTarget(table, 'y', 'classification');
    expect(t.classes).toEqual(['a', 'b', 'c']);
    expect(Array.from(t.y)).toEqual([1, 0, 2, 0]);
    expect(Array.from(t.rows)).toEqual([0, 2, 3, 4]);
  });

  it('classification of numbers sorts numerically', () => {
    const table = tableFromColumns([{ name: 'y', type: 'numeric', values: [10, 9, null, 2, 10] }]);
    const t = encodeTarget(table, 'y', 'classification');
    expect(t.classes).toEqual(['2', '9', '10']);
    expect(Array.from(t.y)).toEqual([2, 1, 0, 2]);
  });

  it('regression: numbers, and numeric text; other text is named', () => {
    const numeric = tableFromColumns([{ name: 'price', type: 'numeric', values: [1.5, null, 3] }]);
    const r = encodeTarget(numeric, 'price', 'regression');
    expect(Array.from(r.y)).toEqual([1.5, 3]);
    expect(Array.from(r.rows)).toEqual([0, 2]);
    const text = tableFromColumns([{ name: 'price', type: 'categorical', values: ['1', '2', 'cheap'] }]);
    expect(() => encodeTarget(text, 'price', 'regression')).toThrow('The target "price" must be numeric for regression, but row 3 holds "cheap".');
    expect(() => encodeTarget(text, 'nope', 'regression')).toThrow('There is no column "nope" to predict.');
  });
});
