import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import { startServer } from '../src/cli/serveCommand';
import { readBundle } from '../src/core/bundle/readBundle';
import { unzipBundle } from '../src/core/bundle/unzipBundle';
import { dropFile, readDownload, studioForSuite, uploadFile } from './harness';

const quietIO = { stdout: () => undefined, stderr: () => undefined };
const penguins = readFileSync(new URL('../public/examples/penguins.csv', import.meta.url), 'utf8');

/** New data as a person brings it: no target, an extra column, an island the model never saw, a formula-like cell. */
function newPenguins(): string {
  const [header, ...rows] = penguins.trim().split('\n');
  const columns = header.split(',');
  const out = [columns.slice(1).join(',') + ',Notes'];
  rows.slice(0, 40).forEach((row, i) => {
    const cells = row.split(',').slice(1);
    if (i === 3) cells[0] = 'Atlantis';
    out.push(cells.join(',') + ',' + (i === 5 ? '=HYPERLINK("http://evil")' : `note ${i}`));
  });
  return out.join('\n') + '\n';
}

/** The CLI's predictions (and probabilities) on `csv` with the bundle in `zip`, row by row. */
async function cliPredictions(zip: Uint8Array, csv: string): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-deploy-'));
  try {
    const model = join(dir, 'model');
    const files = unzipSync(zip);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(model);
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(model, name), bytes);
    writeFileSync(join(dir, 'new.csv'), csv);
    const code = await runCli(['predict', '--model', model, '--data', join(dir, 'new.csv'), '--out', join(dir, 'p.csv')], quietIO);
    expect(code).toBe(0);
    return readFileSync(join(dir, 'p.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The REST API's predictions (and probabilities) for the rows of `csv`, served from the bundle in `zip`. */
async function servedPredictions(zip: Uint8Array, csv: string): Promise<string[][]> {
  const bundle = readBundle(unzipBundle(zip));
  const numeric = new Set(bundle.meta.inputSchema.filter((f) => f.type === 'numeric').map((f) => f.name));
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, j) => [name, cells[j] === '' || cells[j] === 'NA' ? null : numeric.has(name) ? Number(cells[j]) : cells[j]]));
  });
  const server = await startServer(bundle, { port: 0 });
  try {
    const response = await fetch(`${server.url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows) });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { predictions: string[]; probabilities: Array<Record<string, number>> };
    const classes = bundle.meta.classes ?? [];
    return answer.predictions.map((p, r) => [p, ...classes.map((c) => String(answer.probabilities[r][c]))]);
  } finally {
    await server.close();
  }
}

describe('deploy: bundles, predictions in the page, what-if, versions', () => {
  const suite = studioForSuite();
  let bundleZip: Uint8Array;

  it('trains a model and exports its bundle', async () => {
    const { page } = suite.studio;
    await page.getByLabel('Tuning', { exact: true }).selectOption('none');
    await page.getByLabel('Time budget (seconds)').fill('1');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/^Trained \d+ models?/).waitFor({ timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model' }).click()]);
    bundleZip = new Uint8Array(await readDownload(download));
    const files = unzipSync(bundleZip);
    const meta = JSON.parse(new TextDecoder().decode(files['bundle.json']));
    expect(meta.drift).toBeDefined();
  });

  it('edits the model card, which the exported bundle then carries, and downloads it as HTML', async () => {
    const { page } = suite.studio;
    await page.getByText('Model card', { exact: true }).click();
    const card = page.getByLabel('Model card (Markdown)');
    await expect.poll(() => card.inputValue(), { timeout: 20_000 }).toMatch(/^# Model card: .* predicting Species/);
    const edited = (await card.inputValue()).replace('## Intended use', '## Intended use\n\nFor the <script>alert(1)</script> field team only.');
    await card.fill(edited);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model' }).click()]);
    const files = unzipSync(new Uint8Array(await readDownload(download)));
    expect(new TextDecoder().decode(files['model-card.md'])).toContain('For the <script>alert(1)</script> field team only.');
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download model card (HTML)' }).click()]);
    const page2 = (await readDownload(html)).toString('utf8');
    expect(page2).toContain('For the &lt;script&gt;alert(1)&lt;/script&gt; field team only.');
    expect(page2).not.toContain('<script>');
  });

  it('predicts a new CSV in the page, says what it did about its columns, and matches the CLI', async () => {
    const { page } = suite.studio;
    const csv = newPenguins();
    await uploadFile(page, 'Predict CSV', 'new-penguins.csv', csv);
    const table = page.getByRole('table', { name: 'Predictions', exact: true });
    await table.waitFor();
    await page.getByText('Predictions for new-penguins.csv: 40 rows').waitFor();
    const notes = await page.getByRole('list', { name: 'Prediction notes' }).textContent();
    expect(notes).toContain('Atlantis');
    expect(notes).toContain('Notes');
    const header = await table.getByRole('columnheader').allTextContents();
    expect(header.slice(-4)).toEqual(['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download predictions' }).click()]);
    const downloaded = (await readDownload(download)).toString('utf8');
    const lines = downloaded.trim().split('\n');
    expect(lines).toHaveLength(41);
    // The formula-like cell is escaped; numbers are not.
    expect(downloaded).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const fromPage = lines.slice(1).map((line) => line.split(',').slice(-4));
    const fromCli = (await cliPredictions(bundleZip, csv)).slice(1);
    expect(fromPage).toEqual(fromCli);
    // The same bundle served as a REST API predicts the same values.
    expect(await servedPredictions(bundleZip, csv)).toEqual(fromCli);
    const times = await page.evaluate(() => performance.getEntriesByName('predict').length);
    expect(times).toBeGreaterThan(0);
  });

  it('updates the what-if prediction as values change', async () => {
    const { page } = suite.studio;
    const form = page.getByRole('form', { name: 'What if' });
    await form.getByLabel('Island').selectOption('Biscoe');
    await form.getByLabel('Flipper Length (mm)').fill('230');
    await form.getByLabel('Body Mass (g)').fill('5500');
    const output = page.getByLabel('What-if prediction');
    await expect.poll(() => output.textContent(), { timeout: 10_000 }).toMatch(/Species: Gentoo/);
    await form.getByLabel('Island').selectOption('Torgersen');
    await form.getByLabel('Flipper Length (mm)').fill('180');
    await form.getByLabel('Body Mass (g)').fill('3400');
    await form.getByLabel('Beak Length (mm)').fill('38');
    await expect.poll(() => output.textContent(), { timeout: 10_000 }).toMatch(/Species: Adelie/);
  });

  it('checks drift: a shifted copy drifts, a sample of the same data is stable', async () => {
    const { page } = suite.studio;
    const [header, ...rows] = penguins.trim().split('\n');
    const flipper = header.split(',').indexOf('Flipper Length (mm)');
    const shifted = [header, ...rows.map((row) => {
      const cells = row.split(',');
      if (cells[flipper] !== '' && cells[flipper] !== 'NA') cells[flipper] = String(Number(cells[flipper]) + 25);
      return cells.join(',');
    })].join('\n') + '\n';
    await uploadFile(page, 'Check drift', 'shifted.csv', shifted);
    const summary = page.getByLabel('Drift summary');
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toMatch(/^shifted\.csv .*: drift\./);
    const byColumn = page.getByRole('table', { name: 'Drift by column' });
    expect(await byColumn.getByRole('row', { name: /Flipper Length/ }).getByRole('cell').first().textContent()).toBe('drift');
    expect(await byColumn.getByRole('row', { name: /Island/ }).getByRole('cell').first().textContent()).toBe('stable');
    await page.getByRole('img', { name: /Distribution of Flipper Length \(mm\)/ }).waitFor();

    // A seeded random half: the file is ordered (by species, and female/male in turn), so every other row would be biased.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const sample = [header, ...rows.filter(() => random() < 0.5)].join('\n') + '\n';
    await uploadFile(page, 'Check drift', 'sample.csv', sample);
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toMatch(/^sample\.csv .*: stable\./);
  });

  it('refuses a damaged bundle with a sentence naming the file, and keeps the model', async () => {
    const { page } = suite.studio;
    await uploadFile(page, 'Import model', 'broken.zip', bundleZip.slice(0, 200));
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.first().textContent()).toMatch(/"broken\.zip" could not be imported/);
    await expect(page.getByText('trained in this page').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Dismiss' }).click().catch(() => undefined);
  });

  it('imports a bundle dropped on the page, predicts with it, and keeps it after a reload', async () => {
    const { page } = suite.studio;
    await dropFile(page, 'penguins-model.zip', bundleZip);
    await page.getByText('imported from penguins-model.zip').waitFor();
    const csv = newPenguins();
    await uploadFile(page, 'Predict CSV', 'again.csv', csv);
    await page.getByText('Predictions for again.csv: 40 rows').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download predictions' }).click()]);
    const lines = (await readDownload(download)).toString('utf8').trim().split('\n');
    const fromCli = (await cliPredictions(bundleZip, csv)).slice(1);
    expect(lines.slice(1).map((line) => line.split(',').slice(-4))).toEqual(fromCli);

    await page.reload();
    await page.getByText('344 rows', { exact: true }).waitFor();
    await page.getByText('imported from penguins-model.zip').waitFor();
  });

  it('keeps a history of models, retrains on new data, compares and restores', async () => {
    const { page } = suite.studio;
    await page.getByRole('button', { name: 'Use trained model' }).click();
    const versions = page.getByRole('table', { name: 'Versions' });
    await versions.getByText(/for Species/).first().waitFor();
    const before = await page.getByRole('table', { name: 'Leaderboard' }).textContent();

    // Retrain on the Torgersen and Biscoe penguins only: the same settings, new data.
    const subset = penguins.trim().split('\n').filter((line, i) => i === 0 || !line.includes(',Dream,')).join('\n') + '\n';
    await uploadFile(page, 'Retrain on new data', 'penguins-subset.csv', subset);
    await page.getByText(`${subset.trim().split('\n').length - 1} rows`).first().waitFor({ timeout: 60_000 });
    await page.getByText(/^Trained \d+ models?/).waitFor({ timeout: 120_000 });
    const comparison = page.getByRole('table', { name: 'Version comparison' });
    await comparison.waitFor({ timeout: 20_000 });
    expect(await comparison.getByRole('columnheader').count()).toBe(3);
    expect(await comparison.textContent()).toContain('penguins-subset.csv');

    // Restore the first model: its dataset and leaderboard come back.
    const restoreButtons = versions.getByRole('button', { name: /^Restore .* for Species/ });
    await restoreButtons.last().click();
    await page.getByText('344 rows', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByText(/^Restored /).waitFor();
    expect(await page.getByRole('table', { name: 'Leaderboard' }).textContent()).toBe(before);
  });

  it('exports the whole project and imports it in another browser profile', async () => {
    const { page, browser } = suite.studio;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export project' }).click()]);
    const projectZip = await readDownload(download);
    expect(download.suggestedFilename()).toMatch(/\.project\.zip$/);
    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      await other.goto(`${suite.studio.baseUrl}?example=none`);
      await other.getByText('Load a CSV file or open an example to start.').waitFor();
      await other.getByLabel('Import project').setInputFiles({ name: 'shared.project.zip', mimeType: 'application/zip', buffer: projectZip });
      await other.getByText('344 rows', { exact: true }).waitFor({ timeout: 60_000 });
      await other.getByRole('table', { name: 'Leaderboard' }).waitFor();
      expect(await other.getByRole('table', { name: 'Versions' }).getByRole('row').count()).toBeGreaterThanOrEqual(4);
    } finally {
      await context.close();
    }
  });
});
