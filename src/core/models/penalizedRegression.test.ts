/**
 * Ridge, lasso and elastic net against scikit-learn on the same float32 inputs. The fixture
 * comes from
 *   /usr/bin/python3 tests/fixtures/models/make_penalized_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonShapeError } from '../bundle/jsonShape';
import { createRng } from '../random';
import { elasticNetRegression } from './elasticNetRegression';
import { lassoRegression } from './lassoRegression';
import { ridgeRegression } from './ridgeRegression';
import type { FittedModel, ModelParams, ModelSpec, TrainProgress } from './types';

interface ModelCase {
  model: 'ridge' | 'lasso' | 'elastic_net';
  params: ModelParams;
  coef: number[];
  intercept: number;
  test_pred: number[];
  n_iter: number;
}

interface Dataset {
  name: string;
  cols: number;
  X_train: number[];
  y_train: number[];
  X_test: number[];
  y_test: number[];
  models: ModelCase[];
}

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/models/penalized.json', import.meta.url), 'utf8')) as { datasets: Dataset[] };

const SPECS: Record<ModelCase['model'], ModelSpec> = { ridge: ridgeRegression, lasso: lassoRegression, elastic_net: elasticNetRegression };

/** Ridge is a direct solve; the coordinate-descent models stop at a duality gap of 1e-8. */
const TOLERANCE: Record<ModelCase['model'], number> = { ridge: 1e-9, lasso: 1e-6, elastic_net: 1e-6 };

interface Fitted {
  coef: number[];
  intercept: number;
  inputs: number;
}

function weights(model: FittedModel): Fitted {
  return model.toJSON() as unknown as Fitted;
}

/** Largest difference, relative to the largest expected magnitude. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}

function train(data: Dataset) {
  const rows = data.y_train.length;
  return { X: Float32Array.from(data.X_train), y: Float64Array.from(data.y_train), shape: { rows, cols: data.cols } };
}

/** The training matrix with one more column (value `fill`) inserted at `at`. */
function withColumn(data: Dataset, at: number, fill: number): Float32Array {
  const rows = data.y_train.length;
  const cols = data.cols;
  const X = new Float32Array(rows * (cols + 1));
  for (let r = 0; r < rows; r++) {
    for (let j = 0, k = 0; j <= cols; j++) X[r * (cols + 1) + j] = j === at ? fill : data.X_train[r * cols + k++];
  }
  return X;
}

describe('penalised linear regression against scikit-learn', () => {
  for (const data of fixture.datasets) {
    for (const c of data.models) {
      it(`${data.name}: ${c.model} ${JSON.stringify(c.params)} matches coef_, intercept_ and predict()`, async () => {
        const { X, y, shape } = train(data);
        const sweeps: number[] = [];
        const model = await SPECS[c.model].fit(X, y, shape, c.params, { seed: 0, onProgress: (p) => sweeps.push(p.epoch) });
        const w = weights(model);
        const tol = TOLERANCE[c.model];
        expect(relativeError(w.coef, c.coef)).toBeLessThan(tol);
        expect(Math.abs(w.intercept - c.intercept) / Math.abs(c.intercept)).toBeLessThan(tol);
        const rows = data.y_test.length;
        const pred = model.predict(Float32Array.from(data.X_test), rows, data.cols);
        expect(relativeError(pred, c.test_pred)).toBeLessThan(tol);
        // The same coefficients are exactly zero as in scikit-learn.
        expect(w.coef.map((v) => v === 0)).toEqual(c.coef.map((v) => v === 0));
        // Same steps and stopping rule: the same number of sweeps as scikit-learn's n_iter_.
        if (c.model !== 'ridge') expect(sweeps.length).toBe(c.n_iter);
      });
    }
  }
});

const diabetes = fixture.datasets[0];
const expected = (model: ModelCase['model'], alpha: number) => diabetes.models.find((c) => c.model === model && c.params.alpha === alpha)!;

describe('penalised linear regression: behaviour', () => {
  it('a constant (or all-zero) column gets a zero coefficient and changes nothing else', async () => {
    const rows = diabetes.y_train.length;
    const y = Float64Array.from(diabetes.y_train);
    const shape = { rows, cols: diabetes.cols + 1 };
    for (const fill of [0, 3.7]) {
      const X = withColumn(diabetes, 2, fill);
      for (const [model, alpha] of [['ridge', 1], ['ridge', 0], ['lasso', 0.1]] as const) {
        const c = expected(model, alpha);
        const w = weights(await SPECS[model].fit(X, y, shape, c.params, { seed: 0 }));
        expect(w.coef[2]).toBe(0);
        expect(relativeError([...w.coef.slice(0, 2), ...w.coef.slice(3)], c.coef)).toBeLessThan(TOLERANCE[model]);
        expect(Math.abs(w.intercept - c.intercept) / c.intercept).toBeLessThan(TOLERANCE[model]);
      }
    }
  });

  it('ridge without a penalty leaves a repeated column at zero instead of failing', async () => {
    const rows = diabetes.y_train.length;
    const cols = diabetes.cols;
    const X = withColumn(diabetes, cols, 0);
    for (let r = 0; r < rows; r++) X[r * (cols + 1) + cols] = X[r * (cols + 1)];
    const w = weights(await ridgeRegression.fit(X, Float64Array.from(diabetes.y_train), { rows, cols: cols + 1 }, { alpha: 0 }, { seed: 0 }));
    expect(w.coef[cols]).toBe(0);
    expect(relativeError(w.coef.slice(0, cols), expected('ridge', 0).coef)).toBeLessThan(1e-9);
  });

  it('ridge with more columns than rows solves the same normal equations (kernel form)', async () => {
    const rng = createRng(5);
    const rows = 12;
    const cols = 30;
    const alpha = 0.5;
    const X = Float32Array.from({ length: rows * cols }, () => rng.normal());
    const y = Float64Array.from({ length: rows }, () => 10 + 3 * rng.normal());
    const { coef, intercept } = weights(await ridgeRegression.fit(X, y, { rows, cols }, { alpha }, { seed: 0 }));
    // Centred in float64, (XᵀX + alpha I) w - Xᵀy must vanish, and the intercept fit the means.
    const mean = (f: (r: number) => number) => Array.from({ length: rows }, (_, r) => f(r)).reduce((a, b) => a + b) / rows;
    const xm = Array.from({ length: cols }, (_, j) => mean((r) => X[r * cols + j]));
    const ym = mean((r) => y[r]);
    const xc = (r: number, j: number) => X[r * cols + j] - xm[j];
    let worst = 0;
    for (let j = 0; j < cols; j++) {
      let g = alpha * coef[j];
      for (let r = 0; r < rows; r++) {
        let fit = 0;
        for (let k = 0; k < cols; k++) fit += xc(r, k) * coef[k];
        g += xc(r, j) * (fit - (y[r] - ym));
      }
      worst = Math.max(worst, Math.abs(g));
    }
    expect(worst).toBeLessThan(1e-10);
    expect(intercept).toBeCloseTo(ym - xm.reduce((s, m, j) => s + m * coef[j], 0), 12);
  });

  it('elastic net with l1Ratio 1 is the lasso, and with l1Ratio 0 converges to ridge with alpha * n', async () => {
    const { X, y, shape } = train(diabetes);
    const tight = { maxIterations: 100_000, tolerance: 1e-12 };
    const lasso = weights(await lassoRegression.fit(X, y, shape, { alpha: 0.3, ...tight }, { seed: 0 }));
    const enet1 = weights(await elasticNetRegression.fit(X, y, shape, { alpha: 0.3, l1Ratio: 1, ...tight }, { seed: 0 }));
    expect({ ...enet1, kind: 'lasso' }).toEqual(lasso);
    // Without an L1 part the gap is taken at the unscaled residual, so the fit stops early
    // (scikit-learn's rule would run all sweeps).
    let sweeps = 0;
    const enet0 = weights(
      await elasticNetRegression.fit(X, y, shape, { alpha: 0.01, l1Ratio: 0, ...tight }, { seed: 0, onProgress: (p) => (sweeps = p.epoch) }),
    );
    expect(sweeps).toBeLessThan(1000);
    const ridge = weights(await ridgeRegression.fit(X, y, shape, { alpha: 0.01 * shape.rows }, { seed: 0 }));
    expect(relativeError(enet0.coef, ridge.coef)).toBeLessThan(1e-8);
  });

  it('reports each sweep with a falling objective, and stops between sweeps when aborted', async () => {
    const { X, y, shape } = train(diabetes);
    const reports: TrainProgress[] = [];
    await lassoRegression.fit(X, y, shape, { ...lassoRegression.defaults, alpha: 0.1 }, { seed: 0, onProgress: (p) => reports.push(p) });
    expect(reports.map((p) => p.epoch)).toEqual(reports.map((_, i) => i + 1));
    expect(reports.every((p) => p.epochs === 1000)).toBe(true);
    for (let i = 1; i < reports.length; i++) expect(reports[i].loss).toBeLessThanOrEqual(reports[i - 1].loss + 1e-12);

    const controller = new AbortController();
    const epochs: number[] = [];
    const run = elasticNetRegression.fit(X, y, shape, { ...elasticNetRegression.defaults, alpha: 0.1, tolerance: 1e-12 }, {
      seed: 0,
      signal: controller.signal,
      onProgress: (p) => {
        epochs.push(p.epoch);
        if (p.epoch === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([1, 2, 3]);
  });

  it('round-trips through toJSON / fromJSON with identical predictions', async () => {
    const { X, y, shape } = train(diabetes);
    const test = Float32Array.from(diabetes.X_test);
    const rows = diabetes.y_test.length;
    for (const spec of [ridgeRegression, lassoRegression, elasticNetRegression]) {
      const model = await spec.fit(X, y, shape, spec.defaults, { seed: 0 });
      const json = JSON.parse(JSON.stringify(model.toJSON())) as Fitted & { kind: string };
      expect(Object.keys(json).sort()).toEqual(['coef', 'inputs', 'intercept', 'kind']);
      expect(json).toMatchObject({ kind: spec.name, inputs: diabetes.cols });
      const copy = spec.fromJSON(json);
      expect(copy.kind).toBe(spec.name);
      expect(copy.inputCount).toBe(diabetes.cols);
      expect(copy.toJSON()).toEqual(json);
      expect(Array.from(copy.predict(test, rows, diabetes.cols))).toEqual(Array.from(model.predict(test, rows, diabetes.cols)));
      expect(() => copy.predict(test, rows, diabetes.cols - 1)).toThrow('The model expects 10 input columns, got 9.');
    }
  });

  it('rejects tampered JSON with an error naming the field', async () => {
    const { X, y, shape } = train(diabetes);
    const model = await ridgeRegression.fit(X, y, shape, { alpha: 1 }, { seed: 0 });
    const good = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
    const tamper = (edit: (j: Record<string, unknown>) => void) => {
      const j = structuredClone(good);
      edit(j);
      return () => ridgeRegression.fromJSON(j);
    };
    const cases: [(j: Record<string, unknown>) => void, string][] = [
      [(j) => (j.kind = 'lasso'), 'kind'],
      [(j) => (j.inputs = 0), 'inputs'],
      [(j) => (j.inputs = 11), 'coef'],
      [(j) => (j.coef as number[]).pop(), 'coef'],
      [(j) => ((j.coef as unknown[])[2] = 'x'), 'coef[2]'],
      [(j) => ((j.coef as unknown[])[4] = null), 'coef[4]'],
      [(j) => (j.intercept = '151'), 'intercept'],
      [(j) => delete j.intercept, 'intercept'],
      [(j) => (j.coef = { 0: 1 }), 'coef'],
    ];
    for (const [edit, path] of cases) {
      const read = tamper(edit);
      expect(read).toThrow(JsonShapeError);
      expect(read).toThrow(`"${path}"`);
    }
    expect(() => ridgeRegression.fromJSON(JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(good).slice(1)}`))).toThrow('forbidden key "__proto__"');
    expect(() => ridgeRegression.fromJSON([good])).toThrow(JsonShapeError);
    expect(() => lassoRegression.fromJSON(good)).toThrow('"kind" is "ridge", expected "lasso".');
  });

  it('rejects bad parameters with a sentence', async () => {
    const { X, y, shape } = train(diabetes);
    const bad: [ModelSpec, ModelParams, string][] = [
      [ridgeRegression, { alpha: -1 }, 'The parameter "alpha" is -1; expected a number of at least 0.'],
      [ridgeRegression, { alpha: Number.NaN }, 'The parameter "alpha" is NaN; expected a number of at least 0.'],
      [lassoRegression, { alpha: 0 }, 'The parameter "alpha" is 0; expected a number above 0.'],
      [lassoRegression, { alpha: 'big' }, 'The parameter "alpha" is big; expected a number above 0.'],
      [lassoRegression, { maxIterations: 0 }, 'The parameter "maxIterations" is 0; expected an integer from 1 to 1000000.'],
      [lassoRegression, { maxIterations: 2.5 }, 'The parameter "maxIterations" is 2.5; expected an integer from 1 to 1000000.'],
      [lassoRegression, { tolerance: -1e-4 }, 'The parameter "tolerance" is -0.0001; expected a number of at least 0.'],
      [elasticNetRegression, { alpha: -0.5 }, 'The parameter "alpha" is -0.5; expected a number above 0.'],
      [elasticNetRegression, { l1Ratio: 1.5 }, 'The parameter "l1Ratio" is 1.5; expected a number from 0 (ridge) to 1 (lasso).'],
      [elasticNetRegression, { l1Ratio: -0.1 }, 'The parameter "l1Ratio" is -0.1; expected a number from 0 (ridge) to 1 (lasso).'],
    ];
    for (const [spec, params, message] of bad) {
      await expect(spec.fit(X, y, shape, { ...spec.defaults, ...params }, { seed: 0 })).rejects.toThrow(message);
    }
    await expect(ridgeRegression.fit(X, y.subarray(1), shape, { alpha: 1 }, { seed: 0 })).rejects.toThrow(
      `There are ${shape.rows - 1} target values for ${shape.rows} rows.`,
    );
  });

  it('names, labels, tasks and defaults', () => {
    expect([ridgeRegression, lassoRegression, elasticNetRegression].map((s) => [s.name, s.label, s.tasks])).toEqual([
      ['ridge', 'Ridge regression', ['regression']],
      ['lasso', 'Lasso regression', ['regression']],
      ['elastic_net', 'Elastic net', ['regression']],
    ]);
    expect(ridgeRegression.defaults).toEqual({ alpha: 1 });
    expect(lassoRegression.defaults).toEqual({ alpha: 1, maxIterations: 1000, tolerance: 1e-4 });
    expect(elasticNetRegression.defaults).toEqual({ alpha: 1, l1Ratio: 0.5, maxIterations: 1000, tolerance: 1e-4 });
  });
});
