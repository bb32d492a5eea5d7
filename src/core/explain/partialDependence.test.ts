/**
 * Partial dependence against scikit-learn 1.2.1's `partial_dependence` (method 'brute', kind
 * 'both') on Pipelines whose predictions the studio reproduces exactly (fixture:
 * /usr/bin/python3 tests/fixtures/explain/make_explain_fixtures.py): the same grid, the same
 * averages and the same ICE lines, to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getModel } from '../models/registry';
import { fitRecipe } from '../prep/fitRecipe';
import { recipeFeatureNames } from '../prep/recipe';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { explainableModel } from './explainableModel';
import { partialDependence } from './partialDependence';
import { linspace, mquantile, numericGrid } from './partialDependenceGrid';

interface Feature {
  feature: string;
  categorical: boolean;
  grid: Array<number | string>;
  average: number[][];
  individual: number[][][];
}

interface Case {
  target: string;
  task: 'classification' | 'regression';
  classes?: string[];
  model: { coef: Record<string, number>[]; intercept: number[] };
  features: Feature[];
}

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/explain/partial_dependence.json', import.meta.url), 'utf8')) as {
  data: Record<string, CellValue[]>;
  price: number[];
  kind: string[];
  cases: Case[];
};

const FEATURES = ['x1', 'x2', 'noise', 'k', 'c'];

function studioModel(c: Case) {
  const table = tableFromColumns([
    ...FEATURES.map((name) => ({ name, type: name === 'c' ? ('categorical' as const) : ('numeric' as const), values: fixture.data[name] })),
    { name: 'price', type: 'numeric', values: fixture.price },
    { name: 'kind', type: 'categorical', values: fixture.kind },
  ]);
  const all = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const recipe = fitRecipe({ version: 1, target: c.target, features: FEATURES, steps: [{ kind: 'oneHot', columns: ['c'] }] }, table, all);
  const names = recipeFeatureNames(recipe);
  const kind = c.task === 'classification' ? 'logistic_regression' : 'linear_regression';
  const model = getModel(kind).fromJSON({
    kind,
    inputs: names.length,
    ...(c.classes ? { classes: c.classes.length } : {}),
    coef: c.model.coef.map((row) => names.map((n) => row[n])),
    intercept: c.model.intercept,
  });
  return { table, bundle: explainableModel({ recipe, model, task: c.task, classes: c.classes }) };
}

const cases = fixture.cases.flatMap((c) => c.features.map((f) => ({ name: `${c.task} on ${f.feature}`, c, f })));

describe.each(cases)('partial dependence against scikit-learn: $name', ({ c, f }) => {
  it('has the same grid, averages and ICE lines', async () => {
    const { table, bundle } = studioModel(c);
    const result = await partialDependence(bundle.predict, table, f.feature, { seed: 4 });
    expect(result.kind).toBe(f.categorical ? 'categorical' : 'numeric');
    expect(result.rows).toBe(table.rowCount);
    expect(result.grid).toHaveLength(f.grid.length);
    result.grid.forEach((v, g) => (typeof v === 'number' ? expect(v).toBeCloseTo(f.grid[g] as number, 13) : expect(v).toBe(f.grid[g])));
    // scikit-learn reports one curve for regression and one per class for a multiclass model.
    expect(result.outputs).toEqual(c.classes ?? ['prediction']);
    expect(result.average).toHaveLength(f.average.length);
    result.average.forEach((line, k) => line.forEach((v, g) => expect(v).toBeCloseTo(f.average[k][g], 9)));
    expect(result.ice).toHaveLength(50);
    for (const { row, values } of result.ice) {
      values.forEach((line, k) => line.forEach((v, g) => expect(v).toBeCloseTo(f.individual[k][row][g], 9)));
    }
  });
});

describe('partialDependence', () => {
  it('samples rows and ICE lines with the seed, and labels a category grid with its names', async () => {
    const { table, bundle } = studioModel(fixture.cases[1]);
    const a = await partialDependence(bundle.predict, table, 'c', { maxRows: 40, iceRows: 5, seed: 1 });
    expect(a.rows).toBe(40);
    expect(a.labels).toEqual(['a', 'b', 'c']);
    expect(a.ice.map((l) => l.row)).toHaveLength(5);
    expect(await partialDependence(bundle.predict, table, 'c', { maxRows: 40, iceRows: 5, seed: 1 })).toEqual(a);
    // Class probabilities average to a distribution at every grid point.
    for (let g = 0; g < 3; g++) expect(a.average.reduce((s, line) => s + line[g]!, 0)).toBeCloseTo(1, 12);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('treats a numeric column as categorical on request, and caps the categories', async () => {
    const { table, bundle } = studioModel(fixture.cases[0]);
    const result = await partialDependence(bundle.predict, table, 'x1', { categorical: true, maxCategories: 4 });
    expect(result.kind).toBe('categorical');
    expect(result.grid).toHaveLength(4);
    expect(result.grid).toEqual([...result.grid].sort((p, q) => (p as number) - (q as number)));
  });

  it('stops when asked', async () => {
    const { table, bundle } = studioModel(fixture.cases[0]);
    const controller = new AbortController();
    controller.abort();
    await expect(partialDependence(bundle.predict, table, 'x1', { signal: controller.signal })).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
  });
});

describe('the grid helpers', () => {
  it('compute scipy mquantiles and numpy linspace', () => {
    // scipy.stats.mstats.mquantiles([1, 2, 3, 4, 10], [0.05, 0.95]) -> [1, 10]; [0.25, 0.5] -> [1.7, 3]
    expect(mquantile([1, 2, 3, 4, 10], 0.05)).toBe(1);
    expect(mquantile([1, 2, 3, 4, 10], 0.95)).toBe(10);
    expect(mquantile([1, 2, 3, 4, 10], 0.25)).toBeCloseTo(1.7, 14);
    expect(mquantile([1, 2, 3, 4, 10], 0.5)).toBeCloseTo(3, 14);
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('uses the distinct values when there are fewer than the resolution, and ignores missing ones', () => {
    expect(numericGrid([3, 1, NaN, 2, 1])).toEqual([1, 2, 3]);
    expect(numericGrid(Array.from({ length: 100 }, (_, i) => i), { resolution: 3 })).toHaveLength(3);
    expect(numericGrid([])).toEqual([]);
  });
});
