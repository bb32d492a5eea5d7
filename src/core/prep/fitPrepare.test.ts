import { describe, expect, it } from 'vitest';
import { cellText, type Table } from '../data/table';
import { applyPrepare } from './applyPrepare';
import { fitPrepare } from './fitPrepare';
import { newPrepareStep } from './prepareStepDefaults';
import type { PrepareStep } from './prepareSteps';
import { tableFromColumns } from './tableFromColumns';

const rows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const values = (t: Table, name: string) => Array.from(t.columns.find((c) => c.name === name)!.values!);
const texts = (t: Table, name: string) => {
  const c = t.columns.find((col) => col.name === name)!;
  return Array.from({ length: t.rowCount }, (_, r) => (c.missing[r] ? null : cellText(c, r)));
};
const names = (t: Table) => t.columns.map((c) => c.name);
const fitAll = (steps: PrepareStep[], t: Table, target?: string) => fitPrepare(steps, t, rows(t.rowCount), target ? { target } : {});

const people = () =>
  tableFromColumns([
    { name: 'age', type: 'numeric', values: [20, 30, null, 40, 50, 1000] },
    { name: 'fare', type: 'numeric', values: [7, 7, 9, 7, 80, 12] },
    { name: 'city', type: 'categorical', values: ['a', 'b', 'a', null, 'c', 'a'] },
    { name: 'price', type: 'text', values: ['1.234,5', '2,0', 'x', '10', null, '0,5'] },
    { name: 'day', type: 'text', values: ['03/01/2024 10:30', '12/31/2023 23:59', '02/30/2024 00:00', null, '1/2/2024 7:05', 'soon'] },
    { name: 'survived', type: 'categorical', values: ['no', 'yes', 'yes', 'no', 'yes', 'no'] },
  ]);

describe('row-removing steps', () => {
  it('remove training rows while fitting and never rows being transformed', () => {
    const t = tableFromColumns([
      { name: 'x', type: 'numeric', values: [1, 1, 2, null, 3] },
      { name: 'c', type: 'categorical', values: ['a', 'a', 'b', 'b', null] },
    ]);
    const fitted = fitAll([newPrepareStep('dropDuplicates', { id: 'a' }), newPrepareStep('dropMissingRows', { id: 'b', columns: [] })], t);
    expect(Array.from(fitted.keptTrainRows)).toEqual([0, 2]);
    expect(fitted.steps.map((s) => s.fitted)).toEqual([{ rows: 5, removed: 1 }, { rows: 4, removed: 2 }]);
    expect(fitted.table.rowCount).toBe(2);
    expect(applyPrepare(fitted.steps, t).rowCount).toBe(5);
  });

  it('removes outliers from training rows only, and clips everywhere with the fitted bounds', () => {
    const t = people();
    const removed = fitAll([newPrepareStep('outliers', { id: 'o', columns: ['age'], method: 'iqr', k: 1.5, action: 'remove' })], t);
    expect(Array.from(removed.keptTrainRows)).toEqual([0, 1, 2, 3, 4]);
    expect(values(applyPrepare(removed.steps, t), 'age')).toEqual(values(t, 'age'));
    const clipped = fitAll([newPrepareStep('outliers', { id: 'o', columns: ['age'], method: 'iqr', k: 1.5, action: 'clip' })], t);
    // q1 30, q3 50: bounds 0 and 80.
    expect(values(applyPrepare(clipped.steps, t), 'age')).toEqual([20, 30, NaN, 40, 50, 80]);
  });
});

describe('cleaning steps', () => {
  it('imputes with the median and adds the missing indicator right after the column', () => {
    const fitted = fitAll([newPrepareStep('impute', { id: 'i', columns: ['age', 'city'], strategy: 'mostFrequent', indicator: true })], people());
    expect(fitted.steps[0].fitted).toEqual({ rows: 6, fill: [20, 'a'], missing: [1, 1] });
    expect(names(fitted.table)).toEqual(['age', 'age_missing', 'fare', 'city', 'city_missing', 'price', 'day', 'survived']);
    expect(values(fitted.table, 'age_missing')).toEqual([0, 0, 1, 0, 0, 0]);
    expect(texts(fitted.table, 'city')).toEqual(['a', 'b', 'a', 'a', 'c', 'a']);
    const median = fitAll([newPrepareStep('impute', { id: 'i', columns: ['age'], strategy: 'constant', value: '-1' })], people());
    expect(values(median.table, 'age')[2]).toBe(-1);
  });

  it('reads numbers with a decimal comma and dates with an explicit format', () => {
    const fitted = fitAll(
      [
        newPrepareStep('parseNumbers', { id: 'n', columns: ['price'], thousands: '.', decimal: ',' }),
        newPrepareStep('parseDates', { id: 'd', columns: ['day'], format: 'MM/DD/YYYY HH:mm' }),
      ],
      people(),
    );
    expect(values(fitted.table, 'price')).toEqual([1234.5, 2, NaN, 10, NaN, 0.5]);
    expect(fitted.steps.map((s) => (s.fitted as { failed: number[] }).failed)).toEqual([[1], [2]]);
    expect(texts(fitted.table, 'day')).toEqual(['2024-03-01T10:30:00Z', '2023-12-31T23:59:00Z', null, null, '2024-01-02T07:05:00Z', null]);
    expect(fitted.table.columns.find((c) => c.name === 'day')!.type).toBe('datetime');
  });

  it('refuses a date format without a day, in one sentence naming the step', () => {
    expect(() => fitAll([newPrepareStep('parseDates', { id: 'd', columns: ['day'], format: 'MM/YYYY' })], people())).toThrow(/^The parseDates step \(step 1\) has the format "MM\/YYYY", which lacks DD\.$/);
  });
});

describe('encoding and transforming steps', () => {
  it('one-hot encodes the most frequent categories with an "other" bucket, and refuses too many columns', () => {
    const fitted = fitAll([newPrepareStep('oneHot', { id: 'h', columns: ['city'], maxCategories: 1 })], people());
    expect(names(fitted.table)).toEqual(['age', 'fare', 'city=a', 'city=(other)', 'price', 'day', 'survived']);
    expect(values(fitted.table, 'city=(other)')).toEqual([0, 1, 0, 0, 1, 0]);
    const many = tableFromColumns([{ name: 'zip', type: 'categorical', values: Array.from({ length: 1500 }, (_, i) => `z${i}`) }]);
    expect(() => fitAll([newPrepareStep('oneHot', { id: 'h', columns: ['zip'], maxCategories: 1000 })], many)).toThrow(
      /^The oneHot step \(step 1\) would make 1,001 columns \("zip" 1,001\), more than the 1,000 allowed; lower maxCategories or use targetEncode for the columns with many categories\.$/,
    );
  });

  it('numbers categories in sorted order: unseen -1, missing stays missing', () => {
    const fitted = fitPrepare([newPrepareStep('ordinal', { id: 'o', columns: ['city'] })], people(), Int32Array.from([0, 1, 2]));
    expect(values(applyPrepare(fitted.steps, people()), 'city')).toEqual([0, 1, 0, NaN, -1, 0]);
  });

  it('refuses log(1 + x) of values at or below -1 in training, and makes them missing elsewhere', () => {
    const t = tableFromColumns([{ name: 'x', type: 'numeric', values: [0, 1, -1, -3] }]);
    expect(() => fitAll([newPrepareStep('log', { id: 'l', columns: ['x'] })], t)).toThrow(
      'The log step (step 1) cannot take log(1 + x) of "x": 2 training values are -1 or below (the lowest is -3); use yeoJohnson instead.',
    );
    const fitted = fitPrepare([newPrepareStep('log', { id: 'l', columns: ['x'] })], t, Int32Array.from([0, 1]));
    expect(values(applyPrepare(fitted.steps, t), 'x')).toEqual([0, Math.log(2), NaN, NaN]);
  });

  it('adds polynomial and interaction terms after the last of their columns', () => {
    const fitted = fitAll([newPrepareStep('polynomial', { id: 'p', columns: ['age', 'fare'] })], people());
    expect(names(fitted.table)).toEqual(['age', 'fare', 'age^2', 'age*fare', 'fare^2', 'city', 'price', 'day', 'survived']);
    expect(values(fitted.table, 'age*fare')).toEqual([140, 210, NaN, 280, 4000, 12000]);
    const crossed = fitAll([newPrepareStep('interactions', { id: 'i', columns: ['fare', 'age'] })], people());
    expect(names(crossed.table)).toEqual(['age', 'fare', 'fare*age', 'city', 'price', 'day', 'survived']);
    // Two steps making the same column: refused, not overwritten.
    expect(() => fitAll([newPrepareStep('polynomial', { id: 'p', columns: ['age', 'fare'] }), newPrepareStep('interactions', { id: 'i', columns: ['age', 'fare'] })], people())).toThrow(
      'The interactions step (step 2) would add the column "age*fare", but the data already has a column of that name.',
    );
  });

  it('extracts date parts in UTC, Monday as weekday 0, and refuses a column that is not a datetime', () => {
    const t = tableFromColumns([{ name: 'when', type: 'datetime', values: ['2024-03-04T13:00:00Z', null, '2023-12-31'] }]);
    const fitted = fitAll([newPrepareStep('dateParts', { id: 'd', columns: ['when'], parts: ['year', 'month', 'day', 'weekday', 'hour'], dropOriginal: true })], t);
    expect(names(fitted.table)).toEqual(['when_year', 'when_month', 'when_day', 'when_weekday', 'when_hour']);
    expect(fitted.table.columns.map((c) => Array.from(c.values!))).toEqual([
      [2024, NaN, 2023],
      [3, NaN, 12],
      [4, NaN, 31],
      [0, NaN, 6],
      [13, NaN, 0],
    ]);
    expect(() => fitAll([newPrepareStep('dateParts', { id: 'd', columns: ['city'] })], people())).toThrow(
      'The dateParts step (step 1) needs a datetime column, but "city" holds categorical values; parse it with parseDates first.',
    );
  });

  it('derives a column from a formula and names the step, column and position of a formula error', () => {
    const fitted = fitAll([newPrepareStep('derive', { id: 'd', name: 'per_year', formula: 'fare / (age + 1)' })], people());
    expect(values(fitted.table, 'per_year')[0]).toBeCloseTo(7 / 21, 12);
    expect(fitted.steps[0].fitted).toEqual({ rows: 6, type: 'numeric' });
    expect(() => fitAll([newPrepareStep('derive', { id: 'd', name: 'bad', formula: 'fare / agee' })], people())).toThrow(/^The derive step \(step 1\) for "bad" cannot use its formula: .*agee.* \(at character 8\)\.$/);
    expect(() => fitAll([newPrepareStep('derive', { id: 'd', name: 'fare', formula: 'age' })], people())).toThrow(
      'The derive step (step 1) would add the column "fare", but the data already has a column of that name.',
    );
  });

  it('leaves a disabled step out and refuses to apply an unfitted one', () => {
    const off = newPrepareStep('scale', { id: 's', enabled: false, columns: ['age'] });
    const fitted = fitAll([off], people());
    expect(fitted.steps[0]).toEqual(off);
    expect(values(fitted.table, 'age')).toEqual(values(people(), 'age'));
    expect(() => applyPrepare([{ ...off, enabled: true }], people())).toThrow('The scale step (step 1) is not fitted yet; fit the recipe on training rows first.');
  });

  it('asks for numbers in one sentence naming the step and column', () => {
    expect(() => fitAll([newPrepareStep('impute', { id: 'x', columns: ['age'] }), newPrepareStep('scale', { id: 's', columns: ['city'] })], people())).toThrow(
      'The scale step (step 2) needs numbers in "city", which holds categorical values; parse it with parseNumbers first or leave it out.',
    );
  });
});

describe('feature selection', () => {
  const wide = () =>
    tableFromColumns([
      { name: 'a', type: 'numeric', values: [1, 2, 3, 4, 5, 6, 7, 8] },
      { name: 'b', type: 'numeric', values: [2, 4, 6, 8, 10, 12, 14, 17] },
      { name: 'flat', type: 'numeric', values: [0, 0, 0, 0, 0, 0, 0, 1] },
      { name: 'noise', type: 'numeric', values: [5, 1, 4, 2, 8, 3, 7, 6] },
      { name: 'kind', type: 'categorical', values: ['x', 'x', 'x', 'x', 'y', 'y', 'y', 'y'] },
      { name: 'target', type: 'categorical', values: ['n', 'n', 'n', 'n', 'p', 'p', 'p', 'p'] },
    ]);

  it('records why each column was dropped', () => {
    const fitted = fitAll(
      [
        newPrepareStep('dropNearConstant', { id: 'n', threshold: 0.85 }),
        newPrepareStep('dropCorrelated', { id: 'c', threshold: 0.95 }),
        newPrepareStep('selectKBest', { id: 'k', k: 2, bins: 2 }),
      ],
      wide(),
      'target',
    );
    const [near, corr, best] = fitted.steps.map((s) => s.fitted as unknown as { dropped: Array<Record<string, unknown>> });
    expect(near.dropped).toEqual([{ column: 'flat', reason: '88% of training rows hold "0"' }]);
    expect(corr.dropped).toMatchObject([{ column: 'b', correlatedWith: 'a' }]);
    expect(corr.dropped[0].reason).toMatch(/^correlated with a \(r = 0\.99\d\)$/);
    expect(best.dropped.map((d) => d.column)).toEqual(['noise']);
    expect(best.dropped[0].reason).toMatch(/^mutual information with target 0\.\d{4} nats, rank 3 of 3 \(keeping 2\)$/);
    expect(names(fitted.table)).toEqual(['a', 'kind']);
    expect(names(applyPrepare(fitted.steps, wide()))).toEqual(['a', 'kind', 'target']);
  });

  it('needs the target for supervised steps', () => {
    expect(() => fitAll([newPrepareStep('selectKBest', { id: 'k' })], wide())).toThrow("The selectKBest step (step 1) needs the target's values, which only training has.");
  });
});
