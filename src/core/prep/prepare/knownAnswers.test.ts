/**
 * The prepare steps against scikit-learn / pandas on the same rows. The answers were made by
 *   /usr/bin/python3 tests/fixtures/prep/make_prep_fixtures.py
 * (scikit-learn 1.2.1, pandas 1.5.3; target encoding transcribes scikit-learn 1.3's TargetEncoder,
 * see the script).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readCsv } from '../../data/readCsv';
import { columnIndex, type Table } from '../../data/table';
import { fitPrepare } from '../fitPrepare';
import { applyPrepare } from '../applyPrepare';
import { newPrepareStep } from '../prepareStepDefaults';
import type { PrepareStep } from '../prepareSteps';
import { fitYeoJohnsonLambda, yeoJohnsonValue } from './yeoJohnson';
import { pearson } from './dropCorrelated';


const FIXTURE_DIR = new URL('../../../../tests/fixtures/prep/', import.meta.url);
const FIXTURE_CSV = new URL('prepare_input.csv', FIXTURE_DIR);
const fixtureTable = () => readCsv(readFileSync(FIXTURE_CSV), { fileName: 'prepare_input.csv' }).table;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers' JSON is read field by field
const answers: any = JSON.parse(readFileSync(new URL('known_answers.json', FIXTURE_DIR), 'utf8'));
/** The fixture's training rows: the first rows, as make_prep_fixtures.py fits on. */
const trainRows = () => Int32Array.from({ length: answers.train_rows as number }, (_, i) => i);

const column = (t: Table, name: string) => t.columns[columnIndex(t, name)];
/** |a - b| <= tol * max(1, |b|); null expects missing. */
const close = (a: number, b: number | null, tol: number) => (b === null ? Number.isNaN(a) : Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)));

const table = fixtureTable();
const train = trainRows();

function fitOne(step: PrepareStep, target?: string) {
  const fitted = fitPrepare([step], table, train, target ? { target } : {});
  return { step: fitted.steps[0], fitTable: fitted.table, applied: applyPrepare(fitted.steps, table) };
}

function expectClose(actual: ArrayLike<number>, expected: Array<number | null>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!close(actual[i], expected[i], tol)) throw new Error(`row ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('yeoJohnson (PowerTransformer, standardize=False)', () => {
  for (const name of ['num_b', 'num_c', 'num_a']) {
    it(`fits the maximum-likelihood lambda of ${name} to 1e-6 and transforms to 1e-9 given lambda`, () => {
      const expected = answers.yeoJohnson[name];
      const { step, applied } = fitOne(newPrepareStep('yeoJohnson', { columns: [name] }));
      const lambda = (step.fitted as { lambda: number[] }).lambda[0];
      expect(Math.abs(lambda - expected.lambda)).toBeLessThan(1e-6);
      // Values given sklearn's own lambda, so the transform is compared without the optimiser's tolerance.
      const values = column(table, name).values!;
      expectClose(Float64Array.from(values, (v) => (Number.isNaN(v) ? NaN : yeoJohnsonValue(v, expected.lambda))), expected.transformed, 1e-9);
      expectClose(column(applied, name).values!, expected.transformed, 1e-6);
    });
  }

  it('gives lambda 1 for fewer than two values', () => {
    expect(fitYeoJohnsonLambda(Float64Array.from([3, NaN]))).toBe(1);
  });
});

describe('bin (KBinsDiscretizer, encode=ordinal)', () => {
  for (const key of Object.keys(answers.bin)) {
    const [strategy, name, k] = key.split(':');
    it(`${strategy} ${k} bins of ${name}: edges and bin numbers`, () => {
      const expected = answers.bin[key];
      const source = name === 'const_e' ? { ...table, columns: table.columns.map((c) => (c.name === 'const_e' ? { ...c, values: new Float64Array(table.rowCount) } : c)) } : table;
      const fitted = fitPrepare([newPrepareStep('bin', { columns: [name], strategy: strategy as 'quantile', bins: Number(k) })], source, train);
      const edges = (fitted.steps[0].fitted as { edges: number[][] }).edges[0];
      expectClose(edges, expected.edges, 1e-12);
      expectClose(column(applyPrepare(fitted.steps, source), name).values!, expected.transformed, 0);
    });
  }
});

describe('scale, impute, outliers, correlation', () => {
  it('matches StandardScaler, MinMaxScaler and RobustScaler', () => {
    for (const method of ['standard', 'minMax', 'robust'] as const) {
      const { step } = fitOne(newPrepareStep('scale', { columns: ['num_a'], method }));
      const f = step.fitted as { center: number[]; scale: number[] };
      expectClose([f.center[0], f.scale[0]], answers.scale[method], 1e-12);
    }
  });

  it('matches SimpleImputer (median, mean, most frequent)', () => {
    for (const strategy of ['median', 'mean'] as const) {
      const { step } = fitOne(newPrepareStep('impute', { columns: ['num_a'], strategy }));
      expect((step.fitted as { fill: number[] }).fill[0]).toBeCloseTo(answers.impute[strategy], 10);
    }
    const { step } = fitOne(newPrepareStep('impute', { columns: ['city'], strategy: 'mostFrequent' }));
    expect((step.fitted as { fill: string[] }).fill[0]).toBe(answers.impute.mostFrequentCity);
  });

  it('matches pandas quantiles for IQR bounds and the ddof-0 z-score bounds', () => {
    const iqr = fitOne(newPrepareStep('outliers', { columns: ['num_a'], method: 'iqr', k: 1.5 })).step.fitted as { low: number[]; high: number[] };
    expectClose([iqr.low[0], iqr.high[0]], answers.outliers['iqr1.5'], 1e-12);
    const z = fitOne(newPrepareStep('outliers', { columns: ['num_a'], method: 'zscore', k: 3 })).step.fitted as { low: number[]; high: number[] };
    expectClose([z.low[0], z.high[0]], answers.outliers.zscore3, 1e-12);
  });

  it('matches pandas pairwise-complete Pearson correlation', () => {
    const pick = (name: string) => Float64Array.from(train, (r) => column(table, name).values![r]);
    expect(pearson(pick('num_b'), pick('num_d'))).toBeCloseTo(answers.pearson['num_b:num_d'], 12);
    expect(pearson(pick('num_a'), pick('num_c'))).toBeCloseTo(answers.pearson['num_a:num_c'], 12);
  });
});

describe('targetEncode (scikit-learn 1.3 TargetEncoder, cross-fitted without shuffling)', () => {
  const cases: Array<[string, 'price' | 'y', string, 'auto' | number]> = [
    ['price:city:auto', 'price', 'city', 'auto'],
    ['price:city:10.0', 'price', 'city', 10],
    ['price:color:auto', 'price', 'color', 'auto'],
    ['price:color:10.0', 'price', 'color', 10],
    ['y:city:auto', 'y', 'city', 'auto'],
    ['y:color:auto', 'y', 'color', 'auto'],
  ];
  for (const [key, target, name, smooth] of cases) {
    it(`${key}: the full-training mapping and the out-of-fold training values`, () => {
      const expected = answers.targetEncode[key];
      const step = newPrepareStep('targetEncode', { columns: [name], folds: 5, smooth, shuffle: false });
      const { step: fitted, fitTable, applied } = fitOne(step, target);
      const f = fitted.fitted as { categories: string[][]; encodings: number[][][]; missing: number[][]; mean: number[]; classes?: string[] };
      expect(f.categories[0]).toEqual(expected.categories);
      expectClose(f.encodings[0][0], expected.encodings, 1e-12);
      expectClose([f.missing[0][0], f.mean[0]], [expected.missing, expected.mean], 1e-12);
      if (target === 'y') expect(f.classes).toEqual(answers.targetEncode['y:classes']);
      // fit_transform: the training rows get out-of-fold values.
      expectClose(column(fitTable, name).values!, expected.oof, 1e-12);
      // transform: every row gets the full-training mapping.
      const text = column(table, name);
      const mapped = column(applied, name).values!;
      for (let r = 0; r < table.rowCount; r++) {
        const cat = text.missing[r] ? null : text.categories![text.codes![r]];
        const k = cat === null ? -1 : expected.categories.indexOf(cat);
        const want = cat === null ? expected.missing : k < 0 ? expected.mean : expected.encodings[k];
        expect(close(mapped[r], want, 1e-12)).toBe(true);
      }
    });
  }
});
