/**
 * The built standalone predictor in plain Node: `vite build -c vite.predictor.config.ts` (the
 * build behind dist/predictor/predictor.js), then a separate `node` process imports the output,
 * loads exported bundle .zips and predicts the same as src/predictor does in this process.
 *
 * The build goes to a temporary folder rather than dist/predictor, so the test always checks
 * the current source (never a stale dist/) and never races an app build emptying dist/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../src/core/bundle/writeBundle';
import { ensureTfBackend } from '../src/core/models/tfBackend';
import { trainAndEvaluate } from '../src/core/models/trainAndEvaluate';
import { tableFromColumns } from '../src/core/prep/tableFromColumns';
import { createRng } from '../src/core/random';
import { loadBundle } from '../src/predictor/index';

const root = resolve(import.meta.dirname, '..');
let work: string;
let built: string;

/** Penguin-like rows: two measurements, an island, the species. */
function rows(n: number, seed: number) {
  const rng = createRng(seed);
  const species = ['Adelie', 'Chinstrap', 'Gentoo'];
  return Array.from({ length: n }, (_, i) => ({
    bill_length_mm: 38 + 5 * (i % 3) + rng.normal(),
    flipper_length_mm: i % 9 === 0 ? null : 190 + 10 * (i % 3) + 3 * rng.normal(),
    island: ['Biscoe', 'Dream', 'Torgersen'][rng.int(3)],
    species: species[i % 3],
  }));
}

async function zippedBundle(task: 'classification' | 'regression', model?: string): Promise<Uint8Array> {
  const data = rows(150, 1);
  const column = (name: keyof (typeof data)[0], type: 'numeric' | 'categorical') => ({ name, type, values: data.map((r) => r[name]) });
  const table = tableFromColumns([
    column('bill_length_mm', 'numeric'),
    column('flipper_length_mm', 'numeric'),
    column('island', 'categorical'),
    column('species', 'categorical'),
  ]);
  const target = task === 'classification' ? 'species' : 'bill_length_mm';
  const params = model === 'neural_network' ? { hiddenLayers: '8', epochs: 20, learningRate: 0.05 } : undefined;
  const result = await trainAndEvaluate(table, { target, task, model, params, seed: 2 });
  const files = writeBundle({ createdAt: '2024-05-01T12:00:00Z', target, task, classes: result.classes, recipe: result.recipe, model: result.model, params: result.params, metrics: result.metrics });
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of files) entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(entries);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'predictor-smoke-'));
  built = join(work, 'predictor');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.predictor.config.ts', '--outDir', built, '--logLevel', 'error'], {
    cwd: root,
    stdio: 'pipe',
  });
  await ensureTfBackend();
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('dist/predictor/predictor.js', () => {
  it('is one small ES module with no TensorFlow.js or React inside', () => {
    const code = readFileSync(join(built, 'predictor.js'), 'utf8');
    expect(code).toMatch(/export \{[^}]*\bloadBundle\b/);
    expect(code).not.toMatch(/@tensorflow|tfjs-core|react-dom|\bimport\s*\(/);
    expect(statSync(join(built, 'predictor.js')).size).toBeLessThan(400_000);
    expect(JSON.parse(readFileSync(join(built, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
  });

  it('loads in plain Node and predicts what src/predictor predicts', async () => {
    const bundles = {
      network: await zippedBundle('classification', 'neural_network'),
      linear: await zippedBundle('classification'),
      regression: await zippedBundle('regression'),
    };
    const input = rows(20, 7).map(({ species: _, ...row }) => row);
    writeFileSync(join(work, 'rows.json'), JSON.stringify(input));
    for (const [name, zip] of Object.entries(bundles)) writeFileSync(join(work, `${name}.zip`), zip);

    // Plain Node, outside the repository: only the built file and the bundles.
    const script = `
      const { readFileSync } = await import('node:fs');
      const { loadBundle } = await import(${JSON.stringify(pathToFileURL(join(built, 'predictor.js')).href)});
      const rows = JSON.parse(readFileSync('rows.json', 'utf8'));
      const out = {};
      for (const name of ${JSON.stringify(Object.keys(bundles))}) out[name] = loadBundle(readFileSync(name + '.zip')).predict(rows);
      process.stdout.write(JSON.stringify(out));`;
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work, encoding: 'utf8' });
    const fromNode = JSON.parse(stdout);

    for (const [name, zip] of Object.entries(bundles)) {
      expect(fromNode[name]).toEqual(JSON.parse(JSON.stringify(loadBundle(zip).predict(input))));
    }
    expect(fromNode.network[0]).toMatchObject({ prediction: expect.any(String), probabilities: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    expect(typeof fromNode.regression[0].prediction).toBe('number');
  });
});
