import { describe, expect, it } from 'vitest';
import type { Table } from '../data/table';
import { scatterSample } from './scatterSample';
import { cat, num } from './testColumns';

describe('scatterSample', () => {
  const n = 1_000_000;
  const big: Table = {
    rowCount: n,
    columns: [
      { name: 'x', type: 'numeric', inferredType: 'numeric', values: Float64Array.from({ length: n }, (_, i) => i * 0.5), missing: new Uint8Array(n) },
    ],
  };

  it('never returns a million points, and the same seed gives the same rows', () => {
    const a = scatterSample(big, ['x'], 2000, 7);
    expect(a.rows).toHaveLength(2000);
    expect(a.values[0]).toHaveLength(2000);
    expect(Array.from(a.rows).every((r, i) => i === 0 || r > a.rows[i - 1])).toBe(true);
    expect(a.values[0].every((v, i) => v === a.rows[i] * 0.5)).toBe(true);
    expect(scatterSample(big, ['x'], 2000, 7)).toEqual(a);
    expect(Array.from(scatterSample(big, ['x'], 2000, 8).rows)).not.toEqual(Array.from(a.rows));
    // Spread over the whole table, not the first rows.
    expect(a.rows[a.rows.length - 1]).toBeGreaterThan(n * 0.9);
    expect(scatterSample(big, ['x']).rows).toHaveLength(2000);
  });

  it('keeps every row of a small table, with nulls for missing cells and codes for categories', () => {
    const t: Table = { rowCount: 4, columns: [num('a', [1, NaN, 3, Infinity]), cat('b', ['u', 'v', null, 'u'])] };
    const s = scatterSample(t, ['b', 'a'], 10, 1);
    expect(Array.from(s.rows)).toEqual([0, 1, 2, 3]);
    expect(s.values).toEqual([[0, 1, null, 0], [1, null, 3, null]]);
    expect(s.categories).toEqual([['u', 'v'], null]);
    expect(JSON.stringify(s.values)).not.toMatch(/NaN|Infinity/);
    expect(() => scatterSample(t, ['zz'])).toThrow(/no column "zz"/);
  });
});
