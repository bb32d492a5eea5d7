import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main';

const examples = join(__dirname, '..', '..', 'public', 'examples');
const penguins = join(examples, 'penguins.csv');
const cars = join(examples, 'cars.csv');
const work = mkdtempSync(join(tmpdir(), 'cli-train-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

function leftovers(): string[] {
  return readdirSync(work).filter((f) => f.startsWith('.'));
}

describe('cli train and predict on penguins (classification)', () => {
  const out = join(work, 'penguins-model');
  let trained: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    trained = await run('train', '--data', penguins, '--target', 'Species', '--out', out, '--seed', '0');
  }, 120_000);

  it('writes the bundle and metrics.json', () => {
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(['bundle.json', 'metrics.json', 'model-card.md', 'model.json']));
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics).toMatchObject({ task: 'classification', target: 'Species', rows: 344, seed: 0 });
    expect(metrics.leaderboard.length).toBeGreaterThan(0);
    expect(metrics.leaderboard[0].model).toBe(metrics.best);
    expect(typeof metrics.leaderboard[0].fit_seconds).toBe('number');
    expect(metrics.holdout.accuracy).toBeGreaterThan(0.9);
    expect(leftovers()).toEqual([]);
  });

  it('ranks the models by 5-fold cross-validation, with each mean and standard deviation', () => {
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.folds).toBe(5);
    expect(metrics.ranked_by).toBe('accuracy');
    const scores = metrics.leaderboard.map((e: { cv: { accuracy: number } }) => e.cv.accuracy);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const e of metrics.leaderboard) {
      expect(Object.keys(e.cv)).toEqual(expect.arrayContaining(['accuracy', 'f1_macro', 'log_loss', 'roc_auc']));
      expect(e.cv_std.accuracy).toBeGreaterThanOrEqual(0);
      expect(e.cv_std.accuracy).toBeLessThan(0.1);
    }
    expect(metrics.cv).toEqual(metrics.leaderboard[0].cv);
    expect(metrics.cv.accuracy).toBeGreaterThan(0.95);
  });

  it('refuses a tampered bundle with exit 2 and a sentence naming the file', async () => {
    const bad = join(work, 'tampered-model');
    mkdirSync(bad);
    for (const f of readdirSync(out)) writeFileSync(join(bad, f), readFileSync(join(out, f)));
    writeFileSync(join(bad, 'bundle.json'), JSON.stringify({ format: 'something else' }));
    const { code, stderr } = await run('predict', '--model', bad, '--data', penguins, '--out', join(work, 'tampered.csv'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot be loaded: .*bundle\.json/);
    expect(existsSync(join(work, 'tampered.csv'))).toBe(false);
  });

  it('predicts one row per input row, with a probability per class', async () => {
    const p = join(work, 'penguins-predictions.csv');
    const { code, stderr } = await run('predict', '--model', out, '--data', penguins, '--out', p);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = readFileSync(p, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo');
    expect(lines).toHaveLength(345);
    const truth = readFileSync(penguins, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')[0]);
    const rows = lines.slice(1).map((l) => l.split(','));
    const correct = rows.filter((r, i) => r[0] === truth[i]).length;
    expect(correct / rows.length).toBeGreaterThan(0.9);
    for (const r of rows) expect(Math.abs(r.slice(1).reduce((s, v) => s + Number(v), 0) - 1)).toBeLessThan(1e-4);
  });
});

describe('cli train --folds', () => {
  it('ranks on the hold-out split alone with --folds 0', async () => {
    const out = join(work, 'penguins-no-cv');
    const { code } = await run('train', '--data', penguins, '--target', 'Species', '--out', out, '--models', 'decision_tree,random_forest', '--folds', '0');
    expect(code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.folds).toBe(0);
    expect(metrics.cv).toBeUndefined();
    expect(metrics.leaderboard[0].cv).toBeUndefined();
  });

  it('refuses one fold, and more folds than the labelled rows allow, with exit 2', async () => {
    const one = await run('train', '--data', penguins, '--target', 'Species', '--out', join(work, 'one-fold'), '--folds', '1');
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/--folds needs 0 .* or at least 2 folds/);
    const tiny = join(work, 'tiny.csv');
    writeFileSync(tiny, 'x,y\n' + Array.from({ length: 12 }, (_, i) => `${i},${i % 2 ? 'a' : 'b'}`).join('\n') + '\n');
    const many = await run('train', '--data', tiny, '--target', 'y', '--out', join(work, 'many-folds'), '--folds', '10');
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/10-fold cross-validation needs at least 20 rows with a "y"; ".*tiny\.csv" has 12/);
    expect(existsSync(join(work, 'many-folds'))).toBe(false);
  });
});

describe('cli train --search', () => {
  it('tunes each model by random search or successive halving, seeded, and says how in metrics.json', async () => {
    const runs = [];
    for (const [name, strategy] of [['rs1', 'random'], ['rs2', 'random'], ['halving', 'halving']]) {
      const out = join(work, `penguins-search-${name}`);
      const { code, stderr } = await run('train', '--data', penguins, '--target', 'Species', '--out', out, '--models', 'decision_tree,k_nearest_neighbors', '--search', strategy, '--trials', '4', '--time-budget', '600');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      runs.push(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')));
    }
    const [first, second, halving] = runs;
    expect(first.search).toBe('random');
    for (const entry of first.leaderboard) {
      expect(entry.search).toMatchObject({ strategy: 'random', evaluations: 5, stopped_by_budget: false });
    }
    // Seeded: the same trials, the same winners and scores.
    expect(second.leaderboard.map((e: { params: unknown; cv: unknown }) => [e.params, e.cv])).toEqual(
      first.leaderboard.map((e: { params: unknown; cv: unknown }) => [e.params, e.cv]),
    );
    expect(halving.search).toBe('halving');
    expect(halving.leaderboard[0].search.strategy).toBe('halving');
  }, 120_000);
});

describe('cli train --task clustering', () => {
  it('clusters with k-means, picks k by silhouette, leaves --target out, and the bundle predicts cluster numbers', async () => {
    const out = join(work, 'penguins-clusters');
    const { code, stderr } = await run('train', '--data', penguins, '--task', 'clustering', '--target', 'Species', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics).toMatchObject({ task: 'clustering', best: 'k_means', excluded: 'Species' });
    expect(metrics.k_scores.map((s: { k: number }) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const best = Math.max(...metrics.k_scores.map((s: { silhouette: number }) => s.silhouette));
    expect(metrics.metrics.silhouette).toBeCloseTo(best, 12);
    expect(metrics.cluster_sizes.reduce((a: number, b: number) => a + b, 0)).toBe(344);
    expect(metrics.profiles.clusters).toHaveLength(metrics.k);
    const bundle = JSON.parse(readFileSync(join(out, 'bundle.json'), 'utf8'));
    expect(bundle.recipe.features).not.toContain('Species');
    const p = join(work, 'clusters.csv');
    expect((await run('predict', '--model', out, '--data', penguins, '--out', p)).code).toBe(0);
    const labels = readFileSync(p, 'utf8').trimEnd().split('\n').slice(1).map(Number);
    expect(labels).toHaveLength(344);
    for (let c = 0; c < metrics.k; c++) expect(labels.filter((l) => l === c)).toHaveLength(metrics.cluster_sizes[c]);
  });

  it('uses --clusters K, and refuses a bad K with exit 2', async () => {
    const out = join(work, 'cars-clusters');
    expect((await run('train', '--data', cars, '--task', 'clustering', '--clusters', '4', '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).cluster_sizes).toHaveLength(4);
    const bad = await run('train', '--data', cars, '--task', 'clustering', '--clusters', '1', '--out', join(work, 'bad-clusters'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--clusters/);
  });
});

describe('cli train --group and --time', () => {
  it('scores each fold on later years only with --time, and on unseen groups with --group', async () => {
    const timed = join(work, 'cars-time');
    const t = await run('train', '--data', cars, '--target', 'Miles_per_Gallon', '--out', timed, '--models', 'ridge', '--search', 'none', '--time', 'Year');
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    const tm = JSON.parse(readFileSync(join(timed, 'metrics.json'), 'utf8'));
    expect(tm.folds_by).toEqual({ kind: 'time', column: 'Year' });
    const grouped = join(work, 'cars-group');
    const g = await run('train', '--data', cars, '--target', 'Miles_per_Gallon', '--out', grouped, '--models', 'ridge', '--search', 'none', '--group', 'Origin', '--folds', '3');
    expect(g.stderr).toBe('');
    expect(g.code).toBe(0);
    expect(JSON.parse(readFileSync(join(grouped, 'metrics.json'), 'utf8')).folds_by).toEqual({ kind: 'group', column: 'Origin' });
    // Three origins cannot make five folds: said in a sentence.
    const five = await run('train', '--data', cars, '--target', 'Miles_per_Gallon', '--out', join(work, 'five-groups'), '--models', 'ridge', '--search', 'none', '--group', 'Origin');
    expect(five.code).toBe(2);
    expect(five.stderr).toMatch(/5 folds by group need at least 5 groups; there are 3/);
  });

  it('refuses both at once, and an unknown column, with exit 2', async () => {
    const both = await run('train', '--data', cars, '--target', 'Miles_per_Gallon', '--out', join(work, 'both'), '--group', 'Origin', '--time', 'Year');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--group or --time, not both/);
    const unknown = await run('train', '--data', cars, '--target', 'Miles_per_Gallon', '--out', join(work, 'unknown'), '--group', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no column "Nope"/);
  });
});

describe('cli train on cars (regression)', () => {
  it('reaches r2 > 0.6 on the hold-out and scores --test', async () => {
    const out = join(work, 'cars-model');
    const { code, stderr } = await run('train', '--data', cars, '--target', 'Miles_per_Gallon', '--out', out, '--test', cars, '--search', 'none');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.task).toBe('regression');
    expect(metrics.holdout.r2).toBeGreaterThan(0.6);
    expect(metrics.test.r2).toBeGreaterThan(0.6);
    expect(metrics.test_rows).toBe(398);
    const p = join(work, 'cars-predictions.csv');
    expect((await run('predict', '--model', out, '--data', cars, '--out', p)).code).toBe(0);
    const lines = readFileSync(p, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('prediction');
    expect(lines).toHaveLength(407);
    expect(lines.slice(1).every((l) => Number.isFinite(Number(l)) && l !== '')).toBe(true);
  }, 120_000);
});

describe('cli train errors', () => {
  const out = join(work, 'failed-model');

  it('names an unknown target and lists the columns (exit 2, nothing written)', async () => {
    const { code, stderr } = await run('train', '--data', penguins, '--target', 'Nope', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^There is no column "Nope" in ".*penguins\.csv"; its columns are "Species", "Island", .*"Sex"\.\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a missing file, an empty CSV, bad options and a --test file without the target with exit 2', async () => {
    const empty = join(work, 'empty.csv');
    writeFileSync(empty, '');
    for (const argv of [
      ['train', '--data', join(work, 'absent.csv'), '--target', 'Species', '--out', out],
      ['train', '--data', empty, '--target', 'Species', '--out', out],
      ['train', '--data', penguins, '--target', 'Species', '--out', out, '--task', 'magic'],
      ['train', '--data', penguins, '--target', 'Species', '--out', out, '--models', 'no_such_model'],
      ['train', '--data', penguins, '--target', 'Species', '--out', out, '--seed', '-3'],
      ['train', '--data', penguins, '--target', 'Island', '--out', out, '--task', 'regression'],
      ['train', '--data', penguins, '--target', 'Species', '--out', out, '--test', cars],
      ['predict', '--model', join(work, 'no-model'), '--data', penguins, '--out', join(work, 'p.csv')],
    ]) {
      const { code, stderr } = await run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
      expect(stderr).toMatch(/[.]\n$/);
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(work, 'p.csv'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('refuses to overwrite a folder that is not a bundle', async () => {
    const busy = join(work, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'keep me');
    const { code, stderr } = await run('train', '--data', penguins, '--target', 'Species', '--out', busy);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not empty/);
    expect(readdirSync(busy)).toEqual(['notes.txt']);
  });

  it('leaves nothing in --out when --test fails after training', async () => {
    const noInputs = join(work, 'no-inputs.csv');
    writeFileSync(noInputs, 'Species,Sex\nAdelie,MALE\n');
    const { code, stderr } = await run('train', '--data', penguins, '--target', 'Species', '--out', out, '--test', noInputs, '--models', 'decision_tree');
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-inputs\.csv" lacks the columns "Island"/);
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('predict names the input columns a file lacks', async () => {
    const model = join(work, 'cars-model-2');
    expect((await run('train', '--data', cars, '--target', 'Miles_per_Gallon', '--out', model, '--models', 'random_forest', '--folds', '0')).code).toBe(0);
    const { code, stderr } = await run('predict', '--model', model, '--data', penguins, '--out', join(work, 'x.csv'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/lacks the columns .*"Cylinders"/);
    expect(existsSync(join(work, 'x.csv'))).toBe(false);
  }, 120_000);
});

describe('cli train on a random sample (--sample-rows)', () => {
  it('trains on N rows streamed from the file, seeded by --seed, and says so', async () => {
    const lines = ['a,b,label'];
    for (let r = 1; r <= 6000; r++) lines.push(`${r % 97},${(r * 7) % 13},${r % 97 > 48 ? 'high' : 'low'}`);
    const data = join(work, 'sampled.csv');
    writeFileSync(data, lines.join('\n') + '\n');
    const out = join(work, 'sampled-model');
    const { code, stderr } = await run('train', '--data', data, '--target', 'label', '--out', out, '--models', 'decision_tree', '--folds', '0', '--search', 'none', '--sample-rows', '800', '--seed', '3');
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('Note: A random sample of 800 of the 6,000 rows of "sampled.csv" was read (seed 3)');
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics).toMatchObject({ rows: 800, seed: 3 });
  });
});
