/**
 * The acceptance test of drift monitoring on real data (the penguins and cars examples, from
 * vega-datasets): a shifted copy is flagged, a fresh sample of the same data is not. Then each rule.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InputField } from '../bundle/bundleTypes';
import { readCsv } from '../data/readCsv';
import { columnIndex, takeRows, type Table } from '../data/table';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { compareDrift } from './compareDrift';
import { buildDriftReference } from './driftReference';
import { DRIFT_THRESHOLDS } from './driftThresholds';

function example(name: string): Table {
  const bytes = new Uint8Array(readFileSync(new URL(`../../../public/examples/${name}.csv`, import.meta.url)));
  return readCsv(bytes, { fileName: `${name}.csv` }).table;
}

function schemaOf(table: Table, leaveOut: string[] = []): InputField[] {
  return table.columns.filter((c) => !leaveOut.includes(c.name)).map((c) => ({ name: c.name, type: c.type }));
}

/** Two disjoint random halves of the rows. */
function halves(table: Table, seed: number): [Table, Table] {
  const order = createRng(seed).shuffle(Int32Array.from({ length: table.rowCount }, (_, i) => i));
  const half = table.rowCount >> 1;
  return [takeRows(table, order.subarray(0, half)), takeRows(table, order.subarray(half))];
}

/** A copy with `name` moved up by `stds` of its standard deviations. */
function shifted(table: Table, name: string, stds: number): Table {
  const column = table.columns[columnIndex(table, name)];
  const present = Array.from(column.values!).filter((_, i) => !column.missing[i]);
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const std = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / (present.length - 1));
  const values = column.values!.map((v) => v + stds * std);
  return { ...table, columns: table.columns.map((c) => (c === column ? { ...c, values } : c)) };
}

/** A copy where every `keep`-th row of category `from` (all when keep is 1) becomes `to`. */
function recoded(table: Table, name: string, from: string, to: string, keep = 1): Table {
  const column = table.columns[columnIndex(table, name)];
  const a = column.categories!.indexOf(from);
  const b = column.categories!.indexOf(to);
  let seen = 0;
  const codes = column.codes!.map((code) => (code === a && seen++ % keep === 0 ? b : code));
  return { ...table, columns: table.columns.map((c) => (c === column ? { ...c, codes } : c)) };
}

describe('acceptance: a shifted copy drifts, a fresh sample of the same data is stable', () => {
  const penguins = example('penguins');
  const [train, fresh] = halves(penguins, 1);
  const reference = buildDriftReference(train, schemaOf(penguins));

  it('penguins: half against the other half is stable', () => {
    const report = compareDrift(reference, fresh);
    expect(report.summary).toMatchObject({ verdict: 'stable', columns: 7, stable: 7, drift: 0, warning: 0 });
    expect(report.summary.message).toBe('No drift: all 7 columns are stable.');
  });

  it('penguins: beak length +2 std and the island mix changed are flagged as drift, nothing else', () => {
    const moved = recoded(shifted(fresh, 'Beak Length (mm)', 2), 'Island', 'Biscoe', 'Dream');
    const report = compareDrift(reference, moved);
    expect(report.summary.verdict).toBe('drift');
    expect(report.summary.drifted).toEqual(['Island', 'Beak Length (mm)']);
    expect(report.summary.warnings).toEqual([]);
    expect(report.summary.message).toBe('2 of 7 columns drifted: Island, Beak Length (mm).');
    const beak = report.columns.find((c) => c.name === 'Beak Length (mm)')!;
    expect(beak.psi!).toBeGreaterThan(1);
    expect(beak.test).toMatchObject({ name: 'ks', maxError: 0 });
    expect(beak.test!.statistic).toBeGreaterThan(0.5);
    expect(beak.reasons[0]).toMatch(/^PSI is [\d.]+, at least 0.25 \(KS test p = [\d.e-]+\)\.$/);
    const island = report.columns.find((c) => c.name === 'Island')!;
    expect(island.test!.name).toBe('chi-square');
    expect(island.chart.labels).toEqual(expect.arrayContaining(['Biscoe', 'Dream', 'Torgersen']));
    expect(island.chart.current[island.chart.labels.indexOf('Biscoe')]).toBe(0);
  });

  it('cars: half against half is stable; horsepower +2 std and a changed origin mix drift', () => {
    const cars = example('cars');
    // The recipe leaves the free-text Name out of a model's inputs, so drift is not checked on it.
    const [carsTrain, carsFresh] = halves(cars, 2);
    const carsReference = buildDriftReference(carsTrain, schemaOf(cars, ['Name']));
    expect(compareDrift(carsReference, carsFresh).summary.verdict).toBe('stable');
    const moved = recoded(shifted(carsFresh, 'Horsepower', 2), 'Origin', 'USA', 'Japan', 2);
    const report = compareDrift(carsReference, moved);
    expect(report.summary.drifted).toEqual(['Horsepower', 'Origin']);
    expect(report.summary.stable).toBe(6);
  });

  it('a fresh half is stable for most seeds: at most 2 in 20 splits show anything', () => {
    let flagged = 0;
    for (let seed = 100; seed < 120; seed++) {
      const [a, b] = halves(penguins, seed);
      if (compareDrift(buildDriftReference(a, schemaOf(penguins)), b).summary.verdict !== 'stable') flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(2);
  });
});

function numbers(name: string, values: CellValue[]): Table {
  return tableFromColumns([{ name, type: 'numeric', values }]);
}

function normals(seed: number, n: number, shift = 0): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.normal() + shift);
}

describe('the verdict rules', () => {
  const x: InputField[] = [{ name: 'x', type: 'numeric' }];

  it('reports the thresholds it judged by', () => {
    const report = compareDrift(buildDriftReference(numbers('x', [1, 2, 3]), x), numbers('x', [1, 2, 3]));
    expect(report.thresholds).toEqual(DRIFT_THRESHOLDS);
    expect(report.format).toBe('local-ml-studio/drift-report');
  });

  it('a big PSI on a handful of rows is sampling noise, not drift', () => {
    const reference = buildDriftReference(numbers('x', normals(1, 500)), x);
    const column = compareDrift(reference, numbers('x', normals(2, 8))).columns[0];
    expect(column.psi!).toBeGreaterThan(DRIFT_THRESHOLDS.psiWarning);
    expect(column.verdict).toBe('stable');
  });

  it('a tiny shift in a huge sample is significant but immaterial, so stable', () => {
    const reference = buildDriftReference(numbers('x', normals(1, 60_000)), x);
    const column = compareDrift(reference, numbers('x', normals(2, 60_000, 0.05))).columns[0];
    expect(column.test!.pValue).toBeLessThan(DRIFT_THRESHOLDS.testPValue);
    expect(column.test!.effect).toBeLessThan(DRIFT_THRESHOLDS.effectDrift);
    expect(column.test!.maxError!).toBeGreaterThan(0);
    expect(column.verdict).toBe('stable');
  });

  it('a moderate change is a warning, a large one drift', () => {
    const reference = buildDriftReference(numbers('x', normals(1, 5000)), x);
    // A 40% wider spread: PSI sees it in the tails, KS D stays under 0.1.
    const moderate = compareDrift(reference, numbers('x', normals(2, 5000).map((v) => v * 1.4))).columns[0];
    expect(moderate.psi!).toBeGreaterThanOrEqual(0.1);
    expect(moderate.psi!).toBeLessThan(0.25);
    expect(moderate.test!.effect).toBeLessThan(0.1);
    expect(moderate.verdict).toBe('warning');
    expect(compareDrift(reference, numbers('x', normals(2, 5000, 1))).columns[0].verdict).toBe('drift');
  });

  it('more missing cells: a warning from 10 points, drift from 25', () => {
    const reference = buildDriftReference(numbers('x', normals(1, 1000)), x);
    const some = normals(2, 1000).map((v, i): CellValue => (i % 100 < 15 ? null : v));
    const many = normals(2, 1000).map((v, i): CellValue => (i % 100 < 30 ? null : v));
    const warning = compareDrift(reference, numbers('x', some)).columns[0];
    expect(warning.verdict).toBe('warning');
    expect(warning.missingRateChange).toBeCloseTo(0.15, 12);
    expect(warning.reasons).toEqual(['The missing share went from 0% to 15%.']);
    expect(compareDrift(reference, numbers('x', many)).columns[0].verdict).toBe('drift');
  });

  it('unseen categories: listed, a warning from 5% of the values, drift from 20%', () => {
    const kind: InputField[] = [{ name: 'kind', type: 'categorical' }];
    const make = (values: string[]) => tableFromColumns([{ name: 'kind', type: 'categorical', values }]);
    const base = Array.from({ length: 400 }, (_, i) => ['a', 'b'][i % 2]);
    const reference = buildDriftReference(make(base), kind);
    const few = compareDrift(reference, make(base.map((v, i) => (i % 100 < 8 ? `new${i % 3}` : v)))).columns[0];
    expect(few.unseen).toEqual({ categories: ['new0', 'new1', 'new2'], count: 32, share: 0.08 });
    expect(few.verdict).toBe('warning');
    expect(few.reasons).toEqual(['8% of the values are categories the training data did not have ("new0", "new1", "new2").']);
    expect(few.chart.labels).toEqual(['a', 'b', '(unseen)']);
    const many = compareDrift(reference, make(base.map((v, i) => (i % 100 < 30 ? 'new' : v)))).columns[0];
    expect(many.verdict).toBe('drift');
  });

  it('past 200 categories, unlisted values join the reference\'s "other" instead of counting as unseen', () => {
    const kind: InputField[] = [{ name: 'kind', type: 'categorical' }];
    const make = (values: string[]) => tableFromColumns([{ name: 'kind', type: 'categorical', values }]);
    const values = Array.from({ length: 3000 }, (_, i) => `c${i % 300}`);
    const reference = buildDriftReference(make(values), kind);
    expect(reference.columns[0]).toMatchObject({ other: 1000 });
    const column = compareDrift(reference, make(values.map((v, i) => (i % 10 === 0 ? `rare${i}` : v)))).columns[0];
    expect(column.unseen!.share).toBeCloseTo(0.1 + (0.9 * 100) / 300, 12);
    expect(column.verdict).toBe('stable');
    expect(column.chart.labels.at(-1)).toBe('(other)');
    expect(column.test!.dof).toBe(200);
  });

  it('a column the new data lacks is drift; unreadable numbers are a warning', () => {
    const two: InputField[] = [
      { name: 'x', type: 'numeric' },
      { name: 'y', type: 'numeric' },
    ];
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    const train = tableFromColumns([
      { name: 'x', type: 'numeric', values: oneToTwenty },
      { name: 'y', type: 'numeric', values: oneToTwenty },
    ]);
    const text = oneToTwenty.map((v) => (v === 3 ? 'three' : String(v)));
    const report = compareDrift(buildDriftReference(train, two), tableFromColumns([{ name: 'x', type: 'categorical', values: text }]));
    const [xs, ys] = report.columns;
    expect(xs).toMatchObject({ verdict: 'warning', unreadable: 1, reasons: expect.arrayContaining(['1 value is not readable as numeric and counts as missing.']) });
    expect(ys).toMatchObject({ verdict: 'drift', absent: true, reasons: ['The new data has no column of this name.'], psi: null, test: null });
    expect(ys.chart.current).toEqual(Array(10).fill(0));
    expect(report.summary.message).toBe('1 of 2 columns drifted: y. 1 more shows a warning: x.');
  });

  it('labels the chart bars of dates and booleans for people', () => {
    const table = tableFromColumns([
      { name: 'when', type: 'datetime', values: ['2024-01-01', '2024-02-01', '2024-03-01'] },
      { name: 'flag', type: 'boolean', values: [true, false, true] },
    ]);
    const report = compareDrift(buildDriftReference(table, schemaOf(table)), table);
    expect(report.columns[0].chart.labels).toEqual(['≤ 2024-01-01', '2024-01-01 – 2024-02-01', '> 2024-02-01']);
    expect(report.columns[1].chart).toEqual({ labels: ['false', 'true'], reference: [1 / 3, 2 / 3], current: [1 / 3, 2 / 3] });
  });

  it('compares predictions with those on the training rows', () => {
    const table = numbers('x', normals(1, 600));
    const classes = ['no', 'yes'];
    const reference = buildDriftReference(table, x, { prediction: Array.from({ length: 600 }, (_, i) => classes[i % 2]), classes });
    const shiftedPredictions = { prediction: Array.from({ length: 600 }, (_, i) => classes[i % 5 === 0 ? 0 : 1]), classes };
    const report = compareDrift(reference, table, shiftedPredictions);
    expect(report.prediction).toMatchObject({ name: 'prediction', kind: 'categorical', verdict: 'drift' });
    expect(report.summary).toMatchObject({ verdict: 'drift', prediction: 'drift', drift: 0 });
    expect(report.summary.message).toBe('The column is stable, but the predictions drifted.');
    expect(compareDrift(reference, table, reference.prediction && { prediction: Array.from({ length: 600 }, (_, i) => classes[i % 2]), classes }).summary.message).toBe(
      'No drift: the column is stable, and so are the predictions.',
    );
  });

  it('refuses new data without rows', () => {
    const reference = buildDriftReference(numbers('x', [1]), x);
    expect(() => compareDrift(reference, { rowCount: 0, columns: [] })).toThrow('The new data has no rows');
  });
});
