import { describe, expect, it } from 'vitest';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { JsonShapeError } from '../bundle/jsonShape';
import { buildDriftReference, MAX_POINTS } from './driftReference';
import { driftReferenceJson } from './driftReferenceJson';
import type { CategoricalReference, DriftReference, NumericReference } from './driftTypes';
import { parseDriftReference } from './parseDriftReference';
import { MAX_CATEGORIES } from './summariseColumn';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('buildDriftReference', () => {
  it('summarises numbers as decile bins and an exact sketch while the distinct values fit', () => {
    const table = tableFromColumns([{ name: 'x', type: 'numeric', values: [...oneToHundred, null, null] }]);
    const ref = buildDriftReference(table, [{ name: 'x', type: 'numeric' }]);
    const x = ref.columns[0] as NumericReference;
    expect(ref.rows).toBe(102);
    expect(x).toMatchObject({ name: 'x', kind: 'numeric', type: 'numeric', count: 100, missing: 2, exact: true });
    expect(x.edges).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(x.bins).toEqual(Array(10).fill(10));
    expect(x.points).toEqual(oneToHundred);
    expect(x.pointCounts).toEqual(Array(100).fill(1));
  });

  it('keeps evenly spaced ranks of a column with more distinct values than points, min and max included', () => {
    const values = Array.from({ length: 5000 }, (_, i) => i * 0.5);
    const ref = buildDriftReference(tableFromColumns([{ name: 'x', type: 'numeric', values }]), [{ name: 'x', type: 'numeric' }]);
    const x = ref.columns[0] as NumericReference;
    expect(x.exact).toBe(false);
    expect(x.points).toHaveLength(MAX_POINTS);
    expect(x.points[0]).toBe(0);
    expect(x.points[MAX_POINTS - 1]).toBe(2499.5);
    expect(x.pointCounts.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(Math.max(...x.pointCounts)).toBeLessThanOrEqual(Math.ceil(4999 / 999));
  });

  it('bins booleans as false and true, and datetimes as numbers', () => {
    const table = tableFromColumns([
      { name: 'flag', type: 'boolean', values: [true, true, true, false] },
      { name: 'when', type: 'datetime', values: ['2024-01-01', '2024-01-02', '2024-01-02', null] },
    ]);
    const [flag, when] = buildDriftReference(table, [
      { name: 'flag', type: 'boolean' },
      { name: 'when', type: 'datetime' },
    ]).columns as NumericReference[];
    expect(flag).toMatchObject({ edges: [0], bins: [1, 3], points: [0, 1], pointCounts: [1, 3] });
    expect(when.points).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
    expect(when.missing).toBe(1);
  });

  it('counts categories most frequent first, up to 200, and the rest as other', () => {
    const values: CellValue[] = [];
    for (let k = 0; k < 250; k++) for (let r = 0; r <= (k < 3 ? 10 - k : 1); r++) values.push(`c${k}`);
    values.push('x'.repeat(1001), '__proto__', '__proto__', '__proto__', null);
    const ref = buildDriftReference(tableFromColumns([{ name: 'kind', type: 'categorical', values }]), [{ name: 'kind', type: 'categorical' }]);
    const kind = ref.columns[0] as CategoricalReference;
    expect(kind.categories.slice(0, 5)).toEqual(['c0', 'c1', 'c2', '__proto__', 'c3']);
    expect(kind.counts.slice(0, 3)).toEqual([11, 10, 9]);
    expect(kind.categories).toHaveLength(MAX_CATEGORIES);
    expect(kind.categories).toContain('__proto__');
    expect(kind.categories.some((c) => c.length > 1000)).toBe(false);
    expect(kind.count).toBe(values.length - 1);
    expect(kind.counts.reduce((a, b) => a + b, 0) + kind.other).toBe(kind.count);
    expect(kind.missing).toBe(1);
  });

  it('summarises predictions: every class listed, or a numeric sketch', () => {
    const table = tableFromColumns([{ name: 'x', type: 'numeric', values: [1, 2, 3] }]);
    const schema = [{ name: 'x', type: 'numeric' as const }];
    const classes = buildDriftReference(table, schema, { prediction: ['b', 'a', 'b'], classes: ['a', 'b', 'c'] }).prediction;
    expect(classes).toMatchObject({ name: 'prediction', kind: 'categorical', categories: ['b', 'a', 'c'], counts: [2, 1, 0], other: 0 });
    const numbers = buildDriftReference(table, schema, { prediction: [0.5, 1.5, 0.5] }).prediction;
    expect(numbers).toMatchObject({ kind: 'numeric', count: 3, points: [0.5, 1.5], pointCounts: [2, 1] });
  });

  it('refuses a schema column the table lacks, naming it', () => {
    const table = tableFromColumns([{ name: 'x', type: 'numeric', values: [1] }]);
    expect(() => buildDriftReference(table, [{ name: 'y', type: 'numeric' }])).toThrow('The training data has no column "y"');
  });

  it('stays a few hundred KB for 100 wide columns', () => {
    const rng = createRng(3);
    const n = 5_000;
    const inputs = Array.from({ length: 100 }, (_, c) =>
      c % 2 === 0
        ? { name: `num${c}`, type: 'numeric' as const, values: Array.from({ length: n }, () => Math.round(rng.normal() * 1e6) / 100) }
        : { name: `cat${c}`, type: 'categorical' as const, values: Array.from({ length: n }, () => `category-${rng.int(1000)}`) },
    );
    const ref = buildDriftReference(tableFromColumns(inputs), inputs.map(({ name, type }) => ({ name, type })));
    const bytes = driftReferenceJson(ref).length;
    expect(bytes).toBeLessThan(400_000);
    expect((ref.columns[0] as NumericReference).points.length).toBe(300);
  });
});

function sample(): DriftReference {
  const table = tableFromColumns([
    { name: 'x', type: 'numeric', values: [1, 2, 2, 3, null] },
    { name: 'kind', type: 'categorical', values: ['a', 'b', 'a', null, 'c'] },
  ]);
  return buildDriftReference(
    table,
    [
      { name: 'x', type: 'numeric' },
      { name: 'kind', type: 'categorical' },
    ],
    { prediction: ['p', 'q', 'p', 'p', 'q'], classes: ['p', 'q'] },
  );
}

/** A JSON copy of the sample reference with `edit` applied. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke arbitrary fields of parsed JSON
function edited(edit: (json: any) => void): unknown {
  const json = JSON.parse(JSON.stringify(sample()));
  edit(json);
  return json;
}

function parseError(json: unknown): string {
  try {
    parseDriftReference(json, 'drift');
  } catch (error) {
    expect(error).toBeInstanceOf(JsonShapeError);
    return (error as Error).message;
  }
  throw new Error('parsed without complaint');
}

describe('parseDriftReference', () => {
  it('gives back what buildDriftReference made, through JSON and through driftReferenceJson', () => {
    const ref = sample();
    expect(parseDriftReference(JSON.parse(JSON.stringify(ref)), 'drift')).toEqual(ref);
    expect(parseDriftReference(JSON.parse(driftReferenceJson(ref, '  ')), 'drift')).toEqual(ref);
    expect(driftReferenceJson(ref).split('\n')).toHaveLength(8);
  });

  it('copies only known fields, so stray keys (prototype ones included) never come along', () => {
    const json = JSON.parse('{"__proto__": {"polluted": true}, "extra": 1}');
    Object.assign(json, JSON.parse(JSON.stringify(sample())));
    const parsed = parseDriftReference(json, 'drift') as unknown as Record<string, unknown>;
    expect(parsed.extra).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the field that is wrong', () => {
    expect(parseError(edited((j) => (j.version = 2)))).toBe('"drift.version" is 2, expected 1.');
    expect(parseError(edited((j) => (j.columns[0].bins[0] += 1)))).toMatch(/^"drift.columns\[0\].bins" adds up to \d+, expected \d+\.$/);
    expect(parseError(edited((j) => (j.columns[0].points = [3, 2, 1])))).toMatch(/^"drift.columns\[0\].points\[1\]" is 2, expected a number above 3/);
    expect(parseError(edited((j) => (j.columns[0].edges[0] = '1')))).toBe('"drift.columns[0].edges[0]" is "1", expected a finite number.');
    expect(parseError(edited((j) => (j.columns[0].exact = 'yes')))).toBe('"drift.columns[0].exact" is "yes", expected true or false.');
    expect(parseError(edited((j) => (j.columns[0].missing = 5)))).toMatch(/^"drift.columns\[0\]" counts 4 present and 5 missing values, expected 5 in all/);
    expect(parseError(edited((j) => (j.columns[0].type = 'categorical')))).toMatch(/"drift.columns\[0\].type" is "categorical", expected a type that is summarised as numeric/);
    expect(parseError(edited((j) => (j.columns[1].name = 'x')))).toBe('"drift.columns[1].name" is "x", which is listed twice.');
    expect(parseError(edited((j) => j.columns[1].categories.push('a') && j.columns[1].counts.push(0)))).toMatch(/categories\[\d\]" is "a", which is listed twice/);
    expect(parseError(edited((j) => (j.columns[1].counts[0] = -1)))).toMatch(/"drift.columns\[1\].counts\[0\]" is -1, expected an integer from 0/);
    expect(parseError(edited((j) => (j.prediction.other = 99)))).toMatch(/"drift.prediction.other" is 99, expected an integer from 0 to 5/);
  });

  it('bounds the sizes an untrusted file can ask for', () => {
    const many = Array.from({ length: MAX_POINTS + 1 }, (_, i) => i);
    expect(parseError(edited((j) => (j.columns[0].points = many)))).toBe(`"drift.columns[0].points" has ${MAX_POINTS + 1} values, more than ${MAX_POINTS}.`);
    const categories = Array.from({ length: MAX_CATEGORIES + 1 }, (_, i) => `c${i}`);
    expect(parseError(edited((j) => (j.columns[1].categories = categories)))).toMatch(/has 201 categories, more than 200/);
    expect(parseError(edited((j) => (j.columns[1].categories[0] = 'y'.repeat(1001))))).toMatch(/is 1001 characters long, more than 1000/);
  });
});
