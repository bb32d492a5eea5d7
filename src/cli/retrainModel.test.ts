import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/random';
import { runCli } from './main';

const penguins = join(__dirname, '..', '..', 'public', 'examples', 'penguins.csv');
const work = mkdtempSync(join(tmpdir(), 'cli-retrain-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

// penguins.csv has no quoted fields, so its lines split on commas. Its rows alternate by sex, so the
// halves are drawn at random, not every other row.
const [header, ...lines] = readFileSync(penguins, 'utf8').trimEnd().split('\n');
const order = createRng(11).shuffle(lines.map((_, i) => i));
const half = lines.length >> 1;

function csv(file: string, body: string[], head = header): string {
  const path = join(work, file);
  writeFileSync(path, [head, ...body].join('\n') + '\n');
  return path;
}

/** `line` without the cells of the columns named. */
function dropColumns(line: string, names: string[]): string {
  const drop = new Set(names.map((n) => header.split(',').indexOf(n)));
  return line.split(',').filter((_, i) => !drop.has(i)).join(',');
}

const first = csv('first.csv', order.slice(0, half).map((i) => lines[i]));
const second = csv('second.csv', order.slice(half).map((i) => lines[i]));
const original = join(work, 'original');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary fields of written JSON
const json = (path: string): any => JSON.parse(readFileSync(path, 'utf8'));

beforeAll(async () => {
  // Tuned, so the recorded hyperparameters are not the defaults a retrained model would start from.
  const trained = await run('train', '--data', first, '--target', 'Species', '--out', original, '--models', 'gaussian_naive_bayes', '--search', 'random', '--trials', '4', '--folds', '3', '--seed', '7');
  expect(trained.code, trained.stderr).toBe(0);
  expect(json(join(original, 'metrics.json')).leaderboard[0].search.defaults_won).toBe(false);
}, 120_000);

describe('cli train --recipe (retraining a bundle)', () => {
  it('replays the target, task, recipe, model, hyperparameters, seed and folds on new data', async () => {
    const out = join(work, 'retrained');
    const { code, stdout, stderr } = await run('train', '--data', second, '--recipe', original, '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Retraining \w+ from /);
    const before = json(join(original, 'bundle.json'));
    const beforeMetrics = json(join(original, 'metrics.json'));
    const bundle = json(join(out, 'bundle.json'));
    const metrics = json(join(out, 'metrics.json'));
    expect(readdirSync(out).sort()).toEqual(['bundle.json', 'metrics.json', 'model-card.md', 'model.json']);

    expect(bundle).toMatchObject({ target: 'Species', task: 'classification', seed: 7, model: { kind: before.model.kind, params: before.model.params } });
    expect(metrics).toMatchObject({ task: 'classification', target: 'Species', seed: 7, folds: 3, search: 'none', best: beforeMetrics.best, rows: half });
    expect(metrics.leaderboard).toHaveLength(1);
    expect(metrics.leaderboard[0].params).toEqual(beforeMetrics.leaderboard[0].params);
    expect(metrics.retrained_from).toEqual({ created_at: before.createdAt, model: before.model.kind, metrics: before.model.metrics, data: before.data });
    expect(bundle.drift.rows).toBe(metrics.train_rows);

    // The same steps, refitted: nothing learned from the first half is kept.
    const steps = (recipe: { steps: { kind: string; columns: string[] }[] }) => recipe.steps.map(({ kind, columns }) => ({ kind, columns }));
    expect(bundle.recipe.features).toEqual(before.recipe.features);
    expect(steps(bundle.recipe)).toEqual(steps(before.recipe));
    const scale = (recipe: { steps: { kind: string; fitted: { mean: number[] } }[] }) => recipe.steps.find((s) => s.kind === 'standardScale')!.fitted.mean;
    expect(scale(bundle.recipe)).not.toEqual(scale(before.recipe));

    // A valid bundle: predict loads it.
    const predicted = await run('predict', '--model', out, '--data', second, '--out', join(work, 'retrained.csv'));
    expect(predicted.code, predicted.stderr).toBe(0);
  }, 60_000);

  it('gives the same model and predictions when retrained on the data of the original (from bundle.json)', async () => {
    const out = join(work, 'same-data');
    const { code, stderr } = await run('train', '--data', first, '--recipe', join(original, 'bundle.json'), '--out', out);
    expect(code, stderr).toBe(0);
    expect(readFileSync(join(out, 'model.json'), 'utf8')).toBe(readFileSync(join(original, 'model.json'), 'utf8'));
    expect(json(join(out, 'bundle.json')).recipe).toEqual(json(join(original, 'bundle.json')).recipe);
    for (const [model, file] of [
      [original, 'original.csv'],
      [out, 'same-data.csv'],
    ]) {
      const predicted = await run('predict', '--model', model, '--data', second, '--out', join(work, file));
      expect(predicted.code, predicted.stderr).toBe(0);
    }
    expect(readFileSync(join(work, 'same-data.csv'), 'utf8')).toBe(readFileSync(join(work, 'original.csv'), 'utf8'));
  }, 60_000);

  it('gives the same seeded random forest when retrained on the same data', async () => {
    const forest = join(work, 'forest');
    const trained = await run('train', '--data', first, '--target', 'Species', '--out', forest, '--models', 'random_forest', '--folds', '0', '--seed', '4');
    expect(trained.code, trained.stderr).toBe(0);
    const out = join(work, 'forest-again');
    const { code, stderr } = await run('train', '--data', first, '--recipe', forest, '--out', out);
    expect(code, stderr).toBe(0);
    expect(readFileSync(join(out, 'model.json'), 'utf8')).toBe(readFileSync(join(forest, 'model.json'), 'utf8'));
  }, 60_000);

  it('lets --seed and --folds override what is recorded', async () => {
    const out = join(work, 'overridden');
    const { code, stderr } = await run('train', '--data', second, '--recipe', original, '--out', out, '--seed', '3', '--folds', '0');
    expect(code, stderr).toBe(0);
    expect(json(join(out, 'metrics.json'))).toMatchObject({ seed: 3, folds: 0 });
    expect(json(join(out, 'bundle.json')).seed).toBe(3);
  }, 60_000);

  it('takes the seed from metrics.json for a bundle made before bundle.json recorded it', async () => {
    const old = join(work, 'old-bundle');
    mkdirSync(old);
    for (const f of readdirSync(original)) copyFileSync(join(original, f), join(old, f));
    const bundle = json(join(old, 'bundle.json'));
    delete bundle.seed;
    writeFileSync(join(old, 'bundle.json'), JSON.stringify(bundle));
    const out = join(work, 'from-old');
    const { code, stderr } = await run('train', '--data', second, '--recipe', old, '--out', out, '--folds', '0');
    expect(code, stderr).toBe(0);
    expect(json(join(out, 'metrics.json')).seed).toBe(7);
  }, 60_000);

  it('retrains a clustering bundle with its k, recipe and seed', async () => {
    const clusters = join(work, 'clusters');
    const trained = await run('train', '--data', first, '--task', 'clustering', '--target', 'Species', '--clusters', '3', '--seed', '2', '--out', clusters);
    expect(trained.code, trained.stderr).toBe(0);
    const out = join(work, 'clusters-retrained');
    const { code, stderr } = await run('train', '--data', second, '--recipe', clusters, '--out', out);
    expect(code, stderr).toBe(0);
    const metrics = json(join(out, 'metrics.json'));
    expect(metrics).toMatchObject({ task: 'clustering', k: 3, seed: 2, excluded: 'Species', retrained_from: { model: 'k_means' } });
    expect(json(join(out, 'bundle.json')).recipe.features).toEqual(json(join(clusters, 'bundle.json')).recipe.features);
  }, 60_000);

  it('refuses missing inputs, a missing target, another target and a bare recipe with exit 2, writing nothing', async () => {
    const noInputs = csv('no-inputs.csv', lines.slice(0, 40).map((l) => dropColumns(l, ['Island', 'Body Mass (g)'])), dropColumns(header, ['Island', 'Body Mass (g)']));
    const noTarget = csv('no-target.csv', lines.slice(0, 40).map((l) => dropColumns(l, ['Species'])), dropColumns(header, ['Species']));
    const recipeOnly = join(work, 'recipe.json');
    writeFileSync(recipeOnly, JSON.stringify(json(join(original, 'bundle.json')).recipe));
    const out = join(work, 'refused');
    const cases: [string[], RegExp][] = [
      [['--data', noInputs, '--recipe', original], /lacks the columns "Island", "Body Mass \(g\)" that the recipe in .* takes as input\.$/],
      [['--data', noTarget, '--recipe', original], /has no column "Species", the target of the model in /],
      [['--data', second, '--recipe', original, '--target', 'Island'], /predicts "Species", not "Island"/],
      [['--data', second, '--recipe', original, '--models', 'decision_tree'], /leave out --models/],
      [['--data', second, '--recipe', recipeOnly], /is a bare recipe; --recipe takes a model bundle/],
      [['--data', second, '--recipe', join(work, 'nothing-here')], /does not exist/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await run('train', ...argv, '--out', out);
      expect(code, stderr).toBe(2);
      expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
      expect(stderr.trim()).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});
