import { describe, expect, it } from 'vitest';
import { encodeTarget } from '../prep/encodeTarget';
import { suggestRecipe } from '../prep/suggestRecipe';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { crossValidate } from './crossValidate';
import { resolveDenseParams } from './denseParams';
import { halvingRungs, minRungRows, searchHyperparameters, subsampleRows, type SearchInput } from './hyperparameterSearch';
import { neuralNetwork, resolveNetworkParams } from './neuralNetwork';
import { getModel } from './registry';
import { sampleParams, searchSpaces } from './searchSpaces';
import type { ModelParams, Task } from './types';

/** `rows` rows: two informative inputs, two pure-noise inputs, and `flip` of the labels flipped at random. */
function noisyClasses(rows: number, flip: number, seed = 11) {
  const rng = createRng(seed);
  const cols: CellValue[][] = [[], [], [], []];
  const label: CellValue[] = [];
  for (let i = 0; i < rows; i++) {
    const x = cols.map(() => rng.normal());
    cols.forEach((c, j) => c.push(x[j]));
    const clean = x[0] + x[1] > 0;
    label.push((rng.next() < flip ? !clean : clean) ? 'yes' : 'no');
  }
  return tableFromColumns([
    ...cols.map((values, j) => ({ name: `x${j}`, type: 'numeric' as const, values })),
    { name: 'label', type: 'categorical', values: label },
  ]);
}

/** A linear target plus noise, with noise inputs. */
function noisyLine(rows: number, seed = 12) {
  const rng = createRng(seed);
  const cols: CellValue[][] = [[], [], [], [], [], []];
  const y: CellValue[] = [];
  for (let i = 0; i < rows; i++) {
    const x = cols.map(() => rng.normal());
    cols.forEach((c, j) => c.push(x[j]));
    y.push(2 * x[0] - x[1] + 2 * rng.normal());
  }
  return tableFromColumns([...cols.map((values, j) => ({ name: `x${j}`, type: 'numeric' as const, values })), { name: 'y', type: 'numeric', values: y }]);
}

function searchInput(model: string, table = noisyClasses(300, 0.25), extra: Partial<SearchInput> = {}): SearchInput {
  const task = table.columns.some((c) => c.name === 'label') ? 'classification' : 'regression';
  const target = task === 'classification' ? 'label' : 'y';
  return {
    table,
    target,
    task,
    encoded: encodeTarget(table, target, task),
    spec: getModel(model),
    recipe: suggestRecipe(table, target),
    folds: 3,
    seed: 4,
    strategy: 'random',
    ...extra,
  };
}

/** Models whose fit needs TensorFlow.js: their own parameter check stands in for a fit. */
const RESOLVE: Record<string, (p: ModelParams) => unknown> = {
  logistic_regression: (p) => resolveDenseParams(getModel('logistic_regression').defaults as never, p),
  neural_network: (p) => resolveNetworkParams(neuralNetwork.defaults, p),
};

/** A tiny dataset for a task: 30 rows, 3 columns, 3 classes or a noisy linear target. */
function tinyData(task: Task) {
  const rng = createRng(2);
  const rows = 30;
  const cols = 3;
  const X = Float32Array.from({ length: rows * cols }, () => rng.normal());
  const y = task === 'classification' ? Int32Array.from({ length: rows }, (_, i) => i % 3) : Float64Array.from({ length: rows }, (_, i) => X[i * cols] + rng.normal());
  return { X, y, shape: { rows, cols, classes: task === 'classification' ? 3 : undefined } };
}

describe('searchSpaces', () => {
  it('tunes only parameters each model has, and every sampled configuration passes its checks', async () => {
    for (const [name, space] of Object.entries(searchSpaces)) {
      const spec = getModel(name);
      for (const param of Object.keys(space)) expect(Object.keys(spec.defaults), `${name}.${param}`).toContain(param);
      const rng = createRng(7);
      for (let s = 0; s < 50; s++) {
        const params = { ...spec.defaults, ...sampleParams(space, rng) };
        if (RESOLVE[name]) {
          expect(() => RESOLVE[name](params), `${name} ${JSON.stringify(params)}`).not.toThrow();
          continue;
        }
        for (const task of spec.tasks) {
          if (task === 'clustering') continue;
          const { X, y, shape } = tinyData(task);
          const model = await spec.fit(X, y, shape, params, { seed: s });
          expect(model.predict(X, shape.rows, shape.cols).every(Number.isFinite), `${name} ${JSON.stringify(params)}`).toBe(true);
        }
      }
    }
  });

  it('samples inside each range: integers whole, log ranges spread over the decades, choices from the list', () => {
    const space = {
      a: { kind: 'float', low: 1e-4, high: 1e2, log: true },
      b: { kind: 'int', low: 1, high: 50, log: true },
      c: { kind: 'int', low: 2, high: 4, log: false },
      d: { kind: 'choice', values: ['u', 'v'] },
      e: { kind: 'float', low: 0, high: 1, log: false },
    } as const;
    const rng = createRng(1);
    const draws = Array.from({ length: 2000 }, () => sampleParams(space, rng));
    const a = draws.map((d) => d.a as number);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...a)).toBeLessThanOrEqual(1e2);
    // Log-uniform: about a third of the draws below 1e-2 (2 of 6 decades), not 1e-4 of them.
    const low = a.filter((v) => v < 1e-2).length / a.length;
    expect(low).toBeGreaterThan(0.28);
    expect(low).toBeLessThan(0.39);
    expect(draws.every((d) => Number.isInteger(d.b) && (d.b as number) >= 1 && (d.b as number) <= 50)).toBe(true);
    expect(new Set(draws.map((d) => d.c))).toEqual(new Set([2, 3, 4]));
    expect(new Set(draws.map((d) => d.d))).toEqual(new Set(['u', 'v']));
    expect(new Set(draws.map((d) => d.b)).has(50)).toBe(true);
  });
});

describe('searchHyperparameters', () => {
  it('evaluates the defaults first and never returns anything worse', async () => {
    const result = await searchHyperparameters(searchInput('decision_tree'));
    expect(result.metric).toBe('accuracy');
    expect(result.trials).toHaveLength(9);
    expect(result.trials[0].params).toEqual(getModel('decision_tree').defaults);
    expect(result.trials[0].candidate).toBe(0);
    const best = Math.max(...result.trials.map((t) => t.score));
    expect(result.best.score).toBe(best);
    expect(result.best.score).toBeGreaterThanOrEqual(result.trials[0].score);
    expect(result.best.cv.mean.accuracy).toBe(result.best.score);
    expect(result.stoppedByBudget).toBe(false);
  });

  it('finds a clearly better configuration than an unrestricted tree on noisy labels', async () => {
    const result = await searchHyperparameters(searchInput('decision_tree'));
    // The full tree memorises the 25% flipped labels (about 0.63); a limited one nears 0.72.
    expect(result.best.score).toBeGreaterThan(result.trials[0].score + 0.05);
    expect(result.best.candidate).not.toBe(0);
  });

  it('moves kNN away from one neighbour on noisy labels', async () => {
    const result = await searchHyperparameters(searchInput('k_nearest_neighbors', undefined, { baseParams: { neighbors: 1 } }));
    expect(result.trials[0].params.neighbors).toBe(1);
    expect(result.best.params.neighbors).toBeGreaterThan(1);
    expect(result.best.score).toBeGreaterThan(result.trials[0].score + 0.05);
  });

  it('gives the same trials and result for the same seed, and other draws for another seed', async () => {
    const strip = (r: Awaited<ReturnType<typeof searchHyperparameters>>) => r.trials.map((t) => [t.params, t.score, t.std, t.rung, t.rows]);
    const input = searchInput('ridge', noisyLine(240));
    const a = await searchHyperparameters(input);
    const b = await searchHyperparameters({ ...input });
    expect(a.metric).toBe('r2');
    expect(strip(b)).toEqual(strip(a));
    expect(b.best).toEqual(a.best);
    const c = await searchHyperparameters({ ...input, seed: 5 });
    expect(c.trials[1].params).not.toEqual(a.trials[1].params);

    const h1 = await searchHyperparameters(searchInput('random_forest', noisyClasses(240, 0.2), { strategy: 'halving', trials: 6 }));
    const h2 = await searchHyperparameters(searchInput('random_forest', noisyClasses(240, 0.2), { strategy: 'halving', trials: 6 }));
    expect(strip(h2)).toEqual(strip(h1));
    expect(h2.best).toEqual(h1.best);
  });

  it('halves: each rung triples the rows and keeps the best third, the last on every row', async () => {
    const input = searchInput('k_nearest_neighbors', noisyClasses(600, 0.2), { strategy: 'halving' });
    const result = await searchHyperparameters(input);
    // Defaults first on all rows; then 16 candidates on 600/9, 6 on 600/3, 2 on 600 (scikit-learn's factor 3).
    expect(result.trials[0]).toMatchObject({ candidate: 0, rows: 600 });
    expect(result.trials[0].rung).toBeUndefined();
    const rungs = [0, 1, 2].map((r) => result.trials.filter((t) => t.rung === r));
    expect(rungs.map((r) => r.length)).toEqual([16, 6, 2]);
    expect(rungs.map((r) => r[0].rows)).toEqual([66, 200, 600]);
    expect(result.trials).toHaveLength(25);
    for (let r = 0; r < 2; r++) {
      const ranked = [...rungs[r]].sort((a, b) => b.score - a.score || a.trial - b.trial);
      expect(rungs[r + 1].map((t) => t.candidate)).toEqual(ranked.slice(0, rungs[r + 1].length).map((t) => t.candidate));
    }
    const finalists = [result.trials[0], ...rungs[2]];
    expect(result.best.score).toBe(Math.max(...finalists.map((t) => t.score)));
  });

  it('plans fewer rungs when the smallest subsample would be too small', () => {
    expect(minRungRows(5, 2)).toBe(30);
    expect(minRungRows(5, 4)).toBe(40);
    expect(halvingRungs(16, 1000, 30)).toEqual([
      { rows: 111, keep: 16 },
      { rows: 333, keep: 6 },
      { rows: 1000, keep: 2 },
    ]);
    // 100 / 9 rows would be below 30: two rungs; 50 / 3 would be too: one rung, all candidates on all rows.
    expect(halvingRungs(16, 100, 30)).toEqual([
      { rows: 33, keep: 16 },
      { rows: 100, keep: 6 },
    ]);
    expect(halvingRungs(16, 50, 30)).toEqual([{ rows: 50, keep: 16 }]);
    expect(halvingRungs(40, 100_000, 30).map((r) => r.keep)).toEqual([40, 14, 5, 2]);
  });

  it('subsamples rows stratified by class, and a larger rung holds the smaller one', () => {
    const encoded = encodeTarget(noisyClasses(600, 0.2), 'label', 'classification');
    const small = subsampleRows(encoded, 66, 4);
    const large = subsampleRows(encoded, 200, 4);
    expect(small).toHaveLength(66);
    expect(large).toHaveLength(200);
    const inLarge = new Set(large);
    expect([...small].every((i) => inLarge.has(i))).toBe(true);
    const share = (rows: Int32Array) => [...rows].filter((i) => encoded.y[i] === 1).length / rows.length;
    expect(Math.abs(share(large) - share(Int32Array.from(encoded.y.keys())))).toBeLessThan(0.01);
  });

  it('stops at the time budget but still returns the defaults, cross-validated on every row', async () => {
    const input = searchInput('decision_tree', undefined, { timeBudgetSeconds: 0 });
    const result = await searchHyperparameters(input);
    expect(result.trials).toHaveLength(1);
    expect(result.stoppedByBudget).toBe(true);
    expect(result.best.candidate).toBe(0);
    const cv = await crossValidate({ ...input, params: { ...getModel('decision_tree').defaults } });
    expect(result.best.cv).toEqual(cv);
    const halving = await searchHyperparameters({ ...input, strategy: 'halving' });
    expect(halving.trials).toHaveLength(1);
    expect(halving.best.cv).toEqual(cv);
  });

  it('reports each trial as it finishes and stops with an AbortError when asked', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = searchHyperparameters(
      searchInput('decision_tree', undefined, {
        signal: controller.signal,
        onTrial: (t) => {
          seen.push(t.trial);
          if (t.trial === 1) controller.abort();
        },
      }),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 1]);
  });

  it('evaluates only the defaults of a model without a search space', async () => {
    const plain = { ...getModel('decision_tree'), name: 'untuned_tree' };
    const result = await searchHyperparameters({ ...searchInput('decision_tree'), spec: plain });
    expect(result.trials).toHaveLength(1);
    expect(result.stoppedByBudget).toBe(false);
  });
});
