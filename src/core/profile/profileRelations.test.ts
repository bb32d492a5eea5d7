/** Spearman, Cramér's V, duplicates and the overview against direct (slow, obvious) computations. */
import { describe, expect, it } from 'vitest';
import { MISSING_CODE, type Table } from '../data/table';
import { createRng } from '../random';
import { countDuplicateRows } from './duplicateRows';
import { coded, numeric } from './testColumns';
import { profileTable } from './profileTable';

/** pandas' rank(method='average') of a list. */
function averageRanks(xs: number[]): number[] {
  const idx = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const ranks = new Array<number>(xs.length);
  for (let p = 0; p < idx.length; ) {
    let q = p + 1;
    while (q < idx.length && xs[idx[q]] === xs[idx[p]]) q++;
    for (let t = p; t < q; t++) ranks[idx[t]] = (p + q + 1) / 2;
    p = q;
  }
  return ranks;
}

/** pandas' nancorr_spearman for one pair: finite rows of both, ranked within them. */
function directSpearman(a: Float64Array, b: Float64Array): number | null {
  const rows = [...a.keys()].filter((i) => Number.isFinite(a[i]) && Number.isFinite(b[i]));
  const ra = averageRanks(rows.map((i) => a[i]));
  const rb = averageRanks(rows.map((i) => b[i]));
  const mean = (rows.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  rows.forEach((_, i) => {
    sxy += (ra[i] - mean) * (rb[i] - mean);
    sxx += (ra[i] - mean) ** 2;
    syy += (rb[i] - mean) ** 2;
  });
  const d = Math.sqrt(sxx * syy);
  return rows.length < 2 || d === 0 ? null : sxy / d;
}

describe('spearman', () => {
  it('matches per-pair re-ranking with gaps, ties, infinities and constant columns', () => {
    const rng = createRng(21);
    const n = 3000;
    const base = Array.from({ length: n }, () => rng.normal());
    const cols = [
      numeric('smooth', base.map((b) => b + rng.normal() * 0.3)),
      numeric('gappy', base.map((b) => (rng.next() < 0.08 ? NaN : Math.exp(b)))),
      numeric('ties', base.map((b) => Math.round(b * 2))),
      numeric('gappy ties', base.map((b, i) => (i % 17 === 0 ? NaN : Math.round(-b)))),
      numeric('infinite', base.map((b, i) => (i % 50 === 0 ? Infinity : i % 51 === 0 ? -Infinity : b * b))),
      numeric('block gap', base.map((b, i) => (i > 1000 && i < 2200 ? NaN : rng.next() + b))),
      numeric('constant', base.map(() => 4)),
    ];
    const p = profileTable({ rowCount: n, columns: cols });
    cols.forEach((a, i) =>
      cols.forEach((b, j) => {
        const expected = i === j ? (a.name === 'constant' ? null : 1) : directSpearman(a.values!, b.values!);
        const actual = p.correlations.spearman[i][j];
        if (expected === null) expect(actual, `${a.name} x ${b.name}`).toBeNull();
        else expect(Math.abs((actual as number) - expected), `${a.name} x ${b.name}`).toBeLessThan(1e-12);
      }),
    );
  });

  it('re-ranks exactly when many rows of a tie group drop out, on one side or both', () => {
    const rng = createRng(33);
    const n = 4000;
    const base = Array.from({ length: n }, () => rng.normal());
    // Few values (long tie groups), gaps of 30% and whole groups gone in places, an untied column.
    const cols = [
      numeric('three values', base.map((b) => Math.sign(Math.round(b)))),
      numeric('gappy', base.map((b, i) => (rng.next() < 0.3 || (b > 1 && i % 2 === 0) ? NaN : b + rng.normal()))),
      numeric('gappy ties', base.map((b) => (rng.next() < 0.3 ? NaN : Math.round(b * 3) / 3))),
      numeric('untied', base.map((b) => b * 2 + rng.normal())),
      numeric('two values', base.map((b) => (b > 0.5 ? 1 : 0))),
    ];
    const p = profileTable({ rowCount: n, columns: cols });
    cols.forEach((a, i) =>
      cols.forEach((b, j) => {
        if (i === j) return;
        const expected = directSpearman(a.values!, b.values!)!;
        expect(Math.abs((p.correlations.spearman[i][j] as number) - expected), `${a.name} x ${b.name}`).toBeLessThan(1e-12);
      }),
    );
  });

  it('can be turned off', () => {
    const p = profileTable({ rowCount: 3, columns: [numeric('a', [1, 2, 3]), numeric('b', [3, 1, 2])] }, { spearman: false });
    expect(p.correlations.spearman).toEqual([]);
    expect(p.correlations.pearson[0][1]).toBeCloseTo(-0.5, 12);
  });
});

describe("Cramér's V", () => {
  it('matches chi-square on the pairwise-complete contingency table, unused categories dropped', () => {
    const rng = createRng(4);
    const n = 2000;
    const a = Array.from({ length: n }, () => (rng.next() < 0.05 ? null : rng.int(4)));
    const b = a.map((x) => (rng.next() < 0.1 ? null : x === null ? rng.int(3) : (x + (rng.next() < 0.3 ? 1 : 0)) % 3));
    const c = a.map(() => 0);
    const p = profileTable({ rowCount: n, columns: [coded('a', a, 6), coded('b', b, 3), coded('one level', c, 2)] });
    expect(p.associations.columns).toEqual(['a', 'b', 'one level']);
    const rows = a.map((_, i) => i).filter((i) => a[i] !== null && b[i] !== null);
    const table = new Map<string, number>();
    rows.forEach((i) => table.set(`${a[i]},${b[i]}`, (table.get(`${a[i]},${b[i]}`) ?? 0) + 1));
    const ra = [...new Set(rows.map((i) => a[i]!))];
    const rb = [...new Set(rows.map((i) => b[i]!))];
    let chi2 = 0;
    for (const x of ra) {
      for (const y of rb) {
        const rx = rows.filter((i) => a[i] === x).length;
        const cy = rows.filter((i) => b[i] === y).length;
        const e = (rx * cy) / rows.length;
        chi2 += ((table.get(`${x},${y}`) ?? 0) - e) ** 2 / e;
      }
    }
    const v = Math.sqrt(chi2 / rows.length / (Math.min(ra.length, rb.length) - 1));
    expect(p.associations.cramersV[0][1]).toBeCloseTo(v, 12);
    expect(p.associations.cramersV[1][0]).toBe(p.associations.cramersV[0][1]);
    expect(p.associations.cramersV[0][0]).toBe(1);
    expect(p.associations.cramersV[2]).toEqual([null, null, null]);
  });
});

describe('duplicate rows', () => {
  it('counts rows equal to an earlier one, missing equal to missing and -0 equal to 0', () => {
    const t: Table = {
      rowCount: 7,
      columns: [numeric('x', [1, 1, NaN, NaN, 0, -0, 2]), coded('c', [0, 0, null, null, 1, 1, 1], 2)],
    };
    expect(countDuplicateRows(t)).toBe(3);
    expect(profileTable(t).overview.duplicateRows).toBe(3);
    expect(profileTable(t, { duplicates: false }).overview.duplicateRows).toBeNull();
  });

  it('agrees with a string-key count on a large table with many collisions to resolve', () => {
    const rng = createRng(8);
    const n = 50_000;
    const x = Array.from({ length: n }, () => (rng.next() < 0.05 ? NaN : rng.int(30)));
    const y = Array.from({ length: n }, () => rng.int(40));
    const z = Array.from({ length: n }, () => (rng.next() < 0.1 ? null : rng.int(5)));
    const t: Table = { rowCount: n, columns: [numeric('x', x), coded('y', y, 40), coded('z', z, 5)] };
    const seen = new Set<string>();
    let dup = 0;
    for (let i = 0; i < n; i++) {
      const key = `${x[i]}|${y[i]}|${z[i]}`;
      if (seen.has(key)) dup++;
      else seen.add(key);
    }
    expect(countDuplicateRows(t)).toBe(dup);
  });
});

describe('overview and empty columns', () => {
  it('never puts NaN or Infinity in the JSON, for every type of empty column and an empty table', () => {
    const n = 4;
    const none = () => new Uint8Array(n).fill(1);
    const t: Table = {
      rowCount: n,
      columns: [
        numeric('num', [NaN, NaN, NaN, NaN]),
        { name: 'cat', type: 'categorical', inferredType: 'categorical', codes: new Uint32Array(n).fill(MISSING_CODE), categories: [], missing: none() },
        { name: 'txt', type: 'text', inferredType: 'text', codes: new Uint32Array(n).fill(MISSING_CODE), categories: [], missing: none() },
        { name: 'id', type: 'identifier', inferredType: 'identifier', codes: new Uint32Array(n).fill(MISSING_CODE), categories: [], missing: none() },
        { name: 'flag', type: 'boolean', inferredType: 'boolean', values: new Float64Array(n).fill(NaN), missing: none() },
        { name: 'when', type: 'datetime', inferredType: 'datetime', values: new Float64Array(n).fill(NaN), missing: none() },
        numeric('two', [1, NaN, 2, NaN]),
      ],
    };
    const p = profileTable(t);
    const json = JSON.stringify(p);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json)).toEqual(p);
    expect(p.columns[0]).toMatchObject({ count: 0, skewness: null, zeros: 0, box: null, histogram: { edges: [], counts: [] } });
    expect(p.columns[2]).toMatchObject({ count: 0, meanLength: null, top: [] });
    expect(p.columns[5]).toMatchObject({ min: null, max: null, timeline: { edges: [], counts: [] } });
    expect(p.columns[6]).toMatchObject({ skewness: null, box: { q1: 1.25, median: 1.5, q3: 1.75, outliers: 0, outlierSample: [] } });
    // Rows 1 and 3 are missing everywhere: one duplicate.
    expect(p.overview).toMatchObject({ rows: 4, columns: 7, missingCells: 26, duplicateRows: 1 });
    expect(p.overview.typeCounts).toEqual({ numeric: 2, categorical: 1, boolean: 1, datetime: 1, text: 1, identifier: 1 });
    expect(p.correlations.spearman).toEqual([[null, null], [null, 1]]);
    expect(p.associations).toEqual({ columns: ['cat', 'flag'], cramersV: [[null, null], [null, null]] });

    const empty = profileTable({ rowCount: 0, columns: [numeric('a', []), coded('b', [], 0)] });
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
    expect(empty.overview).toMatchObject({ rows: 0, duplicateRows: 0, missingCells: 0 });
    expect(JSON.stringify(profileTable({ rowCount: 0, columns: [] }))).not.toMatch(/NaN|Infinity/);
  });

  it('gives skewness 0 for a constant column and marks IQR outliers', () => {
    const values = [...Array.from({ length: 20 }, (_, i) => i % 5), 100, -50];
    const p = profileTable({ rowCount: values.length, columns: [numeric('x', values), numeric('k', values.map(() => 3))] });
    expect(p.columns[1].skewness).toBe(0);
    expect(p.columns[0].zeros).toBe(4);
    expect(p.columns[0].box).toMatchObject({ lowerWhisker: 0, upperWhisker: 4, outliers: 2, outlierSample: [-50, 100] });
  });
});
