/** The drift reference inside a model bundle: written compactly, read back validated, optional for old bundles. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError, type BundleFiles, type BundleInput } from '../bundle/bundleTypes';
import { readBundle } from '../bundle/readBundle';
import { writeBundle } from '../bundle/writeBundle';
import { readCsv } from '../data/readCsv';
import { trainAndEvaluate } from '../models/trainAndEvaluate';
import { trainingDriftReference } from './trainingDriftReference';

let input: BundleInput;
let files: BundleFiles;

beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../../public/examples/penguins.csv', import.meta.url)));
  const table = readCsv(bytes, { fileName: 'penguins.csv' }).table;
  const result = await trainAndEvaluate(table, { target: 'Species', task: 'classification', model: 'gaussian_naive_bayes', seed: 0 });
  input = { createdAt: '2024-01-01T00:00:00Z', target: 'Species', task: 'classification', classes: result.classes, recipe: result.recipe, model: result.model, params: result.params, metrics: result.metrics };
  const drift = trainingDriftReference(readBundle(writeBundle(input)), table, { target: 'Species', task: 'classification', seed: 0, trainRows: result.trainRows });
  files = writeBundle({ ...input, drift });
});

function withBundleJson(edit: (text: string) => string): BundleFiles {
  const copy = new Map(files);
  copy.set('bundle.json', edit(files.get('bundle.json') as string));
  return copy;
}

function loadError(bundle: BundleFiles): string {
  try {
    readBundle(bundle);
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return (error as Error).message;
  }
  throw new Error('loaded without complaint');
}

describe('the drift reference in bundle.json', () => {
  it('comes last, one line per column, and reads back as written', () => {
    const text = files.get('bundle.json') as string;
    const meta = JSON.parse(text);
    expect(Object.keys(meta).at(-1)).toBe('drift');
    const lines = text.split('\n');
    const start = lines.indexOf('  "drift": {');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start).filter((l) => l.startsWith('      {"name":'))).toHaveLength(meta.inputSchema.length);
    const loaded = readBundle(files);
    expect(loaded.meta.drift).toEqual(meta.drift);
    expect(loaded.meta.drift!.prediction).toMatchObject({ kind: 'categorical', categories: expect.arrayContaining(['Adelie', 'Chinstrap', 'Gentoo']) });
  });

  it('is optional: a bundle written without one loads, with no drift', () => {
    expect(readBundle(writeBundle(input)).meta.drift).toBeUndefined();
  });

  it('is validated: a bad count or a prototype key is refused with a sentence naming the file and field', () => {
    const badCount = withBundleJson((t) => t.replace('"count":', '"count":-'));
    expect(loadError(badCount)).toMatch(/^bundle\.json: "drift\.columns\[0\]\.count" is -\d+, expected an integer from 0/);
    const polluted = withBundleJson((t) => t.replace('"drift": {', '"drift": {"__proto__": {"x": 1},'));
    expect(loadError(polluted)).toBe('bundle.json: "drift" has the forbidden key "__proto__".');
  });
});
