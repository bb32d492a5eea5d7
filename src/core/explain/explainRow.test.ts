/**
 * explainRow picks TreeSHAP for tree models with covers (contributions of one-hot columns
 * summed back to their input column) and Kernel SHAP otherwise, and its result always adds
 * up: base + contributions = output, in the stated output space.
 */
import { describe, expect, it } from 'vitest';
import type { GbdtModel } from '../models/trees/gbdtModel';
import { getModel } from '../models/registry';
import { trainAndEvaluate } from '../models/trainAndEvaluate';
import { applyRecipe } from '../prep/applyRecipe';
import { fitRecipe } from '../prep/fitRecipe';
import { recipeFeatureNames } from '../prep/recipe';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { explainableModel } from './explainableModel';
import { explainRow, type RowExplanation } from './explainRow';

/** 300 rows: size and colour drive both targets, "noise" does not. */
function table() {
  const rng = createRng(3);
  const cols: Record<'size' | 'color' | 'noise' | 'label' | 'price' | 'kind', CellValue[]> = { size: [], color: [], noise: [], label: [], price: [], kind: [] };
  for (let i = 0; i < 300; i++) {
    const s = rng.next() * 10;
    const c = ['red', 'green', 'blue'][rng.int(3)];
    cols.size.push(s);
    cols.color.push(c);
    cols.noise.push(rng.normal());
    cols.label.push((s > 6) !== (c === 'red') ? 'yes' : 'no');
    cols.price.push((s > 6 ? 20 : 10) + (c === 'blue' ? 5 : 0) + rng.normal() * 0.1);
    cols.kind.push(s > 7 ? 'large' : c === 'green' ? 'green' : 'other');
  }
  return tableFromColumns([
    { name: 'size', type: 'numeric', values: cols.size },
    { name: 'color', type: 'categorical', values: cols.color },
    { name: 'noise', type: 'numeric', values: cols.noise },
    { name: 'label', type: 'categorical', values: cols.label },
    { name: 'price', type: 'numeric', values: cols.price },
    { name: 'kind', type: 'categorical', values: cols.kind },
  ]);
}

const FEATURES = ['size', 'color', 'noise'];

function sum(list: Array<number | number[]>, k: number | null): number {
  return list.reduce<number>((a, c) => a + (k === null ? (c as number) : (c as number[])[k]), 0);
}

/** base + contributions = output, per output. */
function expectAdditive(e: RowExplanation, digits = 9): void {
  const parts = e.contributions.map((c) => c.contribution);
  if (typeof e.output === 'number') expect((e.base as number) + sum(parts, null)).toBeCloseTo(e.output, digits);
  else e.output.forEach((o, k) => expect((e.base as number[])[k] + sum(parts, k)).toBeCloseTo(o, digits));
}

function expectSorted(e: RowExplanation): void {
  const size = (c: number | number[]) => (typeof c === 'number' ? Math.abs(c) : c.reduce((a, v) => a + Math.abs(v), 0));
  const sizes = e.contributions.map((c) => size(c.contribution));
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
}

async function trained(model: string, target: 'label' | 'price' | 'kind', params: Record<string, number> = {}, oneHot = false) {
  const t = table();
  const task = target === 'price' ? ('regression' as const) : ('classification' as const);
  // Trees take categories as ordinal codes by default; one-hot columns test the summing back.
  const recipe = { version: 1 as const, target, features: FEATURES, steps: [{ kind: oneHot ? ('oneHot' as const) : ('ordinal' as const), columns: ['color'] }] };
  const result = await trainAndEvaluate(t, { target, task, model, seed: 1, params, recipe });
  return { t, task, result, bundle: explainableModel({ recipe: result.recipe, model: result.model, task, classes: result.classes }) };
}

describe('explainRow with TreeSHAP', () => {
  it('explains binary boosting in log-odds of the second class, adding up to the raw score', async () => {
    const { t, bundle, result } = await trained('hist_gradient_boosting', 'label', { maxIter: 30 });
    const e = await explainRow(bundle, t, 4);
    expect(e).toMatchObject({ method: 'tree-shap', space: 'log-odds', outputs: ['yes'], exact: true, backgroundRows: null });
    const { X } = applyRecipe(result.recipe, t, [4]);
    const raw = (result.model as GbdtModel).rawScores(X, 1, X.length)[0];
    expect(e.output as number).toBeCloseTo(raw, 12);
    expectAdditive(e);
    expectSorted(e);
    expect(e.contributions.map((c) => c.column).sort()).toEqual([...FEATURES].sort());
    expect(e.contributions.find((c) => c.column === 'color')!.value).toBe(t.columns[1].categories![t.columns[1].codes![4]]);
    expect(e.contributions.slice(0, 2).map((c) => c.column).sort()).toEqual(['color', 'size']);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('explains a multiclass forest on one-hot columns, summed back to the input columns, per class probability', async () => {
    const { t, bundle, result } = await trained('random_forest', 'kind', { trees: 10 }, true);
    expect(recipeFeatureNames(result.recipe)).toContain('color=red');
    const e = await explainRow(bundle, t, 10);
    expect(e).toMatchObject({ method: 'tree-shap', space: 'probability', outputs: result.classes });
    expect(e.contributions).toHaveLength(3);
    const proba = bundle.predict(t).proba!.subarray(10 * 3, 11 * 3);
    (e.output as number[]).forEach((o, k) => expect(o).toBeCloseTo(proba[k], 12));
    expectAdditive(e);
    expectSorted(e);
  });

  it('explains a regression tree in the target units', async () => {
    const { t, bundle } = await trained('decision_tree', 'price', { maxDepth: 4 });
    const e = await explainRow(bundle, t, 0);
    expect(e).toMatchObject({ method: 'tree-shap', space: 'value', outputs: ['prediction'] });
    expect(e.output).toBeCloseTo(bundle.predict(t).prediction[0] as number, 12);
    expectAdditive(e);
  });

  it('falls back to Kernel SHAP for a tree model saved without covers, or when asked', async () => {
    const { t, bundle, result } = await trained('extra_trees', 'price', { trees: 5 });
    const json = JSON.parse(JSON.stringify(result.model.toJSON()));
    for (const tree of json.trees) delete tree.cover;
    const old = explainableModel({ recipe: result.recipe, model: getModel('extra_trees').fromJSON(json), task: 'regression' });
    const e = await explainRow(old, t, 2, { backgroundSize: 30, seed: 4 });
    expect(e).toMatchObject({ method: 'kernel-shap', space: 'value', exact: true, backgroundRows: 30 });
    expect(e.output).toBeCloseTo(bundle.predict(t).prediction[2] as number, 12);
    expectAdditive(e);
    const forced = await explainRow(bundle, t, 2, { backgroundSize: 30, seed: 4, method: 'kernel-shap' });
    expect(forced).toEqual(e);
  });
});

describe('explainRow with Kernel SHAP', () => {
  it('explains a linear model by coef * (x - background mean), on the input columns', async () => {
    const t = table();
    const all = Int32Array.from({ length: t.rowCount }, (_, i) => i);
    const recipe = fitRecipe({ version: 1, target: 'price', features: FEATURES, steps: [{ kind: 'oneHot', columns: ['color'] }] }, t, all);
    const names = recipeFeatureNames(recipe);
    const coef = names.map((n) => ({ size: 1.5, noise: -0.5, 'color=blue': 5, 'color=green': 1, 'color=red': 0 })[n]!);
    const model = getModel('linear_regression').fromJSON({ kind: 'linear_regression', inputs: names.length, coef: [coef], intercept: [10] });
    const bundle = explainableModel({ recipe, model, task: 'regression' });
    const background = tableFromColumns([
      { name: 'size', type: 'numeric', values: [1, 2, 3, 6] },
      { name: 'color', type: 'categorical', values: ['red', 'blue', 'red', 'green'] },
      { name: 'noise', type: 'numeric', values: [0, 0.5, -0.5, 1] },
    ]);
    const e = await explainRow(bundle, t, 7, { background });
    expect(e).toMatchObject({ method: 'kernel-shap', exact: true, backgroundRows: 4 });
    const x = (name: string) => {
      const c = t.columns.find((col) => col.name === name)!;
      return c.values ? Math.fround(c.values[7]) : c.categories![c.codes![7]];
    };
    const by = new Map(e.contributions.map((c) => [c.column, c.contribution as number]));
    expect(by.get('size')!).toBeCloseTo(1.5 * ((x('size') as number) - 3), 6);
    expect(by.get('noise')!).toBeCloseTo(-0.5 * ((x('noise') as number) - 0.25), 6);
    const colorCoef: Record<string, number> = { blue: 5, green: 1, red: 0 };
    expect(by.get('color')!).toBeCloseTo(colorCoef[x('color') as string] - 1.5, 6);
    expect(e.contributions.find((c) => c.column === 'size')!.value).toBe(String(t.columns[0].values![7]));
    expectAdditive(e, 12);
  });

  it('explains class probabilities of a multiclass logistic model, one contribution per class', async () => {
    const t = table();
    const all = Int32Array.from({ length: t.rowCount }, (_, i) => i);
    const recipe = fitRecipe({ version: 1, target: 'kind', features: FEATURES, steps: [{ kind: 'oneHot', columns: ['color'] }] }, t, all);
    const inputs = recipeFeatureNames(recipe).length;
    const rng = createRng(1);
    const coef = Array.from({ length: 3 }, () => Array.from({ length: inputs }, () => rng.normal()));
    const model = getModel('logistic_regression').fromJSON({ kind: 'logistic_regression', inputs, classes: 3, coef, intercept: [0, 0.5, -0.5] });
    const bundle = explainableModel({ recipe, model, task: 'classification', classes: ['green', 'large', 'other'] });
    const e = await explainRow(bundle, t, 12, { seed: 2 });
    expect(e).toMatchObject({ method: 'kernel-shap', space: 'probability', outputs: ['green', 'large', 'other'], backgroundRows: 100 });
    expect(e.base).toHaveLength(3);
    for (const c of e.contributions) expect(c.contribution).toHaveLength(3);
    expectAdditive(e, 12);
    expectSorted(e);
    expect(await explainRow(bundle, t, 12, { seed: 2 })).toEqual(e);
  });

  it('refuses a row that is not there', async () => {
    const { t, bundle } = await trained('decision_tree', 'price');
    await expect(explainRow(bundle, t, t.rowCount)).rejects.toThrow(/not in the data/);
  });
});
