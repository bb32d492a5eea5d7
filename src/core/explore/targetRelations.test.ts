import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/readCsv';
import { cellText, columnIndex, type Table } from '../data/table';
import { boxStatsSorted } from '../profile/boxStats';
import { profileTable } from '../profile/profileTable';
import { classBalance } from './classBalance';
import { targetRelations, type CategoryByClass, type NumericByClass, type NumericVsTarget, type TargetByCategory } from './targetRelations';
import { cat, num } from './testColumns';

function example(name: string): Table {
  const bytes = new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'public', 'examples', `${name}.csv`)));
  return readCsv(bytes, { fileName: `${name}.csv` }).table;
}

/** Present (feature, target text) pairs, straight from the cells. */
function pairs(table: Table, feature: string, target: string): [string, string][] {
  const f = table.columns[columnIndex(table, feature)];
  const t = table.columns[columnIndex(table, target)];
  const out: [string, string][] = [];
  for (let i = 0; i < table.rowCount; i++) if (!f.missing[i] && !t.missing[i]) out.push([cellText(f, i), cellText(t, i)]);
  return out;
}

describe('targetRelations, classification (penguins by Species)', () => {
  const table = example('penguins');
  const rel = targetRelations(table, 'Species', 'classification');

  it('lists the classes in training order and every other usable column', () => {
    expect(rel.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(rel.relations.map((r) => r.column)).toEqual(['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex']);
  });

  it('gives per-class box stats and histograms over shared edges', () => {
    const r = rel.relations.find((x) => x.column === 'Body Mass (g)') as NumericByClass;
    expect(r.kind).toBe('numeric-by-class');
    const byClass = rel.classes!.map((c) =>
      pairs(table, 'Body Mass (g)', 'Species').filter(([, s]) => s === c).map(([v]) => Number(v)).sort((a, b) => a - b),
    );
    expect(r.counts).toEqual(byClass.map((v) => v.length));
    r.boxes.forEach((b, k) => expect(b).toEqual(boxStatsSorted(byClass[k], 50)));
    expect(r.histogram.edges).toHaveLength(21);
    expect(r.histogram.edges[0]).toBe(Math.min(...byClass.flat()));
    expect(r.histogram.edges[20]).toBe(Math.max(...byClass.flat()));
    r.histogram.counts.forEach((c, k) => expect(c.reduce((a, b) => a + b, 0)).toBe(r.counts[k]));
  });

  it('counts categories by class', () => {
    const r = rel.relations.find((x) => x.column === 'Island') as CategoryByClass;
    expect(r.kind).toBe('category-by-class');
    const p = pairs(table, 'Island', 'Species');
    r.categories.forEach((island, i) =>
      rel.classes!.forEach((c, k) => expect(r.counts[i][k]).toBe(p.filter(([a, b]) => a === island && b === c).length)),
    );
    expect(r.other).toBeNull();
  });

  it('pools categories beyond the top 20 as other', () => {
    const n = 300;
    const t: Table = {
      rowCount: n,
      columns: [cat('y', Array.from({ length: n }, (_, i) => (i % 2 ? 'a' : 'b'))), cat('many', Array.from({ length: n }, (_, i) => `k${i % 30}`))],
    };
    const r = targetRelations(t, 'y', 'classification').relations[0] as CategoryByClass;
    expect(r.categories).toHaveLength(20);
    expect(r.other!.reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('targetRelations, regression (cars by Miles_per_Gallon)', () => {
  const table = example('cars');
  const rel = targetRelations(table, 'Miles_per_Gallon', 'regression', { maxPoints: 100, seed: 3 });

  it('samples points deterministically and reports the full-data Pearson', () => {
    const r = rel.relations.find((x) => x.column === 'Weight_in_lbs') as NumericVsTarget;
    expect(r.kind).toBe('numeric-vs-target');
    expect(r.x.length).toBeLessThanOrEqual(100);
    expect(r.x.length).toBeGreaterThan(90);
    const w = table.columns[columnIndex(table, 'Weight_in_lbs')].values!;
    const mpg = table.columns[columnIndex(table, 'Miles_per_Gallon')].values!;
    r.rows.forEach((row, i) => expect([r.x[i], r.y[i]]).toEqual([w[row], mpg[row]]));
    const profile = profileTable(table);
    const cols = profile.correlations.columns;
    expect(r.pearson).toBeCloseTo(profile.correlations.pearson[cols.indexOf('Weight_in_lbs')][cols.indexOf('Miles_per_Gallon')]!, 12);
    expect(r.count).toBe(398);
    const again = targetRelations(table, 'Miles_per_Gallon', 'regression', { maxPoints: 100, seed: 3 });
    expect(again).toEqual(rel);
    const other = targetRelations(table, 'Miles_per_Gallon', 'regression', { maxPoints: 100, seed: 4 });
    expect((other.relations.find((x) => x.column === 'Weight_in_lbs') as NumericVsTarget).rows).not.toEqual(r.rows);
  });

  it('box-plots the target by category and skips text', () => {
    const r = rel.relations.find((x) => x.column === 'Origin') as TargetByCategory;
    expect(r.kind).toBe('target-by-category');
    const p = pairs(table, 'Origin', 'Miles_per_Gallon');
    r.categories.forEach((origin, i) => {
      const ys = p.filter(([o]) => o === origin).map(([, y]) => Number(y)).sort((a, b) => a - b);
      expect(r.counts[i]).toBe(ys.length);
      expect(r.boxes[i]).toEqual(boxStatsSorted(ys, 50));
    });
    expect(r.categories[0]).toBe('USA');
    expect(rel.skipped).toEqual([{ column: 'Name', reason: 'it holds free text' }]);
    expect(rel.relations.find((x) => x.column === 'Year')!.kind).toBe('numeric-vs-target');
  });

  it('refuses a text target for regression and too many classes', () => {
    expect(() => targetRelations(table, 'Origin', 'regression')).toThrow(/must be numeric/);
    expect(() => targetRelations(table, 'Weight_in_lbs', 'classification')).toThrow(/classes/);
    expect(() => targetRelations(table, 'nope', 'regression')).toThrow(/no column "nope"/);
  });
});

describe('classBalance', () => {
  it('counts classes with the imbalance ratio', () => {
    expect(classBalance(example('penguins'), 'Species')).toEqual({
      classes: ['Adelie', 'Chinstrap', 'Gentoo'],
      counts: [152, 68, 124],
      imbalanceRatio: 152 / 68,
    });
  });

  it('orders number classes numerically and ignores missing targets', () => {
    const t: Table = { rowCount: 6, columns: [num('k', [10, 2, 9, NaN, 2, -0])] };
    expect(classBalance(t, 'k')).toEqual({ classes: ['0', '2', '9', '10'], counts: [1, 2, 1, 1], imbalanceRatio: 2 });
    const one: Table = { rowCount: 2, columns: [cat('c', ['a', null])] };
    expect(classBalance(one, 'c')).toEqual({ classes: ['a'], counts: [1], imbalanceRatio: null });
  });
});
