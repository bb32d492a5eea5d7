/**
 * Applying a fitted 10-step prepare recipe to 1,000,000 x 20 rows (the target: under 2 s).
 *
 *   npx tsx bench/recipe.bench.ts [--rows 1000000] [--seed 42] [--repeats 3] [--json FILE]
 *
 * Data: the benchmark file of bench/generateDataset.mjs (12 floats, 4 ints, 3 categories, the 0/1
 * `label`; 5% missing in f03, f07, i2), read once with readCsv (not timed). The recipe's prepare steps
 * (impute with indicators, clip outliers, a derived column, Yeo-Johnson, scaling, quantile bins,
 * one-hot, target encoding, ordinal, interactions) are fitted on a seeded 80% of the rows (timed
 * once, reported apart), then applied to every row `--repeats` times after one untimed warm-up run:
 * - prepare: applyPrepare on the table of the recipe's inputs, as prediction and the CLI run it;
 * - recipe: applyRecipe, the prepare steps and the model's encoding down to its Float32 matrix.
 * The median of the runs is reported. One process, one thread: what a worker does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readCsv } from '../src/core/data/readCsv';
import { applyPrepare } from '../src/core/prep/applyPrepare';
import { applyRecipe } from '../src/core/prep/applyRecipe';
import { fitRecipe } from '../src/core/prep/fitRecipe';
import { prepareInput } from '../src/core/prep/prepareInput';
import { newPrepareStep } from '../src/core/prep/prepareStepDefaults';
import type { PrepareStep } from '../src/core/prep/prepareSteps';
import { suggestRecipe } from '../src/core/prep/suggestRecipe';
import { createRng } from '../src/core/random';
import { ensureDataset, HEADER } from './generateDataset.mjs';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function int(name: string, fallback: number): number {
  const given = option(name);
  const value = given === undefined ? fallback : Number(given.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) {
    console.error(`recipe.bench: --${name} must be a positive integer, not ${given}`);
    process.exit(1);
  }
  return value;
}

const ROWS = int('rows', 1_000_000);
const SEED = int('seed', 42);
const REPEATS = int('repeats', 3);
const TARGET = HEADER[HEADER.length - 1];
const LIMIT_MS = 2000;
const log = (message: string) => console.error(`recipe.bench: ${message}`);

/** Ten steps of the kinds a person adds most, over most of the 20 columns. */
const STEPS: PrepareStep[] = [
  newPrepareStep('impute', { id: 'impute', columns: ['f03', 'f07', 'i2'], strategy: 'median', indicator: true }),
  newPrepareStep('outliers', { id: 'clip', columns: ['f00', 'f01', 'f02'], method: 'iqr', k: 1.5, action: 'clip' }),
  newPrepareStep('derive', { id: 'ratio', name: 'ratio', formula: 'f00 / (abs(f01) + 1)' }),
  newPrepareStep('yeoJohnson', { id: 'yj', columns: ['f04'] }),
  newPrepareStep('scale', { id: 'scale', columns: ['f05', 'f06', 'f07', 'f08', 'f09', 'ratio'], method: 'standard' }),
  newPrepareStep('bin', { id: 'bin', columns: ['f10'], strategy: 'quantile', bins: 10 }),
  newPrepareStep('oneHot', { id: 'color', columns: ['color'], maxCategories: 10 }),
  newPrepareStep('targetEncode', { id: 'city', columns: ['city'], folds: 5 }),
  newPrepareStep('ordinal', { id: 'segment', columns: ['segment'] }),
  newPrepareStep('interactions', { id: 'inter', columns: ['i0', 'i1'] }),
];

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function time(work: () => void): number {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const data = await ensureDataset({ rows: ROWS, seed: SEED, log });
  log(`reading ${data.path}`);
  const { table } = readCsv(readFileSync(data.path), { fileName: data.path });
  const shuffled = createRng(SEED).shuffle(Int32Array.from({ length: table.rowCount }, (_, i) => i));
  const train = shuffled.slice(0, Math.floor(table.rowCount * 0.8)).sort();

  let fitted = suggestRecipe(table, TARGET, { prepare: STEPS });
  const fitMs = time(() => (fitted = fitRecipe(fitted, table, train)));
  log(`fitted on ${train.length} rows in ${Math.round(fitMs)} ms`);

  const input = prepareInput(fitted, table);
  let columns = 0;
  applyPrepare(fitted.prepare!, input);
  const prepareRuns = Array.from({ length: REPEATS }, () => time(() => (columns = applyPrepare(fitted.prepare!, input).columns.length)));
  let features = 0;
  applyRecipe(fitted, table);
  const recipeRuns = Array.from({ length: REPEATS }, () => time(() => (features = applyRecipe(fitted, table).featureNames.length)));

  const result = {
    rows: table.rowCount,
    columns: table.columns.length,
    steps: STEPS.length,
    preparedColumns: columns,
    modelInputs: features,
    fitMs: Math.round(fitMs),
    prepareMs: Math.round(median(prepareRuns)),
    recipeMs: Math.round(median(recipeRuns)),
    prepareRunsMs: prepareRuns.map(Math.round),
    recipeRunsMs: recipeRuns.map(Math.round),
    limitMs: LIMIT_MS,
    node: process.version,
  };
  const verdict = (ms: number) => (ms < LIMIT_MS ? 'under' : 'OVER');
  console.log(`## Recipe: ${STEPS.length} prepare steps on ${result.rows.toLocaleString('en-US')} x ${result.columns} rows (Node ${process.version})\n`);
  console.log('| what | median of ' + REPEATS + ' | runs | target |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| applyPrepare (${result.preparedColumns} columns out) | ${result.prepareMs} ms | ${result.prepareRunsMs.join(', ')} ms | ${verdict(result.prepareMs)} ${LIMIT_MS} ms |`);
  console.log(`| applyRecipe, prepare + encoding to the matrix (${result.modelInputs} inputs) | ${result.recipeMs} ms | ${result.recipeRunsMs.join(', ')} ms | ${verdict(result.recipeMs)} ${LIMIT_MS} ms |`);
  console.log(`| fitRecipe on ${train.length.toLocaleString('en-US')} training rows (once) | ${result.fitMs} ms | | |`);
  const json = option('json');
  if (json) writeFileSync(json, JSON.stringify(result, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(`recipe.bench: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
