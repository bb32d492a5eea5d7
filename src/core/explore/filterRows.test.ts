import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/readCsv';
import type { Table } from '../data/table';
import { profileTable } from '../profile/profileTable';
import { filterRows } from './filterRows';
import { bool, cat, num } from './testColumns';

describe('filterRows', () => {
  const t: Table = {
    rowCount: 6,
    columns: [num('x', [1, 2, 2, NaN, 3, 0]), cat('c', ['a', 'b', null, 'a', 'b', 'a']), bool('f', [true, false, null, true, true, false])],
  };

  it('selects a half-open range, closed on request (the last histogram bin)', () => {
    expect(Array.from(filterRows(t, { column: 'x', kind: 'range', min: 1, max: 2 }))).toEqual([0]);
    expect(Array.from(filterRows(t, { column: 'x', kind: 'range', min: 1, max: 3, includeMax: true }))).toEqual([0, 1, 2, 4]);
  });

  it('selects a category, a boolean, a number as shown, and the missing cells', () => {
    expect(Array.from(filterRows(t, { column: 'c', kind: 'category', value: 'a' }))).toEqual([0, 3, 5]);
    expect(Array.from(filterRows(t, { column: 'f', kind: 'category', value: 'true' }))).toEqual([0, 3, 4]);
    expect(Array.from(filterRows(t, { column: 'x', kind: 'category', value: '2' }))).toEqual([1, 2]);
    expect(Array.from(filterRows(t, { column: 'c', kind: 'missing' }))).toEqual([2]);
    expect(Array.from(filterRows(t, { column: 'x', kind: 'missing' }))).toEqual([3]);
    expect(Array.from(filterRows(t, { column: 'c', kind: 'category', value: 'zzz' }))).toEqual([]);
    expect(() => filterRows(t, { column: 'c', kind: 'range', min: 0, max: 1 })).toThrow(/holds text/);
  });

  it('selects exactly the rows each histogram bar and top-value bar counts (penguins)', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'public', 'examples', 'penguins.csv')));
    const table = readCsv(bytes, { fileName: 'penguins.csv' }).table;
    for (const c of profileTable(table).columns) {
      if (c.histogram) {
        const { edges, counts } = c.histogram;
        counts.forEach((count, b) => {
          const rows = filterRows(table, { column: c.name, kind: 'range', min: edges[b], max: edges[b + 1], includeMax: b === counts.length - 1 });
          expect(rows.length, `${c.name} bin ${b}`).toBe(count);
        });
      }
      for (const top of c.top ?? []) expect(filterRows(table, { column: c.name, kind: 'category', value: top.value }).length).toBe(top.count);
      expect(filterRows(table, { column: c.name, kind: 'missing' }).length).toBe(c.missing);
    }
  });
});
