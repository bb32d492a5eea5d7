import { describe, expect, it } from 'vitest';
import { MISSING_CODE, type Column, type Table } from '../data/table';
import { medianSorted, quantileSorted } from './numericSummary';
import { profileTable } from './profileTable';
import { sortFloat64 } from './sortFloat64';

function numeric(name: string, values: number[]): Column {
  return {
    name,
    type: 'numeric',
    inferredType: 'numeric',
    values: Float64Array.from(values),
    missing: Uint8Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0)),
  };
}

describe('sortFloat64', () => {
  it('sorts like a numeric comparator, negatives, zeros and infinities included', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const xs = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? Math.round(rand() * 20 - 10) : (rand() - 0.5) * 1e6));
    xs.push(Infinity, -Infinity, 0, -0, 1e-300, -1e-300, Number.MAX_VALUE, -Number.MAX_VALUE);
    const sorted = Array.from(sortFloat64(Float64Array.from(xs)));
    const expected = [...xs].sort((a, b) => a - b);
    // === treats -0 and 0 as equal, as the profile's distinct count does.
    expect(sorted.every((v, i) => v === expected[i])).toBe(true);
  });
});

describe('quantiles', () => {
  it('interpolate linearly like numpy', () => {
    const a = [1, 2, 3, 4];
    expect(quantileSorted(a, 0.25)).toBe(1.75);
    expect(quantileSorted(a, 0.75)).toBe(3.25);
    expect(medianSorted(a)).toBe(2.5);
    expect(medianSorted([5])).toBe(5);
  });
});

describe('profileTable edge cases', () => {
  it('never puts NaN or Infinity in the JSON', () => {
    const table: Table = {
      rowCount: 3,
      columns: [
        numeric('all missing', [NaN, NaN, NaN]),
        numeric('single', [NaN, 4, NaN]),
        numeric('constant', [2, 2, 2]),
        numeric('infinite', [1, Infinity, -Infinity]),
      ],
    };
    const p = profileTable(table);
    const json = JSON.stringify(p);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json)).toEqual(p);
    const [none, single, constant] = p.columns;
    expect(none).toMatchObject({ count: 0, missing: 3, unique: 0, mean: null, std: null, min: null, median: null });
    expect(single).toMatchObject({ count: 1, mean: 4, std: null, min: 4, max: 4, q1: 4, q3: 4 });
    expect(constant).toMatchObject({ std: 0, unique: 1 });
    expect(constant.histogram!.counts.reduce((a, b) => a + b)).toBe(3);
    expect(p.correlations.pearson.flat().every((r) => r === null || Number.isFinite(r))).toBe(true);
    expect(p.correlations.pearson[2][2]).toBeNull();
  });

  it('profiles booleans, datetimes and ties in top values', () => {
    const table: Table = {
      rowCount: 5,
      columns: [
        { name: 'flag', type: 'boolean', inferredType: 'boolean', values: Float64Array.from([0, 1, NaN, 1, 0]), missing: Uint8Array.from([0, 0, 1, 0, 0]) },
        { name: 'when', type: 'datetime', inferredType: 'datetime', values: Float64Array.from([Date.UTC(2020, 1, 3), NaN, Date.UTC(2019, 0, 1), Date.UTC(2021, 5, 6, 12), 0]), missing: Uint8Array.from([0, 1, 0, 0, 0]) },
        { name: 'cat', type: 'categorical', inferredType: 'categorical', codes: Uint32Array.from([1, 0, MISSING_CODE, 0, 1]), categories: ['a', 'b', 'unused'], missing: Uint8Array.from([0, 0, 1, 0, 0]) },
      ],
    };
    const [flag, when, cat] = profileTable(table).columns;
    expect(flag).toMatchObject({ count: 4, missing: 1, unique: 2, top: [{ value: 'false', count: 2 }, { value: 'true', count: 2 }] });
    expect(when).toMatchObject({ count: 4, missing: 1, unique: 4, min: '1970-01-01', max: '2021-06-06T12:00:00Z' });
    expect(cat).toMatchObject({ count: 4, unique: 2, top: [{ value: 'b', count: 2 }, { value: 'a', count: 2 }] });
  });

  it('keeps the ten most frequent categories', () => {
    const codes = Uint32Array.from({ length: 300 }, (_, i) => i % 25 < 12 ? i % 25 : 12 + (i % 13));
    const categories = Array.from({ length: 25 }, (_, i) => `c${i}`);
    const table: Table = {
      rowCount: codes.length,
      columns: [{ name: 'c', type: 'categorical', inferredType: 'categorical', codes, categories, missing: new Uint8Array(codes.length) }],
    };
    const counts = new Map<string, number>();
    let order: string[] = [];
    for (const c of codes) {
      const v = categories[c];
      if (!counts.has(v)) order.push(v);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    order = order.sort((a, b) => counts.get(b)! - counts.get(a)!); // stable: ties keep first appearance
    const top = profileTable(table).columns[0].top!;
    expect(top).toEqual(order.slice(0, 10).map((value) => ({ value, count: counts.get(value) })));
  });
});

describe('pearsonMatrix', () => {
  it('matches a direct pairwise-complete computation across row blocks', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 5000;
    const base = Array.from({ length: n }, () => rand());
    const cols = [0, 1, 2, 3, 4].map((j) =>
      numeric(`x${j}`, base.map((b, i) => {
        if ((j === 1 && rand() < 0.1) || (j === 3 && i > 1500 && i < 3200)) return NaN;
        return 1e4 + b * (j + 1) + rand() * (j === 4 ? 0 : 0.5) + (j === 2 ? i * 1e-3 : 0);
      })),
    );
    const p = profileTable({ rowCount: n, columns: cols });
    const direct = (a: Float64Array, b: Float64Array) => {
      const rows = [...a.keys()].filter((i) => !Number.isNaN(a[i]) && !Number.isNaN(b[i]));
      const ma = rows.reduce((s, i) => s + a[i], 0) / rows.length;
      const mb = rows.reduce((s, i) => s + b[i], 0) / rows.length;
      let sab = 0, saa = 0, sbb = 0;
      for (const i of rows) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) ** 2;
        sbb += (b[i] - mb) ** 2;
      }
      return sab / Math.sqrt(saa * sbb);
    };
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        const expected = a === b ? 1 : direct(cols[a].values!, cols[b].values!);
        expect(Math.abs((p.correlations.pearson[a][b] as number) - expected)).toBeLessThan(1e-9);
      }
    }
  });
});
