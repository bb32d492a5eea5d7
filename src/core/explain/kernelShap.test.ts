/**
 * Kernel SHAP against known answers: for a linear model with independent features the
 * interventional Shapley value of column j is coef_j * (x_j - background mean of x_j) (and for
 * a one-hot category, its coefficient minus the background's mean coefficient); for a
 * nonlinear function, the exact enumeration equals the brute-force Shapley sum; and the values
 * always add up to prediction - base.
 */
import { describe, expect, it } from 'vitest';
import { columnIndex, type Table } from '../data/table';
import { getModel } from '../models/registry';
import { fitRecipe } from '../prep/fitRecipe';
import { recipeFeatureNames } from '../prep/recipe';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { explainableModel } from './explainableModel';
import { kernelShap } from './kernelShap';

const CATEGORY_COEF: Record<string, number> = { red: 0.5, green: -1.25, blue: 2 };

/** `numeric` columns of multiples of 1/8 (exact in float32) and a category, with a linear model on them. */
function linearSetup(numeric: number, rows = 60) {
  const rng = createRng(numeric);
  const names = Array.from({ length: numeric }, (_, j) => `x${j}`);
  const cells: Record<string, CellValue[]> = {};
  for (const name of names) cells[name] = Array.from({ length: rows }, () => Math.round(rng.normal() * 16) / 8);
  cells.color = Array.from({ length: rows }, () => ['red', 'green', 'blue'][rng.int(3)]);
  const table = tableFromColumns([
    ...names.map((name) => ({ name, type: 'numeric' as const, values: cells[name] })),
    { name: 'color', type: 'categorical', values: cells.color },
    { name: 'y', type: 'numeric', values: Array.from({ length: rows }, () => 0) },
  ]);
  const features = [...names, 'color'];
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const recipe = fitRecipe({ version: 1, target: 'y', features, steps: [{ kind: 'oneHot', columns: ['color'] }] }, table, all);
  const coefOf = new Map<string, number>(names.map((n, j) => [n, (j % 2 ? -1 : 1) * (1 + j / 4)]));
  for (const [cat, c] of Object.entries(CATEGORY_COEF)) coefOf.set(`color=${cat}`, c);
  const inputs = recipeFeatureNames(recipe);
  const model = getModel('linear_regression').fromJSON({ kind: 'linear_regression', inputs: inputs.length, coef: [inputs.map((n) => coefOf.get(n)!)], intercept: [0.75] });
  return { table, cells, names, features, coefOf, bundle: explainableModel({ recipe, model, task: 'regression' }) };
}

function expectedLinear(setup: ReturnType<typeof linearSetup>, row: number): number[] {
  const { cells, names, coefOf, table } = setup;
  const n = table.rowCount;
  const mean = (values: CellValue[], f: (v: CellValue) => number) => values.reduce<number>((a, v) => a + f(v), 0) / n;
  return [
    ...names.map((name) => coefOf.get(name)! * ((cells[name][row] as number) - mean(cells[name], (v) => v as number))),
    CATEGORY_COEF[cells.color[row] as string] - mean(cells.color, (v) => CATEGORY_COEF[v as string]),
  ];
}

describe('kernelShap', () => {
  it('gives coef * (x - background mean) for a linear model, every coalition evaluated', async () => {
    const setup = linearSetup(4);
    for (const row of [0, 7, 33]) {
      const shap = await kernelShap(setup.bundle.predict, setup.table, row, setup.table, { columns: setup.features });
      expect(shap.exact).toBe(true);
      expect(shap.coalitions).toBe(2 ** 5 - 2);
      expect(shap.outputs).toEqual(['prediction']);
      const expected = expectedLinear(setup, row);
      expected.forEach((e, j) => expect(Math.abs(shap.phi[j] - e)).toBeLessThan(1e-6));
      expect(shap.base[0] + shap.phi.reduce((a, b) => a + b, 0)).toBeCloseTo(shap.output[0], 12);
    }
  });

  it('gives the same for 15 columns from sampled coalitions', async () => {
    const setup = linearSetup(14);
    const shap = await kernelShap(setup.bundle.predict, setup.table, 5, setup.table, { columns: setup.features, seed: 2 });
    expect(shap.exact).toBe(false);
    expect(shap.coalitions).toBeLessThanOrEqual(2 * 15 + 2048);
    const expected = expectedLinear(setup, 5);
    expected.forEach((e, j) => expect(Math.abs(shap.phi[j] - e)).toBeLessThan(1e-6));
  });

  it('equals the brute-force Shapley values of a nonlinear function, and adds up', async () => {
    const { table, predict, bruteForce } = nonlinear(5);
    const background = table;
    for (const row of [1, 4]) {
      const shap = await kernelShap(predict, table, row, background);
      expect(shap.exact).toBe(true);
      const expected = bruteForce(row);
      expected.forEach((e, j) => expect(shap.phi[j]).toBeCloseTo(e, 9));
      expect(shap.base[0] + shap.phi.reduce((a, b) => a + b, 0)).toBeCloseTo(shap.output[0], 12);
    }
  });

  it('estimates the Shapley values from sampled coalitions when there are too many to enumerate', async () => {
    const { table, predict, bruteForce } = nonlinear(13);
    const shap = await kernelShap(predict, table, 2, table, { seed: 1 });
    expect(shap.exact).toBe(false);
    const expected = bruteForce(2);
    const error = Math.max(...expected.map((e, j) => Math.abs(e - shap.phi[j])));
    expect(error).toBeLessThan(0.02);
    expect(error).toBeGreaterThan(0);
  });

  it('adds up exactly from sampled coalitions, and repeats itself for a seed', async () => {
    const { table, predict } = nonlinear(13);
    const a = await kernelShap(predict, table, 2, table, { seed: 9, maxCoalitions: 300 });
    expect(a.exact).toBe(false);
    expect(a.base[0] + a.phi.reduce((s, v) => s + v, 0)).toBeCloseTo(a.output[0], 10);
    expect(await kernelShap(predict, table, 2, table, { seed: 9, maxCoalitions: 300 })).toEqual(a);
    const b = await kernelShap(predict, table, 2, table, { seed: 10, maxCoalitions: 300 });
    expect(Array.from(b.phi)).not.toEqual(Array.from(a.phi));
  });

  it('gives a column the background never varies exactly 0, and explains class probabilities per class', async () => {
    const rng = createRng(8);
    const n = 40;
    const table = tableFromColumns([
      { name: 'a', type: 'numeric', values: Array.from({ length: n }, () => rng.normal()) },
      { name: 'same', type: 'numeric', values: Array.from({ length: n }, () => 3) },
      { name: 'kind', type: 'categorical', values: Array.from({ length: n }, () => ['u', 'v'][rng.int(2)]) },
    ]);
    const classes = ['lo', 'mid', 'hi'];
    const predict = (t: Table) => {
      const a = t.columns[columnIndex(t, 'a')];
      const kind = t.columns[columnIndex(t, 'kind')];
      const same = t.columns[columnIndex(t, 'same')];
      const proba = new Float64Array(t.rowCount * 3);
      for (let r = 0; r < t.rowCount; r++) {
        const z = [a.values![r], kind.categories![kind.codes![r]] === 'u' ? 1 : -1, same.values![r] / 3];
        const e = z.map(Math.exp);
        const s = e[0] + e[1] + e[2];
        for (let k = 0; k < 3; k++) proba[r * 3 + k] = e[k] / s;
      }
      return { prediction: Array.from({ length: t.rowCount }, () => 'lo'), proba, classes };
    };
    const shap = await kernelShap(predict, table, 3, table);
    expect(shap.outputs).toEqual(classes);
    expect(Array.from(shap.phi.subarray(3, 6))).toEqual([0, 0, 0]);
    for (let k = 0; k < 3; k++) {
      expect(shap.base[k] + shap.phi[k] + shap.phi[3 + k] + shap.phi[6 + k]).toBeCloseTo(shap.output[k], 12);
    }
    // Probabilities sum to 1, so the contributions to all classes cancel out.
    for (let c = 0; c < 3; c++) expect(shap.phi[c * 3] + shap.phi[c * 3 + 1] + shap.phi[c * 3 + 2]).toBeCloseTo(0, 12);
  });

  it('takes a row category the background lacks', async () => {
    const setup = linearSetup(2);
    const background = tableFromColumns([
      { name: 'x0', type: 'numeric', values: [0, 1] },
      { name: 'x1', type: 'numeric', values: [1, 0] },
      { name: 'color', type: 'categorical', values: ['red', 'red'] },
    ]);
    const row = (setup.cells.color as string[]).indexOf('blue');
    const shap = await kernelShap(setup.bundle.predict, setup.table, row, background, { columns: setup.features });
    expect(shap.phi[2]).toBeCloseTo(CATEGORY_COEF.blue - CATEGORY_COEF.red, 12);
  });

  it('stops when asked', async () => {
    const { table, predict } = nonlinear(5);
    const controller = new AbortController();
    controller.abort();
    await expect(kernelShap(predict, table, 0, table, { signal: controller.signal })).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
  });
});

/** M >= 5 numeric columns and a function with three-way interactions, with its brute-force Shapley values. */
function nonlinear(M: number) {
  const rng = createRng(M);
  const n = 12;
  const cols = Array.from({ length: M }, () => Array.from({ length: n }, () => rng.normal()));
  const table = tableFromColumns(cols.map((values, j) => ({ name: `x${j}`, type: 'numeric' as const, values })));
  // Paired coalitions make Kernel SHAP exact for pairwise interactions; three-way ones test the estimate.
  const f = (x: number[]) => x[0] * x[1] * x[2] + Math.max(x[2] + x[3] * x[4], 0) + x.slice(5).reduce((a, v, j) => a + Math.sin(v * x[j + 4] * x[j + 3]), 0);
  const predict = (t: Table) => ({
    prediction: Array.from({ length: t.rowCount }, (_, r) => f(t.columns.map((c) => c.values![r]))),
  });
  const bruteForce = (row: number): number[] => {
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    const memo = new Map<number, number>();
    const v = (bits: number) => {
      if (memo.has(bits)) return memo.get(bits)!;
      let sum = 0;
      for (let b = 0; b < n; b++) sum += f(cols.map((c, j) => ((bits >> j) & 1 ? c[row] : c[b])));
      memo.set(bits, sum / n);
      return sum / n;
    };
    return cols.map((_, i) => {
      let phi = 0;
      for (let bits = 0; bits < 1 << M; bits++) {
        if ((bits >> i) & 1) continue;
        let s = 0;
        for (let j = 0; j < M; j++) s += (bits >> j) & 1;
        phi += ((fact(s) * fact(M - s - 1)) / fact(M)) * (v(bits | (1 << i)) - v(bits));
      }
      return phi;
    });
  };
  return { table, predict, bruteForce };
}
