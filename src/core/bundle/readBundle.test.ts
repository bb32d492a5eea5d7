import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTfBackend } from '../models/tfBackend';
import { modelNames } from '../models/registry';
import { applyRecipe } from '../prep/applyRecipe';
import { trainAndEvaluate, type TrainResult } from '../models/trainAndEvaluate';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import type { BundleFiles } from './bundleTypes';
import { readBundle } from './readBundle';
import { writeBundle } from './writeBundle';

const EVIL = '<img src=x onerror=alert(1)>';

function flowers() {
  const rng = createRng(4);
  const cols: Record<'a' | 'b' | 'kind' | 'species', CellValue[]> = { a: [], b: [], kind: [], species: [] };
  for (let i = 0; i < 150; i++) {
    const k = i % 3;
    cols.a.push(k * 2 + rng.normal() * 0.5);
    cols.b.push(i % 11 === 0 ? null : -k + rng.normal() * 0.5);
    cols.kind.push(['wild', 'garden'][rng.int(2)]);
    cols.species.push(['setosa', 'versicolor', 'virginica'][k]);
  }
  return tableFromColumns([
    { name: 'a', type: 'numeric', values: cols.a },
    { name: EVIL, type: 'numeric', values: cols.b },
    { name: 'kind', type: 'categorical', values: cols.kind },
    { name: 'species', type: 'categorical', values: cols.species },
  ]);
}

let trained: TrainResult;
let files: BundleFiles;

beforeAll(async () => {
  await ensureTfBackend();
  trained = await trainAndEvaluate(flowers(), { target: 'species', task: 'classification', seed: 1 });
  files = writeBundle({
    createdAt: '2024-05-01T12:00:00Z',
    target: 'species',
    task: 'classification',
    classes: trained.classes,
    recipe: trained.recipe,
    model: trained.model,
    params: trained.params,
    metrics: { ...trained.metrics, roc_auc: NaN },
    data: { name: 'flowers.csv', rows: 150, trainRows: trained.trainRows, testRows: trained.testRows },
    profiles: { columns: [{ name: 'a', mean: 2 }] },
  });
});

/** A copy of the bundle with bundle.json (or model.json) changed by `edit`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke arbitrary fields of parsed JSON
function tamper(file: 'bundle.json' | 'model.json', edit: (json: any) => void): BundleFiles {
  const copy = new Map(files);
  const json = JSON.parse(files.get(file) as string);
  edit(json);
  copy.set(file, JSON.stringify(json));
  return copy;
}

describe('writeBundle / readBundle', () => {
  it('writes the three files with the documented bundle.json fields', () => {
    expect([...files.keys()]).toEqual(['bundle.json', 'model.json', 'model-card.md']);
    const meta = JSON.parse(files.get('bundle.json') as string);
    expect(meta).toMatchObject({
      format: 'local-ml-studio/bundle',
      version: 1,
      createdAt: '2024-05-01T12:00:00Z',
      target: 'species',
      task: 'classification',
      classes: ['setosa', 'versicolor', 'virginica'],
      model: { kind: 'logistic_regression' },
      profiles: { columns: [{ name: 'a', mean: 2 }] },
    });
    expect(meta.model.metrics.roc_auc).toBeNull();
    expect(meta.inputSchema).toEqual([
      { name: 'a', type: 'numeric' },
      { name: EVIL, type: 'numeric' },
      { name: 'kind', type: 'categorical', categories: ['garden', 'wild'] },
    ]);
    expect(JSON.parse(files.get('model.json') as string).kind).toBe('logistic_regression');
  });

  it('round-trips: the loaded bundle predicts what the trained model predicts', () => {
    const loaded = readBundle(files);
    const table = flowers();
    const out = loaded.predict(table);
    expect(out.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(out.prediction).toHaveLength(150);
    expect(loaded.meta.model.metrics.roc_auc).toBeNull();
    const proba = trained.model.predictProba!(...xOf(table));
    expect(Array.from(out.proba!)).toEqual(Array.from(proba));
    const correct = out.prediction.filter((p, i) => p === ['setosa', 'versicolor', 'virginica'][i % 3]).length;
    expect(correct / 150).toBeGreaterThan(0.9);
    // Bytes work as well as strings.
    const bytes = new Map([...files].map(([k, v]) => [k, new TextEncoder().encode(v as string)]));
    expect(readBundle(bytes).predict(table).prediction).toEqual(out.prediction);
  });

  it('predicts on a table with columns in another order and without the target', () => {
    const t = flowers();
    const reordered = { rowCount: t.rowCount, columns: [t.columns[2], t.columns[1], t.columns[0]] };
    expect(readBundle(files).predict(reordered).prediction).toEqual(readBundle(files).predict(t).prediction);
  });

  it('round-trips a regression model', async () => {
    const table = flowers();
    const result = await trainAndEvaluate(table, { target: 'a', task: 'regression', seed: 2 });
    const written = writeBundle({
      createdAt: '2024-05-01T12:00:00Z',
      target: 'a',
      task: 'regression',
      recipe: result.recipe,
      model: result.model,
      params: result.params,
      metrics: result.metrics,
    });
    const loaded = readBundle(written);
    expect(loaded.meta.classes).toBeUndefined();
    const out = loaded.predict(table);
    const { X, featureNames } = applyRecipe(result.recipe, table);
    expect(out.prediction).toEqual(Array.from(result.model.predict(X, table.rowCount, featureNames.length)));
    expect(out.proba).toBeUndefined();
    expect(loaded.meta.model.metrics.r2).toBeCloseTo(result.metrics.r2, 12);
  });

  it('writes a model card with user strings escaped', () => {
    const card = files.get('model-card.md') as string;
    expect(card).toContain('# Model card: Logistic regression predicting species');
    expect(card).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(card).not.toContain('<img');
    expect(card).toMatch(/## Intended use/);
    expect(card).toMatch(/## Limitations/);
    expect(card).toMatch(/\| accuracy \| 0\.\d+ \|/);
  });

  it('keeps an optional seed for retraining: bundles without one still load, a bad one is refused', () => {
    expect(readBundle(files).meta.seed).toBeUndefined();
    expect(readBundle(tamper('bundle.json', (j) => (j.seed = 7))).meta.seed).toBe(7);
    expect(() => readBundle(tamper('bundle.json', (j) => (j.seed = 1.5)))).toThrow('bundle.json: "seed" is 1.5, expected an integer');
  });

  it.each<[string, () => BundleFiles, string]>([
    ['a missing bundle.json', () => new Map([['model.json', '{}']]), 'The bundle has no bundle.json.'],
    ['truncated JSON', () => new Map(files).set('bundle.json', (files.get('bundle.json') as string).slice(0, 200)), 'bundle.json: the file is not valid JSON ('],
    ['a wrong format', () => tamper('bundle.json', (j) => (j.format = 'zip')), 'bundle.json: "format" is "zip", expected "local-ml-studio/bundle".'],
    ['a wrong version', () => tamper('bundle.json', (j) => (j.version = 2)), 'bundle.json: "version" is 2, expected 1.'],
    [
      'an unknown step kind',
      () => tamper('bundle.json', (j) => (j.recipe.steps[2].kind = 'evil')),
      'bundle.json: "recipe.steps[2].kind" is "evil", expected one of impute, oneHot, ordinal, standardScale.',
    ],
    [
      'a __proto__ key deep inside',
      () => new Map(files).set('bundle.json', (files.get('bundle.json') as string).replace('"fill":', '"__proto__": {"x": 1}, "fill":')),
      'bundle.json: "recipe.steps[0].fitted" has the forbidden key "__proto__".',
    ],
    ['a constructor key in model.json', () => tamper('model.json', (j) => (j.constructor = 1)), 'model.json: the top level has the forbidden key "constructor".'],
    [
      'an unknown model kind',
      () => tamper('bundle.json', (j) => (j.model.kind = 'rm -rf')),
      `bundle.json: "model.kind" is "rm -rf", expected one of ${modelNames().join(', ')}.`,
    ],
    ['a coefficient row of the wrong length', () => tamper('model.json', (j) => j.coef[1].pop()), 'model.json: "coef[1]" has 3 numbers, expected 4.'],
    ['too few coefficient rows', () => tamper('model.json', (j) => j.coef.pop()), 'model.json: "coef" has 2 rows, expected 3.'],
    [
      'inputs that disagree with the recipe',
      () => tamper('model.json', (j) => ((j.inputs = 3), j.coef.forEach((r: number[]) => r.pop()))),
      'model.json: "inputs" is 3, expected 4 (one per column the recipe in bundle.json produces).',
    ],
    ['a string where a number belongs', () => tamper('model.json', (j) => (j.intercept[0] = '1')), 'model.json: "intercept[0]" is "1", expected a finite number.'],
    [
      'an overflowing number',
      () => new Map(files).set('model.json', (files.get('model.json') as string).replace(/"intercept":\[[^,]+/, '"intercept":[1e999')),
      'model.json: "intercept[0]" is Infinity, expected a finite number.',
    ],
    ['a negative scale', () => tamper('bundle.json', (j) => (j.recipe.steps[2].fitted.std[0] = -1)), 'bundle.json: "recipe.steps[2].fitted.std[0]" is -1, expected a number above 0.'],
    ['a mismatched fitted list', () => tamper('bundle.json', (j) => j.recipe.steps[1].fitted.categories.push(['x'])), 'bundle.json: "recipe.steps[1].fitted.categories" has 2 lists, expected 1.'],
    ['a step on an unknown column', () => tamper('bundle.json', (j) => (j.recipe.steps[2].columns[0] = 'zzz')), 'bundle.json: "recipe.steps[2].columns[0]" is "zzz", which is not a column at this step.'],
    ['classes that disagree with the model', () => tamper('bundle.json', (j) => j.classes.pop()), 'model.json: "classes" is 3, expected 2 (the classes listed in bundle.json).'],
    ['a regression kind for a classification task', () => tamper('bundle.json', (j) => (j.model.kind = 'linear_regression')), 'bundle.json: "model.kind" is "linear_regression", which does not do classification.'],
    ['an oversized file', () => new Map(files).set('model.json', ' '.repeat(5 * 1024 * 1024 + 1)), 'model.json: the file is 5.0 MB, more than the 5 MB limit.'],
    ['invalid UTF-8', () => new Map<string, Uint8Array | string>(files).set('bundle.json', new Uint8Array([0x7b, 0xff, 0x7d])), 'bundle.json: the file is not valid UTF-8 text.'],
    ['absurd nesting', () => new Map(files).set('bundle.json', '['.repeat(100) + ']'.repeat(100)), 'bundle.json: "[0][0][0]'],
  ])('rejects %s with a sentence naming the file and field', (_, make, message) => {
    const bad = make();
    expect(() => readBundle(bad)).toThrow(message);
    try {
      readBundle(bad);
    } catch (error) {
      expect((error as Error).name).toBe('BundleError');
    }
  });
});

function xOf(table: ReturnType<typeof flowers>): [Float32Array, number, number] {
  const { X, featureNames } = applyRecipe(trained.recipe, table);
  return [X, table.rowCount, featureNames.length];
}
