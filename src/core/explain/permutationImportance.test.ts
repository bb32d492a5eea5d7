/**
 * Permutation importance against scikit-learn 1.2.1's `permutation_importance` on a Pipeline
 * (fixture: /usr/bin/python3 tests/fixtures/explain/make_explain_fixtures.py), with the very
 * row orders scikit-learn applied, and the seeded public function's own properties.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getModel } from '../models/registry';
import { fitRecipe } from '../prep/fitRecipe';
import { recipeFeatureNames } from '../prep/recipe';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { explainableModel } from './explainableModel';
import { permutationImportance, permutationOrders, permutationScores } from './permutationImportance';
import { scorerFor } from './scorers';

interface Case {
  name: string;
  target: string;
  task: 'classification' | 'regression';
  classes?: string[];
  model: { coef: Record<string, number>[]; intercept: number[] };
  columns: string[];
  orders: number[][];
  baseline: number;
  importances: number[][];
  mean: number[];
  std: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/explain/permutation_importance.json', import.meta.url), 'utf8')) as {
  data: Record<string, CellValue[]>;
  price: number[];
  label: string[];
  cases: Case[];
};

const FEATURES = ['x1', 'x2', 'noise', 'k', 'c'];

function fixtureTable() {
  return tableFromColumns([
    ...FEATURES.map((name) => ({ name, type: name === 'c' ? ('categorical' as const) : ('numeric' as const), values: fixture.data[name] })),
    { name: 'price', type: 'numeric', values: fixture.price },
    { name: 'label', type: 'categorical', values: fixture.label },
  ]);
}

/** The fixture's scikit-learn model, rebuilt through the registry with the studio's recipe. */
function studioModel(c: Case) {
  const table = fixtureTable();
  const all = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const recipe = fitRecipe({ version: 1, target: c.target, features: FEATURES, steps: [{ kind: 'oneHot', columns: ['c'] }] }, table, all);
  const names = recipeFeatureNames(recipe);
  const kind = c.task === 'classification' ? 'logistic_regression' : 'linear_regression';
  const json = {
    kind,
    inputs: names.length,
    ...(c.classes ? { classes: c.classes.length } : {}),
    coef: c.model.coef.map((row) => names.map((n) => row[n])),
    intercept: c.model.intercept,
  };
  const model = getModel(kind).fromJSON(json);
  return { table, bundle: explainableModel({ recipe, model, task: c.task, classes: c.classes }) };
}

describe.each(fixture.cases)('permutation importance against scikit-learn ($name)', (c) => {
  it('gives scikit-learn importances, repeat by repeat, from the same row orders', async () => {
    const { table, bundle } = studioModel(c);
    const y = c.task === 'classification' ? fixture.label : fixture.price;
    const columns = c.columns.map((name) => table.columns.findIndex((col) => col.name === name));
    const scores = await permutationScores(bundle.predict, table, y, columns, c.orders, scorerFor(c.task));
    expect(scores.baseline).toBeCloseTo(c.baseline, 12);
    c.columns.forEach((_, col) => {
      c.orders.forEach((_, r) => {
        expect(scores.baseline - scores.permuted[col][r]).toBeCloseTo(c.importances[col][r], 9);
      });
    });
  });
});

describe('permutationImportance', () => {
  const regression = fixture.cases.find((c) => c.task === 'regression')!;

  it('ranks the informative columns first, a random column near 0, and repeats itself for a seed', async () => {
    const { table, bundle } = studioModel(regression);
    const options = { task: 'regression' as const, seed: 7, columns: FEATURES, repeats: 5 };
    const result = await permutationImportance(bundle.predict, table, fixture.price, options);
    expect(result.metric).toBe('r2');
    expect(result.rows).toBe(table.rowCount);
    expect(result.columns.map((c) => c.column).slice(0, 2)).toEqual(['x1', 'x2']);
    const byName = new Map(result.columns.map((c) => [c.column, c]));
    expect(byName.get('x1')!.mean!).toBeGreaterThan(1);
    expect(byName.get('x2')!.mean!).toBeGreaterThan(0.1);
    expect(byName.get('c')!.mean!).toBeGreaterThan(0.01);
    expect(Math.abs(byName.get('noise')!.mean!)).toBeLessThan(0.005);
    for (const c of result.columns) {
      expect(c.std!).toBeGreaterThanOrEqual(0);
      expect(c.drops).toHaveLength(5);
    }
    // Sorted by mean, most important first.
    const means = result.columns.map((c) => c.mean!);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect(await permutationImportance(bundle.predict, table, fixture.price, options)).toEqual(result);
    const other = await permutationImportance(bundle.predict, table, fixture.price, { ...options, seed: 8 });
    expect(other.columns.map((c) => c.mean)).not.toEqual(result.columns.map((c) => c.mean));
  });

  it('matches the formula with its own orders: baseline minus the score with the column reordered', async () => {
    const { table, bundle } = studioModel(regression);
    const result = await permutationImportance(bundle.predict, table, fixture.price, { task: 'regression', seed: 3, columns: ['x1'], repeats: 3 });
    const orders = permutationOrders(table.rowCount, 3, 3 + 0x9e37);
    const x1 = fixture.data.x1 as number[];
    const r2 = (pred: number[]) => {
      const mean = fixture.price.reduce((a, b) => a + b, 0) / fixture.price.length;
      const res = fixture.price.reduce((a, t, i) => a + (t - pred[i]) ** 2, 0);
      const tot = fixture.price.reduce((a, t) => a + (t - mean) ** 2, 0);
      return 1 - res / tot;
    };
    const predictWith = (column: number[]) => {
      const t = fixtureTable();
      t.columns[0].values = Float64Array.from(column);
      return bundle.predict(t).prediction as number[];
    };
    const baseline = r2(predictWith(x1));
    orders.forEach((order, r) => {
      expect(result.columns[0].drops[r]).toBeCloseTo(baseline - r2(predictWith(Array.from(order, (i) => x1[i]))), 12);
    });
  });

  it('samples to maxRows, skips rows without a target, and scores classification by accuracy', async () => {
    const classification = fixture.cases.find((c) => c.task === 'classification')!;
    const { table, bundle } = studioModel(classification);
    const labels: Array<string | null> = fixture.label.map((l, i) => (i % 10 === 0 ? null : l));
    const result = await permutationImportance(bundle.predict, table, labels, { task: 'classification', seed: 1, maxRows: 50, columns: FEATURES });
    expect(result.metric).toBe('accuracy');
    expect(result.rows).toBe(50);
    expect(result.columns[0].column).toBe('x1');
    const logLoss = await permutationImportance(bundle.predict, table, labels, { task: 'classification', seed: 1, metric: 'neg_log_loss', columns: FEATURES });
    expect(logLoss.baseline!).toBeLessThan(0);
    expect(logLoss.columns[0].column).toBe('x1');
  });

  it('stops when asked', async () => {
    const { table, bundle } = studioModel(regression);
    const controller = new AbortController();
    controller.abort();
    await expect(permutationImportance(bundle.predict, table, fixture.price, { task: 'regression', seed: 0, signal: controller.signal })).rejects.toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });

  it('refuses a scorer of the other task', async () => {
    const { table, bundle } = studioModel(regression);
    await expect(permutationImportance(bundle.predict, table, fixture.price, { task: 'regression', seed: 0, metric: 'accuracy' })).rejects.toThrow(/classification/);
  });

  it('gives a random column no importance on a bigger sample', async () => {
    const rng = createRng(5);
    const n = 2000;
    const a = Array.from({ length: n }, () => rng.normal());
    const noise = Array.from({ length: n }, () => rng.normal());
    const table = tableFromColumns([
      { name: 'a', type: 'numeric', values: a },
      { name: 'noise', type: 'numeric', values: noise },
    ]);
    // A model that only reads "a": permuting "noise" cannot change a single prediction.
    const predict = (t: typeof table) => ({ prediction: Array.from(t.columns[0].values!, (v) => 3 * v) });
    const y = a.map((v) => 3 * v + rng.normal() * 0.1);
    const result = await permutationImportance(predict, table, y, { task: 'regression', seed: 2 });
    expect(result.columns[0].column).toBe('a');
    expect(result.columns[0].mean!).toBeGreaterThan(1);
    expect(result.columns[1]).toMatchObject({ column: 'noise', mean: 0, std: 0 });
  });
});
