import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/random';
import { EXIT_DRIFT } from './driftCommand';
import { runCli } from './main';

const penguins = join(__dirname, '..', '..', 'public', 'examples', 'penguins.csv');
const work = mkdtempSync(join(tmpdir(), 'cli-drift-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

// penguins.csv has no quoted fields, so its lines split on commas.
const [header, ...lines] = readFileSync(penguins, 'utf8').trimEnd().split('\n');
const names = header.split(',');
const order = createRng(5).shuffle(lines.map((_, i) => i));
const half = lines.length >> 1;
const trainLines = order.slice(0, half).map((i) => lines[i]);
const freshLines = order.slice(half).map((i) => lines[i]);

function csv(file: string, body: string[], head = header): string {
  const path = join(work, file);
  writeFileSync(path, [head, ...body].join('\n') + '\n');
  return path;
}

/** Beak length up by 11 mm (about 2 standard deviations), and every Biscoe penguin moved to Dream. */
function shift(line: string): string {
  const cells = line.split(',');
  const beak = names.indexOf('Beak Length (mm)');
  if (cells[beak] !== '' && cells[beak] !== 'NA') cells[beak] = String(Number(cells[beak]) + 11);
  const island = names.indexOf('Island');
  if (cells[island] === 'Biscoe') cells[island] = 'Dream';
  return cells.join(',');
}

const model = join(work, 'model');
const fresh = csv('fresh.csv', freshLines);
const shifted = csv('shifted.csv', freshLines.map(shift));

beforeAll(async () => {
  const trained = await run('train', '--data', csv('train.csv', trainLines), '--target', 'Species', '--out', model, '--models', 'gaussian_naive_bayes', '--folds', '0');
  expect(trained.code, trained.stderr).toBe(0);
}, 60_000);

describe('cli drift', () => {
  it('writes the report to stdout without --out: a fresh half of the data is stable', async () => {
    const { code, stdout, stderr } = await run('drift', '--model', model, '--data', fresh);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ format: 'local-ml-studio/drift-report', version: 1, current: { rows: freshLines.length } });
    expect(report.summary).toMatchObject({ verdict: 'stable', prediction: 'stable', columns: 6 });
    expect(report.summary.message).toBe('No drift: all 6 columns are stable, and so are the predictions.');
  });

  it('flags the shifted copy, writes --out atomically and sums up on stderr, exiting 0', async () => {
    const out = join(work, 'reports', 'shifted.json');
    const { code, stdout, stderr } = await run('drift', '--model', model, '--data', shifted, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.summary.verdict).toBe('drift');
    expect(report.summary.drifted).toEqual(expect.arrayContaining(['Island', 'Beak Length (mm)']));
    expect(report.summary.drifted).toHaveLength(2);
    expect(report.prediction.verdict).toBe('drift');
    expect(stderr.split('\n')[0]).toBe(`Drift: drift. ${report.summary.message}`);
    expect(stderr).toMatch(/^ {2}Beak Length \(mm\) +drift +PSI [\d.]+; KS D [\d.]+, p [\d.e+-]+$/m);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(`Wrote the drift report to ${out}.`);
    expect(readdirSync(join(work, 'reports'))).toEqual(['shifted.json']);
  });

  it('--fail-on exits 3 when the verdict reaches it, for scheduled checks', async () => {
    expect((await run('drift', '--model', model, '--data', shifted, '--fail-on', 'drift')).code).toBe(EXIT_DRIFT);
    expect((await run('drift', '--model', model, '--data', shifted, '--fail-on', 'warning')).code).toBe(EXIT_DRIFT);
    expect((await run('drift', '--model', model, '--data', fresh, '--fail-on', 'warning')).code).toBe(0);
    const bad = await run('drift', '--model', model, '--data', fresh, '--fail-on', 'sometimes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('The option --fail-on must be one of drift, warning, not "sometimes".\n');
  });

  it('reports a column the file lacks as drift, and says why there is no prediction drift', async () => {
    const sex = names.indexOf('Sex');
    const drop = (line: string) => line.split(',').filter((_, i) => i !== sex).join(',');
    const file = csv('no-sex.csv', freshLines.map(drop), drop(header));
    const { code, stdout, stderr } = await run('drift', '--model', model, '--data', file);
    expect(code).toBe(0);
    expect(stderr).toBe(`Warning: "${file}" lacks the model's input column "Sex", so the report has no prediction drift.\n`);
    const report = JSON.parse(stdout);
    expect(report.columns.find((c: { name: string }) => c.name === 'Sex')).toMatchObject({ absent: true, verdict: 'drift' });
    expect(report.prediction).toBeNull();
  });

  it('refuses a bundle made before drift checks with one sentence, and writes nothing', async () => {
    const old = join(work, 'old-model');
    mkdirSync(old);
    for (const f of readdirSync(model)) writeFileSync(join(old, f), readFileSync(join(model, f)));
    const meta = JSON.parse(readFileSync(join(old, 'bundle.json'), 'utf8'));
    delete meta.drift;
    writeFileSync(join(old, 'bundle.json'), JSON.stringify(meta, null, 2));
    const out = join(work, 'old.json');
    const { code, stderr } = await run('drift', '--model', old, '--data', fresh, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toBe(`The model in "${old}" has no drift reference (its bundle.json has no "drift", as bundles made before drift checks); train it again to check drift.\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('works on a clustering bundle: its rows and cluster numbers are the reference', async () => {
    const clusters = join(work, 'clusters');
    const trained = await run('train', '--data', csv('cluster-train.csv', trainLines), '--task', 'clustering', '--target', 'Species', '--clusters', '3', '--out', clusters);
    expect(trained.code, trained.stderr).toBe(0);
    const meta = JSON.parse(readFileSync(join(clusters, 'bundle.json'), 'utf8'));
    expect(meta.drift).toMatchObject({ rows: trainLines.length, prediction: { kind: 'numeric' } });
    expect(meta.drift.columns.map((c: { name: string }) => c.name)).not.toContain('Species');

    const stable = await run('drift', '--model', clusters, '--data', fresh);
    expect(stable.stderr).toBe('');
    expect(stable.code).toBe(0);
    expect(JSON.parse(stable.stdout).summary).toMatchObject({ verdict: 'stable', prediction: 'stable', columns: 6 });
    const report = JSON.parse((await run('drift', '--model', clusters, '--data', shifted)).stdout);
    expect(report.summary.verdict).toBe('drift');
    expect(report.summary.drifted).toEqual(expect.arrayContaining(['Island', 'Beak Length (mm)']));
  });

  it('refuses a data file without rows, naming it', async () => {
    const empty = csv('empty.csv', []);
    const { code, stderr } = await run('drift', '--model', model, '--data', empty);
    expect(code).toBe(2);
    expect(stderr).toMatch(/empty\.csv/);
  });

  it('is listed in the CLI usage with its own help', async () => {
    expect((await run('--help')).stdout).toMatch(/^ {2}drift +compare a CSV with the data a model bundle was trained on$/m);
    expect((await run('drift', '--help')).stdout).toMatch(/--fail-on drift {4}exit 3 when the verdict is drift/);
  });
});
