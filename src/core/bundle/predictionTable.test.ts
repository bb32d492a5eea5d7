import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTfBackend } from '../models/tfBackend';
import { trainAndEvaluate } from '../models/trainAndEvaluate';
import { readCsv } from '../data/readCsv';
import { strToU8, zipSync } from 'fflate';
import { readBundle } from './readBundle';
import { writeBundle } from './writeBundle';
import { unzipBundle, MAX_ZIP_ENTRIES } from './unzipBundle';
import { predictionTable } from './predictionTable';
import { singleRowTable } from './singleRowTable';
import { conformTable } from './conformTable';
import type { BundleFiles, LoadedBundle } from './bundleTypes';

const csv = (text: string) => readCsv(new TextEncoder().encode(text), { fileName: 'rows.csv' }).table;

function training(): string {
  const lines = ['size,colour,label'];
  for (let i = 0; i < 120; i++) lines.push(`${i % 2 ? 10 + (i % 7) : 1 + (i % 5)},${['red', 'blue', '-minus'][i % 3]},${i % 2 ? 'big' : 'small'}`);
  return lines.join('\n') + '\n';
}

let files: BundleFiles;
let bundle: LoadedBundle;

beforeAll(async () => {
  await ensureTfBackend();
  const trained = await trainAndEvaluate(csv(training()), { target: 'label', task: 'classification', seed: 3, model: 'gaussian_naive_bayes' });
  files = writeBundle({
    createdAt: '2026-01-01T00:00:00Z',
    target: 'label',
    task: 'classification',
    classes: trained.classes,
    recipe: trained.recipe,
    model: trained.model,
    params: trained.params,
    metrics: trained.metrics,
  });
  bundle = readBundle(files);
});

describe('predictionTable', () => {
  it('puts the input columns first, then the prediction and one probability per class', () => {
    const input = csv('size,colour,note\n2,red,=1+1\n15,blue,-5\n');
    const result = bundle.predict(conformTable(bundle.meta, input).table);
    const table = predictionTable(input, result, 0, 10);
    expect(table.header).toEqual(['size', 'colour', 'note', 'prediction', 'proba_big', 'proba_small']);
    expect(table.rows.map((r) => r[3])).toEqual(['small', 'big']);
    expect(table.rows).toHaveLength(2);
    expect(predictionTable(input, result, 1, 5).rows.map((r) => r[0])).toEqual(['15']);
  });

  it('escapes text that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const input = csv('size,colour,note\n-2,-minus,=HYPERLINK("x")\n');
    const result = bundle.predict(conformTable(bundle.meta, input).table);
    const lines = predictionTable(input, result, 0, 1).csv().trim().split('\n');
    expect(lines[0]).toBe('size,colour,note,prediction,proba_big,proba_small');
    expect(lines[1].startsWith(`-2,'-minus,"'=HYPERLINK(""x"")",small,`)).toBe(true);
  });
});

describe('singleRowTable', () => {
  it('reads the what-if values like a one-row CSV, empty values as missing', () => {
    const table = singleRowTable(bundle.meta, { size: '14', colour: 'blue' });
    expect(table.rowCount).toBe(1);
    expect(bundle.predict(table).prediction).toEqual(['big']);
    const empty = singleRowTable(bundle.meta, {});
    expect(empty.rowCount).toBe(1);
    expect(empty.columns.every((c) => c.missing[0] === 1)).toBe(true);
  });
});

describe('unzipBundle', () => {
  const zipOf = (entries: Record<string, Uint8Array>) => zipSync(entries);
  const asBytes = (content: string | Uint8Array) => (typeof content === 'string' ? strToU8(content) : content);

  it('opens a bundle zipped flat or inside a folder, and ignores files a bundle does not have', () => {
    const flat: Record<string, Uint8Array> = {};
    for (const [name, content] of files) flat[name] = asBytes(content);
    const opened = unzipBundle(zipOf({ ...flat, 'evil.js': strToU8('alert(1)') }), 'm.zip');
    expect([...opened.keys()].sort()).toEqual([...files.keys()].sort());
    expect(readBundle(opened).predict(csv('size,colour\n2,red\n')).prediction).toEqual(['small']);
    const nested: Record<string, Uint8Array> = {};
    for (const [name, content] of files) nested[`model/${name}`] = asBytes(content);
    expect(unzipBundle(zipOf(nested), 'n.zip').has('bundle.json')).toBe(true);
  });

  it('refuses what is not a bundle with a sentence naming the file', () => {
    expect(() => unzipBundle(strToU8('not a zip at all'), 'x.zip')).toThrow(/"x\.zip" is not a readable \.zip model bundle/);
    expect(() => unzipBundle(zipOf({ 'model.json': strToU8('{}') }), 'y.zip')).toThrow(/"y\.zip" has no bundle\.json/);
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) many[`f${i}.txt`] = strToU8('x');
    expect(() => unzipBundle(zipOf(many), 'many.zip')).toThrow(/"many\.zip" holds more than the 64 files/);
    const twice = zipOf({ 'bundle.json': asBytes(files.get('bundle.json')!), 'a/bundle.json': asBytes(files.get('bundle.json')!) });
    expect(() => unzipBundle(twice, 't.zip')).toThrow(/holds bundle\.json twice/);
  });
});
