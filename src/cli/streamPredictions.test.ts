import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformTable } from '../core/bundle/conformTable';
import { readCsv } from '../core/data/readCsv';
import { loadBundleFolder } from './bundleIO';
import { csvField } from './csvOutput';
import { runCli } from './main';
import { streamPredictions } from './streamPredictions';

const work = mkdtempSync(join(tmpdir(), 'cli-stream-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

function captured() {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

/** A deterministic toy dataset: the class follows x and the colour; labels that look like formulas. */
function toyRows(n: number, seed: number): string[][] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const colours = ['red', 'blue', 'dark\nred'];
  return Array.from({ length: n }, (_, i) => {
    const x = Math.round(next() * 1000) / 100;
    const colour = colours[i % 3];
    const label = x < 3 ? '=cmd' : x < 6 && colour !== 'blue' ? '-neg' : 'plain';
    return [String(x), colour, label, `note ${i}, "quoted"\nsecond line`];
  });
}

function toCsv(header: string[], rows: string[][], eol = '\n'): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join(eol) + eol;
}

const model = join(work, 'toy-model');
const regression = join(work, 'toy-regression');
const trainFile = join(work, 'toy.csv');
const predictFile = join(work, 'toy-new.csv');
let newRows: string[][];

beforeAll(async () => {
  const train = toyRows(240, 7).map((r) => r.slice(0, 3));
  writeFileSync(trainFile, toCsv(['x', 'colour', 'label'], train));
  const trained = await run('train', '--data', trainFile, '--target', 'label', '--out', model, '--models', 'decision_tree', '--folds', '0', '--seed', '0');
  expect(trained.code, trained.stderr).toBe(0);
  const reg = train.map((r) => [r[0], r[1], String(-1.5 * Number(r[0]))]);
  writeFileSync(join(work, 'reg.csv'), toCsv(['x', 'colour', 'y'], reg));
  const trainedReg = await run('train', '--data', join(work, 'reg.csv'), '--target', 'y', '--out', regression, '--models', 'decision_tree', '--folds', '0');
  expect(trainedReg.code, trainedReg.stderr).toBe(0);
  // Prediction rows: the columns in another order, an extra column full of quoted line breaks,
  // CRLF line ends, an unseen colour and a value that is not a number.
  newRows = toyRows(150, 11).map(([x, colour, , note], i) => [note, i === 40 ? 'purple' : colour, i === 77 ? 'n/a?' : x]);
  writeFileSync(predictFile, toCsv(['notes', 'colour', 'x'], newRows, '\r\n'));
}, 120_000);

describe('streamPredictions', () => {
  it('gives the same predictions for any chunk size as for the whole file read at once', async () => {
    const bundle = loadBundleFolder(model);
    const outputs: string[] = [];
    const warnings: string[] = [];
    for (const chunkBytes of [1 << 23, 700, 64, 1]) {
      const io = captured();
      const out = join(work, `pred-${chunkBytes}.csv`);
      const { rows } = await streamPredictions(bundle, predictFile, out, io, { chunkBytes });
      expect(rows).toBe(150);
      outputs.push(readFileSync(out, 'utf8'));
      warnings.push(io.err);
    }
    for (const o of outputs.slice(1)) expect(o).toBe(outputs[0]);
    for (const w of warnings.slice(1)) expect(w).toBe(warnings[0]);

    // The old path: the whole file through the reader, conformed and predicted in one go.
    const { table } = readCsv(readFileSync(predictFile), { fileName: 'toy-new.csv' });
    const whole = bundle.predict(conformTable(bundle.meta, table).table);
    const lines = outputs[0].trimEnd().split('\n');
    expect(lines[0]).toBe('prediction,proba_-neg,proba_=cmd,proba_plain');
    expect(lines).toHaveLength(151);
    const escaped = whole.prediction.map((p) => (String(p).match(/^[=-]/) ? `'${p}` : p));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(escaped);
    expect(escaped).toContain("'=cmd");
    expect(escaped).toContain("'-neg");
  });

  it('prints each note once for the whole file, counting rows over all chunks', async () => {
    const io = captured();
    await streamPredictions(loadBundleFolder(model), predictFile, join(work, 'notes.csv'), io, { chunkBytes: 100 });
    expect(io.err.split('\n').filter(Boolean)).toEqual([
      'Warning: Column "x" should be numeric but 1 row is not a number (row 78: "n/a?"); it is treated as missing (the recipe imputes it).',
      'Warning: Column "colour" has 1 row with a category the model never saw ("purple"); it is encoded as unknown.',
      'Warning: Column "notes" is not a model input and is ignored.',
    ]);
  });

  it('writes numeric predictions as numbers, negative ones included', async () => {
    const out = join(work, 'reg-pred.csv');
    const { code, stderr } = await run('predict', '--model', regression, '--data', trainFile, '--out', out);
    expect(stderr).toBe('Warning: Column "label" is not a model input and is ignored.\n');
    expect(code).toBe(0);
    const values = readFileSync(out, 'utf8').trimEnd().split('\n').slice(1);
    expect(values.length).toBe(240);
    expect(values.every((v) => /^-\d/.test(v) || v === '0')).toBe(true);
  });
});

describe('predict command on awkward files', () => {
  it('warns about a missing input column and still predicts every row', async () => {
    const file = join(work, 'no-colour.csv');
    writeFileSync(file, 'x\n1\n5\n9\n');
    const out = join(work, 'no-colour-pred.csv');
    const { code, stdout, stderr } = await run('predict', '--model', model, '--data', file, '--out', out);
    expect(stderr).toBe('Warning: Column "colour" is missing from the file; every row is treated as missing there (the recipe imputes it).\n');
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote 3 predictions to ${out}.\n`);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(4);
  });

  it('refuses a file with none of the input columns, leaving nothing behind', async () => {
    const file = join(work, 'unrelated.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const out = join(work, 'unrelated-pred.csv');
    const { code, stderr } = await run('predict', '--model', model, '--data', file, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `"unrelated.csv" lacks the columns "x", "colour" that the model needs as input (it has none of them), so nothing can be predicted; check that it is the right file and that its first line is the header.\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('stops at a bad row deep in the file with its real line number, and keeps an earlier output intact', async () => {
    const file = join(work, 'ragged.csv');
    const rows = toyRows(60, 3).map(([x, colour]) => [x, colour]);
    // colour "dark\nred" takes two lines, so the bad record's line is not its row number + 1.
    const text = toCsv(['x', 'colour'], rows) + '1,red,extra\n';
    writeFileSync(file, text);
    const line = text.split('\n').length - 1;
    const out = join(work, 'ragged-pred.csv');
    writeFileSync(out, 'earlier output\n');
    const bundle = loadBundleFolder(model);
    await expect(streamPredictions(bundle, file, out, captured(), { chunkBytes: 50 })).rejects.toThrow(
      `Line ${line} of "ragged.csv" has 3 fields but the header has 2 (record 61): extra values "extra"; nothing was imported.`,
    );
    expect(readFileSync(out, 'utf8')).toBe('earlier output\n');
    expect(readdirSync(work).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('refuses an empty file and a missing one with one sentence', async () => {
    const empty = join(work, 'empty.csv');
    writeFileSync(empty, '');
    const a = await run('predict', '--model', model, '--data', empty, '--out', join(work, 'e.csv'));
    expect(a.code).toBe(2);
    expect(a.stderr).toBe('"empty.csv" is empty (0 bytes); nothing was imported.\n');
    const b = await run('predict', '--model', model, '--data', join(work, 'nope.csv'), '--out', join(work, 'e.csv'));
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^The data file ".*nope\.csv" does not exist\.\n$/);
  });
});
