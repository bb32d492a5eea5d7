/**
 * The standalone predictor on bundles as the studio exports them (writeBundle, zipped with
 * fflate): it predicts what the studio's own bundle reader predicts, for a classifier, a neural
 * network (TensorFlow.js layers format) and a regressor, and refuses zip bombs and bad rows.
 */
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BundleFiles } from '../core/bundle/bundleTypes';
import { readBundle } from '../core/bundle/readBundle';
import { writeBundle } from '../core/bundle/writeBundle';
import { ensureTfBackend } from '../core/models/tfBackend';
import { trainAndEvaluate } from '../core/models/trainAndEvaluate';
import { tableFromColumns, type CellValue } from '../core/prep/tableFromColumns';
import { createRng } from '../core/random';
import { BundleError, loadBundle, RowValidationError } from './index';

const SPECIES = ['setosa', 'versicolor', 'virginica'];

/**
 * Rows as a JSON body or file would give them. One input is named "__proto__": JSON.parse keeps
 * it as an own key, and the predictor must read it as a field, never as the prototype.
 */
function rowsOf(n: number, seed: number): Record<string, CellValue>[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const row: Record<string, CellValue> = { a: (i % 3) * 2 + rng.normal() * 0.5 };
    Object.defineProperty(row, '__proto__', { value: i % 7 === 0 ? null : -(i % 3) + rng.normal() * 0.5, enumerable: true, writable: true, configurable: true });
    row.kind = ['wild', 'garden'][rng.int(2)];
    row.species = SPECIES[i % 3];
    return row;
  });
}

function tableOf(rows: Record<string, CellValue>[]) {
  const column = (name: string, type: 'numeric' | 'categorical') => ({ name, type, values: rows.map((r) => (Object.hasOwn(r, name) ? r[name] : null)) });
  return tableFromColumns([column('a', 'numeric'), column('__proto__', 'numeric'), column('kind', 'categorical'), column('species', 'categorical')]);
}

async function bundle(task: 'classification' | 'regression', model?: string): Promise<BundleFiles> {
  const table = tableOf(rowsOf(150, 4));
  const target = task === 'classification' ? 'species' : 'a';
  const params = model === 'neural_network' ? { hiddenLayers: '8', epochs: 20, learningRate: 0.05 } : undefined;
  const result = await trainAndEvaluate(table, { target, task, model, params, seed: 1 });
  return writeBundle({
    createdAt: '2024-05-01T12:00:00Z',
    target,
    task,
    classes: result.classes,
    recipe: result.recipe,
    model: result.model,
    params: result.params,
    metrics: result.metrics,
  });
}

function zip(files: BundleFiles, folder = ''): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of files) entries[folder + name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(entries, { level: 6, mtime: new Date('2024-05-01T12:00:00Z') });
}

let classifier: BundleFiles;
let network: BundleFiles;
let regressor: BundleFiles;

beforeAll(async () => {
  await ensureTfBackend();
  [classifier, network, regressor] = [await bundle('classification'), await bundle('classification', 'neural_network'), await bundle('regression')];
});

describe('loadBundle', () => {
  it('loads an exported .zip and predicts what the studio predicts, with class probabilities', () => {
    const rows = rowsOf(30, 9);
    const predictor = loadBundle(zip(classifier));
    expect(predictor.meta.task).toBe('classification');
    expect(predictor.classes).toEqual(SPECIES);
    expect(predictor.inputSchema.map((f) => f.name)).toEqual(['a', '__proto__', 'kind']);
    const out = predictor.predict(rows);
    const expected = readBundle(classifier).predict(tableOf(rows));
    expect(out.map((p) => p.prediction)).toEqual(expected.prediction);
    expect(out.flatMap((p) => p.probabilities!)).toEqual(Array.from(expected.proba!));
    expect(out.filter((p, i) => p.prediction === rows[i].species).length).toBeGreaterThan(25);
  });

  it('predicts with a neural network stored in the TensorFlow.js layers format', () => {
    expect([...network.keys()]).toEqual(['bundle.json', 'model.json', 'weights.bin', 'model-card.md']);
    const rows = rowsOf(30, 10);
    const out = loadBundle(zip(network)).predict(rows);
    const expected = readBundle(network).predict(tableOf(rows));
    expect(out.map((p) => p.prediction)).toEqual(expected.prediction);
    expect(out.flatMap((p) => p.probabilities!)).toEqual(Array.from(expected.proba!));
    expect(out.filter((p, i) => p.prediction === rows[i].species).length).toBeGreaterThan(25);
  });

  it('predicts values for a regressor, from a Map, a record, an ArrayBuffer or a zipped folder', () => {
    const rows = rowsOf(10, 11).map(({ a: _, ...rest }) => rest);
    const expected = readBundle(regressor).predict(tableOf(rows)).prediction;
    const record = Object.fromEntries(regressor);
    const bytes = zip(regressor);
    for (const source of [regressor, record, bytes.slice().buffer, zip(regressor, 'my-model/')]) {
      const out = loadBundle(source).predict(rows);
      expect(out.map((p) => p.prediction)).toEqual(expected);
      expect(out.every((p) => typeof p.prediction === 'number' && p.probabilities === undefined)).toBe(true);
    }
  });

  it('treats left-out and null fields as missing, and ignores unknown fields', () => {
    const predictor = loadBundle(classifier);
    const full = predictor.predict([JSON.parse('{"a": 4, "__proto__": -2, "kind": "wild"}')]);
    const sparse = predictor.predict([JSON.parse('{"a": 4, "__proto__": null, "colour": "red"}')]);
    expect(full[0].prediction).toBe('virginica');
    expect(sparse[0].prediction).toBe('virginica');
    expect(predictor.predict([])).toEqual([]);
  });

  it('names the row and the field of a value of the wrong type', () => {
    const predictor = loadBundle(classifier);
    const bad = () => predictor.predict([{ a: 1 }, { a: 'tall' }]);
    expect(bad).toThrow(RowValidationError);
    expect(bad).toThrow('rows[1].a must be a number or null, got "tall".');
    expect(() => predictor.predict([{ a: 1, kind: 3 }])).toThrow('rows[0].kind must be a string or null, got 3.');
    expect(() => predictor.predict({} as never)).toThrow('The rows must be a JSON array of objects, got an object.');
  });

  it('refuses zip bombs from the zip directory, before inflating', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 100; i++) many[`f${i}.txt`] = strToU8('x');
    expect(() => loadBundle(zipSync(many))).toThrow('"bundle.zip" holds more than the 64 files a model bundle may have.');

    // A small entry whose directory record claims 4 GB: refused by the declared size, never allocated.
    const lying = zip(network);
    const view = new DataView(lying.buffer, lying.byteOffset, lying.byteLength);
    for (let at = 0; at + 46 < lying.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(at + 28, true);
      if (new TextDecoder().decode(lying.subarray(at + 46, at + 46 + nameLength)) === 'weights.bin') view.setUint32(at + 24, 0xfffffff0, true);
    }
    expect(() => loadBundle(lying, { fileName: 'model.zip' })).toThrow('"model.zip" unpacks to more than 200 MB (at weights.bin)');
  });

  it('refuses sources that are not a bundle with a BundleError', () => {
    const cases: [unknown, string][] = [
      [strToU8('not a zip'), 'is not a readable .zip model bundle'],
      [zipSync({ 'readme.txt': strToU8('hi') }), 'has no bundle.json'],
      [new Map([['bundle.json', 42]]), 'The bundle file "bundle.json" is a number'],
      ['bundle.zip', 'not a string'],
      [new Map([...network].filter(([name]) => name !== 'weights.bin')), "The bundle has no weights.bin; a neural network's weights are stored there."],
    ];
    for (const [source, message] of cases) {
      expect(() => loadBundle(source as never)).toThrow(message);
      expect(() => loadBundle(source as never)).toThrow(BundleError);
    }
  });
});
