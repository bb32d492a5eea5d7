/**
 * The exported Python script reproduces the studio's prepared columns: a recipe with every kind of
 * prepare step is fitted here on the fixture's training rows, exported, run with /usr/bin/python3
 * (pandas, numpy) on the whole fixture CSV, and each column it writes is compared with
 * applyPrepare's to 1e-9. Skipped, with the reason, where python3 or pandas is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../data/readCsv';
import { cellText } from '../data/table';
import { applyPrepare } from './applyPrepare';
import { fitRecipe } from './fitRecipe';
import { newPrepareStep } from './prepareStepDefaults';
import { prepareInput } from './prepareInput';
import type { PrepareStep } from './prepareSteps';
import { recipeToPython } from './recipeToPython';
import { suggestRecipe } from './suggestRecipe';

const FIXTURE_DIR = new URL('../../../tests/fixtures/prep/', import.meta.url);
const FIXTURE_CSV = new URL('prepare_input.csv', FIXTURE_DIR);
const fixtureTable = () => readCsv(readFileSync(FIXTURE_CSV), { fileName: 'prepare_input.csv' }).table;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers' JSON is read field by field
const answers: any = JSON.parse(readFileSync(new URL('known_answers.json', FIXTURE_DIR), 'utf8'));
/** The fixture's training rows: the first rows, as make_prep_fixtures.py fits on. */
const trainRows = () => Int32Array.from({ length: answers.train_rows as number }, (_, i) => i);

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import pandas, numpy'], { encoding: 'utf8' });
const missing = probe.status === 0 ? null : `${PYTHON} with pandas is not available (${(probe.error?.message ?? probe.stderr).trim().split('\n').pop()}); install python3-pandas to run this test`;
if (missing) console.warn(`Skipping the Python export comparison: ${missing}.`);

const work = mkdtempSync(join(tmpdir(), 'recipe-python-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function everyKindOfStep(): PrepareStep[] {
  const s = newPrepareStep;
  return [
    s('dropDuplicates', { id: 'dup' }),
    s('parseNumbers', { id: 'income', columns: ['income'], thousands: ',', decimal: '.' }),
    s('dropMissingRows', { id: 'rows', columns: ['income'] }),
    s('parseDates', { id: 'day', columns: ['day'], format: 'DD/MM/YYYY HH:mm' }),
    s('dateParts', { id: 'parts', columns: ['day'], parts: ['year', 'month', 'day', 'weekday', 'hour'], dropOriginal: false }),
    s('dateParts', { id: 'when', columns: ['when'], parts: ['year', 'weekday'], dropOriginal: true }),
    s('impute', { id: 'num_a', columns: ['num_a'], strategy: 'median', indicator: true }),
    s('impute', { id: 'color', columns: ['color'], strategy: 'mostFrequent' }),
    s('impute', { id: 'num_c', columns: ['num_c'], strategy: 'constant', value: -1 }),
    s('outliers', { id: 'clip', columns: ['num_c'], method: 'iqr', k: 1.5, action: 'clip' }),
    s('outliers', { id: 'remove', columns: ['num_b'], method: 'zscore', k: 3, action: 'remove' }),
    s('derive', { id: 'ratio', name: 'ratio', formula: 'num_a / (num_b + 1)' }),
    s('derive', { id: 'updown', name: 'updown', formula: 'if(num_c > 0, "up", "down")' }),
    s('derive', { id: 'both', name: 'both', formula: 'flag and num_a > 50' }),
    s('derive', { id: 'age', name: 'age_days', formula: '[day] - "2019-01-01" + log(num_b) * 0 + sqrt(abs(num_c)) % 2' }),
    s('derive', { id: 'text', name: 'combo', formula: 'concat(upper(color), "-", round(num_a, 1), "-", coalesce(city, "none"))' }),
    s('log', { id: 'log', columns: ['num_b'] }),
    s('yeoJohnson', { id: 'yj', columns: ['num_c'] }),
    s('bin', { id: 'bin', columns: ['num_a'], strategy: 'quantile', bins: 4 }),
    s('bin', { id: 'bin2', columns: ['ratio'], strategy: 'equalWidth', bins: 3 }),
    s('oneHot', { id: 'city', columns: ['city'], maxCategories: 5 }),
    s('ordinal', { id: 'color-ord', columns: ['color'] }),
    s('targetEncode', { id: 'te', columns: ['updown', 'combo'], folds: 5, smooth: 'auto', shuffle: true, seed: 3 }),
    s('scale', { id: 'robust', columns: ['income'], method: 'robust' }),
    s('scale', { id: 'standard', columns: ['age_days'], method: 'standard' }),
    s('scale', { id: 'minmax', columns: ['num_d'], method: 'minMax' }),
    s('polynomial', { id: 'poly', columns: ['num_a', 'num_c'] }),
    s('interactions', { id: 'inter', columns: ['num_b', 'num_d', 'price'] }),
    s('dropNearConstant', { id: 'near', threshold: 0.98 }),
    s('dropCorrelated', { id: 'corr', threshold: 0.95 }),
    s('selectKBest', { id: 'kbest', k: 3, bins: 8, columns: ['day_hour', 'day_weekday', 'day_day', 'day_month', 'when_weekday'] }),
    s('dropColumns', { id: 'drop', columns: ['flag'], missingAbove: 0.5 }),
    s('yeoJohnson', { id: 'off', enabled: false, columns: ['price'] }),
  ];
}

/** A minimal CSV reader for the script's output: no field of it holds a comma or a quote. */
function readOutput(text: string): { header: string[]; rows: string[][] } {
  const [head, ...lines] = text.trimEnd().split('\n');
  expect(text.includes('"')).toBe(false);
  return { header: head.split(','), rows: lines.map((l) => l.split(',')) };
}

describe.skipIf(missing !== null)('recipeToPython', () => {
  it('writes a script that gives applyPrepare’s columns to 1e-9', () => {
    const table = fixtureTable();
    const recipe = fitRecipe(suggestRecipe(table, 'y', { prepare: everyKindOfStep() }), table, trainRows());
    const ours = applyPrepare(recipe.prepare!, prepareInput(recipe, table));
    const script = join(work, 'prepare.py');
    const output = join(work, 'out.csv');
    writeFileSync(script, recipeToPython(recipe));
    const run = spawnSync(PYTHON, [script, fileURLToPath(FIXTURE_CSV), output], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Traceback/);
    expect(run.status, run.stderr).toBe(0);
    const { header, rows } = readOutput(readFileSync(output, 'utf8'));
    expect(header).toEqual([...ours.columns.map((c) => c.name), 'y']);
    expect(rows.length).toBe(table.rowCount);
    let compared = 0;
    ours.columns.forEach((column, j) => {
      for (let r = 0; r < ours.rowCount; r++) {
        const cell = rows[r][j];
        if (column.missing[r]) {
          if (cell !== '') throw new Error(`${column.name} row ${r}: missing here, ${cell} in Python`);
          continue;
        }
        if (column.values) {
          const v = column.values[r];
          const py = Number(cell);
          if (!(Math.abs(py - v) <= 1e-9 * Math.max(1, Math.abs(v)))) throw new Error(`${column.name} row ${r}: ${v} here, ${cell} in Python`);
        } else if (cellText(column, r) !== cell) {
          throw new Error(`${column.name} row ${r}: ${cellText(column, r)} here, ${cell} in Python`);
        }
        compared++;
      }
    });
    // Every column, missing cells aside.
    expect(ours.columns.length).toBeGreaterThan(25);
    expect(compared).toBeGreaterThan(0.85 * ours.rowCount * ours.columns.length);
  });
});
