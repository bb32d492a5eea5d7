/**
 * The recipe round trip the issue asks for: a recipe built in code with a derived feature and
 * scaling (as the UI builds it) is trained, written as a bundle, and `train --recipe BUNDLE` on new
 * data replays it: the same prepare steps, refitted on the new training rows, giving the same
 * features as fitting that definition on those rows directly.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBundleMeta } from '../core/bundle/parseBundleMeta';
import { writeBundle } from '../core/bundle/writeBundle';
import { readCsv } from '../core/data/readCsv';
import { columnIndex } from '../core/data/table';
import { trainAndEvaluate } from '../core/models/trainAndEvaluate';
import { applyRecipe } from '../core/prep/applyRecipe';
import { newPrepareStep } from '../core/prep/prepareStepDefaults';
import { suggestRecipe } from '../core/prep/suggestRecipe';
import { unfittedRecipe } from '../core/prep/unfittedRecipe';
import { createRng } from '../core/random';
import { runCli } from './main';

const penguins = join(__dirname, '..', '..', 'public', 'examples', 'penguins.csv');
const work = mkdtempSync(join(tmpdir(), 'cli-recipe-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const [header, ...lines] = readFileSync(penguins, 'utf8').trimEnd().split('\n');
const order = createRng(5).shuffle(lines.map((_, i) => i));
const half = lines.length >> 1;
const csv = (file: string, rows: number[]) => {
  const path = join(work, file);
  writeFileSync(path, [header, ...rows.map((i) => lines[i])].join('\n') + '\n');
  return path;
};
const first = csv('first.csv', order.slice(0, half));
const second = csv('second.csv', order.slice(half));
const read = (path: string) => readCsv(readFileSync(path), { fileName: path }).table;

const MODEL = 'logistic_regression';
const SEED = 3;
const prepare = [
  newPrepareStep('derive', { id: 'ratio', name: 'beak_ratio', formula: '[Beak Length (mm)] / [Beak Depth (mm)]' }),
  newPrepareStep('scale', { id: 'scale', columns: ['beak_ratio', 'Body Mass (g)'], method: 'robust' }),
];

describe('cli train --recipe replays the prepare steps', () => {
  it('refits the derived feature and scaling on new data and gives the features fitting them directly gives', async () => {
    const firstTable = read(first);
    const recipe = suggestRecipe(firstTable, 'Species', { prepare });
    const trained = await trainAndEvaluate(firstTable, { target: 'Species', task: 'classification', model: MODEL, recipe, seed: SEED });
    expect(trained.featureNames).toContain('beak_ratio');
    const original = join(work, 'original');
    mkdirSync(original);
    const files = writeBundle({
      createdAt: '2024-01-01T00:00:00.000Z',
      target: 'Species',
      task: 'classification',
      classes: trained.classes,
      recipe: trained.recipe,
      model: trained.model,
      params: trained.params,
      metrics: trained.metrics,
      seed: SEED,
    });
    for (const [name, content] of files) writeFileSync(join(original, name), content);

    const out = join(work, 'retrained');
    let stderr = '';
    const code = await runCli(['train', '--data', second, '--recipe', original, '--out', out, '--folds', '0'], { stdout: () => {}, stderr: (t) => void (stderr += t) });
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const before = parseBundleMeta(JSON.parse(readFileSync(join(original, 'bundle.json'), 'utf8'))).recipe;
    const after = parseBundleMeta(JSON.parse(readFileSync(join(out, 'bundle.json'), 'utf8'))).recipe;
    // The same definition, replayed: nothing learned from the first half is kept.
    expect(unfittedRecipe(after)).toEqual(unfittedRecipe(before));
    expect(after.prepare![1].fitted).not.toEqual(before.prepare![1].fitted);

    // What fitting the definition on the new data directly gives, with the same seed and split.
    const secondTable = read(second);
    const direct = await trainAndEvaluate(secondTable, { target: 'Species', task: 'classification', model: MODEL, recipe: unfittedRecipe(before), params: trained.params, seed: SEED });
    expect(after).toEqual(JSON.parse(JSON.stringify(direct.recipe)));
    const replayed = applyRecipe(after, secondTable);
    const fitted = applyRecipe(direct.recipe, secondTable);
    expect(replayed.featureNames).toEqual(fitted.featureNames);
    expect(Array.from(replayed.X)).toEqual(Array.from(fitted.X));

    // The derived feature is the formula, scaled with the new training rows' median and IQR.
    const scale = after.prepare![1].fitted as { center: number[]; scale: number[] };
    const at = (name: string) => secondTable.columns[columnIndex(secondTable, name)].values!;
    const [length, depth] = [at('Beak Length (mm)'), at('Beak Depth (mm)')];
    const j = replayed.featureNames.indexOf('beak_ratio');
    const d = replayed.featureNames.length;
    const standardise = after.steps.find((s) => s.kind === 'standardScale')!;
    const k = standardise.columns.indexOf('beak_ratio');
    const { mean, std } = standardise.fitted as { mean: number[]; std: number[] };
    for (let r = 0; r < secondTable.rowCount; r++) {
      if (Number.isNaN(length[r]) || Number.isNaN(depth[r])) continue;
      const expected = ((length[r] / depth[r] - scale.center[0]) / scale.scale[0] - mean[k]) / std[k];
      expect(replayed.X[r * d + j]).toBeCloseTo(expected, 4);
    }

    // The bundle predicts, through the same prepare steps.
    const predictions = join(work, 'predictions.csv');
    const predicted = await runCli(['predict', '--model', out, '--data', second, '--out', predictions], { stdout: () => {}, stderr: (t) => void (stderr += t) });
    expect(predicted, stderr).toBe(0);
    expect(readFileSync(predictions, 'utf8').trimEnd().split('\n')).toHaveLength(secondTable.rowCount + 1);
  }, 120_000);
});
