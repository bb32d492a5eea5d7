import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import type { Browser } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import { cspViolations, launchBrowser, measures, newStudioPage, readDownload, uploadFile, type Studio } from './harness';

const quietIO = { stdout: () => undefined, stderr: () => undefined };

/** The first journey of a new user: example -> target -> train -> metrics -> export. */
describe('first journey', () => {
  let browser: Browser;
  let studio: Studio;

  beforeAll(async () => {
    browser = await launchBrowser();
    studio = await newStudioPage(browser);
  });
  afterAll(async () => {
    await studio?.close();
    await browser?.close();
  });

  it('opens the penguins example on a first visit and shows its size', async () => {
    const { page } = studio;
    await page.getByText('344 rows', { exact: true }).waitFor();
    await expect(page.getByText('7 columns').count()).resolves.toBeGreaterThan(0);
    expect(await page.getByLabel('Target', { exact: true }).inputValue()).toBe('Species');
    expect(await page.getByLabel('Task', { exact: true }).inputValue()).toBe('classification');
    expect(await page.getByRole('grid').getByRole('columnheader').count()).toBe(7);
  });

  it('trains every model for the task in a worker and shows a cross-validated leaderboard and held-out metrics', async () => {
    const { page } = studio;
    // Untuned, so the leaderboard does not depend on this machine's speed (tuning stops at the time budget).
    await page.getByLabel('Tuning', { exact: true }).selectOption('none');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // A pool of workers, one per core (2 here): two models train at once.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores >= 2) await page.getByText(/^Training .+\), .+\); \d of 9 models done\.$/).waitFor({ timeout: 60_000 });
    await page.getByText(/Trained 9 models/).waitFor({ timeout: 120_000 });
    const metrics = page.getByRole('table', { name: 'Metrics' });
    const accuracyText = await metrics.getByRole('row', { name: /^Accuracy/ }).getByRole('cell').textContent();
    expect(Number(accuracyText)).toBeGreaterThan(0.9);
    const leaderboard = page.getByRole('table', { name: 'Leaderboard' });
    const rows = leaderboard.getByRole('row');
    expect(await rows.count()).toBe(10); // header + nine classifiers
    const text = await leaderboard.textContent();
    const classifiers = ['Logistic regression', 'Gradient boosting', 'Random forest', 'Extra trees', 'Decision tree', 'k-nearest neighbours', 'Naive Bayes (Gaussian)', 'Naive Bayes (categorical)', 'Linear SVM'];
    for (const model of classifiers) expect(text).toContain(model);
    expect(text).toMatch(/5-fold cross-validated Accuracy/);
    await expect(page.getByText(/Neural network was left out/).count()).resolves.toBe(1);
    // Best first by the cross-validated mean, shown as "mean ± std".
    const cvMeans: number[] = [];
    for (let i = 1; i < 10; i++) {
      const cell = await rows.nth(i).getByRole('cell').nth(2).textContent();
      expect(cell).toMatch(/^\d\.\d{4} ± \d\.\d{4}$/);
      cvMeans.push(Number(cell!.split(' ')[0]));
    }
    expect(cvMeans).toEqual([...cvMeans].sort((a, b) => b - a));

    const times = await measures(page);
    for (const stage of ['ingest', 'profile', 'train', 'evaluate']) expect(times[stage], stage).toBeGreaterThan(0);
  });

  it('exports the model bundle as a zip with bundle.json, model.json and a model card', async () => {
    const { page } = studio;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(await readDownload(download)));
    expect(Object.keys(files).sort()).toEqual(expect.arrayContaining(['bundle.json', 'model-card.md', 'model.json']));
    const bundle = JSON.parse(strFromU8(files['bundle.json']));
    expect(bundle.target).toBe('Species');
    expect(bundle.task).toBe('classification');
    expect(bundle.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);

    // The downloaded bundle works headless: the CLI predicts every row of the example with it.
    const dir = mkdtempSync(join(tmpdir(), 'studio-bundle-'));
    try {
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
      const out = join(dir, 'predictions.csv');
      const code = await runCli(['predict', '--model', dir, '--data', 'public/examples/penguins.csv', '--out', out], quietIO);
      expect(code).toBe(0);
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines[0]).toMatch(/^prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo/);
      expect(lines).toHaveLength(345);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the same leaderboard and held-out metrics as the CLI trained with the same seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-cli-'));
    try {
      const code = await runCli(['train', '--data', 'public/examples/penguins.csv', '--target', 'Species', '--out', join(dir, 'model'), '--seed', '0', '--search', 'none'], quietIO);
      expect(code).toBe(0);
      const metrics = JSON.parse(readFileSync(join(dir, 'model', 'metrics.json'), 'utf8'));
      const table = studio.page.getByRole('table', { name: 'Metrics' });
      const shown = async (label: string) => Number(await table.getByRole('row', { name: new RegExp(`^${label}`) }).getByRole('cell').textContent());
      expect(await shown('Accuracy')).toBeCloseTo(metrics.holdout.accuracy, 4);
      expect(await shown('Log loss')).toBeCloseTo(metrics.holdout.log_loss, 3);
      expect(await shown('F1')).toBeCloseTo(metrics.holdout.f1_macro, 4);
      const leaderboard = studio.page.getByRole('table', { name: 'Leaderboard' });
      const rows = leaderboard.getByRole('row');
      for (const [i, entry] of metrics.leaderboard.entries()) {
        const cells = rows.nth(i + 1).getByRole('cell');
        expect(Number((await cells.nth(2).textContent())!.split(' ')[0])).toBeCloseTo(entry.cv.accuracy, 4);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('measured the TensorFlow.js backends, and trains on the one the person picks instead', async () => {
    const { page } = studio;
    // The automatic choice names every backend's benchmark (WebGPU and WebGL may be unavailable).
    await expect(page.getByText(/TensorFlow\.js backend: \w+, fastest in a short benchmark here: .*wasm [\d.]+ ms.*cpu [\d.]+ ms/).count()).resolves.toBe(1);
    await page.getByLabel('Backend', { exact: true }).selectOption('cpu');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // The last run's "Trained 9 models" is on screen until this run starts.
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    await page.getByText(/Trained 9 models/).waitFor({ timeout: 120_000 });
    const row = page.getByRole('table', { name: 'Leaderboard' }).getByRole('row', { name: /Logistic regression/ });
    await expect(row.getByRole('cell').last().textContent()).resolves.toBe('cpu');
    const treeRow = page.getByRole('table', { name: 'Leaderboard' }).getByRole('row', { name: /Random forest/ });
    await expect(treeRow.getByRole('cell').last().textContent()).resolves.toBe('not used');
    await page.getByLabel('Backend', { exact: true }).selectOption('auto');
  });

  it('adds the neural network with the layers the person picks, and shows each model\'s key parameters', async () => {
    const { page } = studio;
    await page.getByLabel('Tuning', { exact: true }).selectOption('none');
    await page.getByLabel('Neural network', { exact: true }).check();
    await page.getByLabel('Layers preset').selectOption('32');
    await page.getByLabel('Hidden layers').fill('16,8');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/Trained 10 models/).waitFor({ timeout: 240_000 });
    const row = page.getByRole('table', { name: 'Leaderboard' }).getByRole('row', { name: /Neural network/ });
    await expect(row.getByRole('cell').nth(5).textContent()).resolves.toBe('hiddenLayers 16,8');
    await page.getByLabel('Neural network', { exact: true }).uncheck();
  }, 300_000);

  it('tunes every model by random search within the time budget', async () => {
    const { page } = studio;
    await page.getByLabel('Tuning', { exact: true }).selectOption('random');
    await page.getByLabel('Time budget (seconds)').fill('20');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/\(tuning, trial \d+\)/).first().waitFor({ timeout: 60_000 });
    await page.getByText(/Trained 9 models/).waitFor({ timeout: 180_000 });
    const rows = page.getByRole('table', { name: 'Leaderboard' }).getByRole('row');
    for (let i = 1; i < 10; i++) {
      // Rank, model, CV, held-out, tuning, ...: each model says how it was tuned.
      await expect(rows.nth(i).getByRole('cell').nth(4).textContent()).resolves.toMatch(/^random search, \d+ trials?/);
    }
  });

  it('made no request to any host but its own, raised no page errors and broke no CSP rule', async () => {
    expect(studio.externalRequests).toEqual([]);
    expect(studio.pageErrors).toEqual([]);
    expect(await cspViolations(studio.page)).toEqual([]);
    const csp = await studio.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
  });
});

describe('column types', () => {
  it('lets the user override an inferred type and shows the change', async () => {
    const browser = await launchBrowser();
    const studio = await newStudioPage(browser);
    try {
      const { page } = studio;
      await uploadFile(page, 'Upload CSV', 'zip.csv', 'zip,city,score\n00501,Holtsville,1\n02134,Boston,2\n10001,New York,3\n');
      await page.getByText('3 rows', { exact: true }).waitFor();
      const zipType = page.getByRole('combobox', { name: 'Column type' }).first();
      expect(await zipType.inputValue()).not.toBe('numeric');
      expect(await page.getByRole('gridcell').first().textContent()).toBe('00501');
      const scoreType = page.getByRole('combobox', { name: 'Column type' }).nth(2);
      expect(await scoreType.inputValue()).toBe('numeric');
      await scoreType.selectOption('categorical');
      await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Column type"]')[2] instanceof HTMLSelectElement && (document.querySelectorAll('select[aria-label="Column type"]')[2] as HTMLSelectElement).value === 'categorical');
      expect(studio.pageErrors).toEqual([]);
    } finally {
      await studio.close();
      await browser.close();
    }
  });
});

describe('the data grid', () => {
  it('scrolls to the last of 300,000 rows, rendering only the rows in view', async () => {
    const browser = await launchBrowser();
    const studio = await newStudioPage(browser, { path: '?example=none' });
    try {
      const { page } = studio;
      const lines = ['id,value'];
      for (let i = 0; i < 300_000; i++) lines.push(`r${i},${i}`);
      await uploadFile(page, 'Upload CSV', 'long.csv', lines.join('\n') + '\n');
      await page.getByText('300000 rows', { exact: true }).waitFor();
      const grid = page.getByRole('grid');
      expect(await grid.getAttribute('aria-rowcount')).toBe('300001');
      await grid.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.getByRole('gridcell', { name: 'r299999', exact: true }).waitFor();
      expect(await page.getByRole('row').count()).toBeLessThan(60);
    } finally {
      await studio.close();
      await browser.close();
    }
  });
});
