import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import type { Browser } from 'playwright-core';
import { launchBrowser, measures, newStudioPage, readDownload, type Studio } from './harness';

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
    await page.getByText('344 rows').waitFor();
    await expect(page.getByText('7 columns').count()).resolves.toBeGreaterThan(0);
    expect(await page.getByLabel('Target').inputValue()).toBe('Species');
    expect(await page.getByLabel('Task').inputValue()).toBe('classification');
    expect(await page.getByRole('grid').getByRole('columnheader').count()).toBe(7);
  });

  it('trains a logistic regression in a worker and shows a leaderboard and held-out metrics', async () => {
    const { page } = studio;
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const metrics = page.getByRole('table', { name: 'Metrics' });
    await metrics.waitFor({ timeout: 120_000 });
    const accuracyText = await metrics.getByRole('row', { name: /^Accuracy/ }).getByRole('cell').textContent();
    expect(Number(accuracyText)).toBeGreaterThan(0.9);
    const leaderboard = page.getByRole('table', { name: 'Leaderboard' });
    expect(await leaderboard.getByRole('row').count()).toBe(2); // header + one model
    await expect(leaderboard.textContent()).resolves.toMatch(/Logistic regression/);
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
  });

  it('made no request to any host but its own, and raised no page errors', () => {
    expect(studio.externalRequests).toEqual([]);
    expect(studio.pageErrors).toEqual([]);
  });
});
