import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { dropFile, launchBrowser, newStudioPage, type Studio } from './harness';

/** Autosave: a reload brings the person back where they were. */
describe('work survives a reload', () => {
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

  it('restores a dropped file, the chosen target and the last results', async () => {
    const { page } = studio;
    await page.getByText('344 rows', { exact: true }).waitFor();
    const rows = ['x,y,label'];
    for (let i = 0; i < 200; i++) rows.push(`${i % 17},${(i * 7) % 13},${i % 17 > 8 ? 'high' : 'low'}`);
    await dropFile(page, 'dropped.csv', rows.join('\n') + '\n');
    await page.getByText('200 rows', { exact: true }).waitFor();
    await page.getByLabel('Target', { exact: true }).selectOption('label');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByRole('table', { name: 'Metrics' }).waitFor({ timeout: 120_000 });
    await page.getByText('All changes saved in this browser').waitFor();

    await page.reload();
    await page.getByText('200 rows', { exact: true }).waitFor();
    expect(await page.getByLabel('Target', { exact: true }).inputValue()).toBe('label');
    await page.getByRole('table', { name: 'Metrics' }).waitFor();
    expect(await page.getByText('dropped.csv').count()).toBeGreaterThan(0);
  });

  it('stops a long training run with Stop and keeps the page working', async () => {
    const { page } = studio;
    const rows = ['a,b,c,d,e,target'];
    for (let i = 0; i < 60_000; i++) {
      const a = (i * 37) % 101, b = (i * 11) % 53, c = (i * 7) % 29, d = (i * 3) % 17, e = i % 13;
      rows.push(`${a},${b},${c},${d},${e},${a + 2 * b - c + (i % 5)}`);
    }
    await dropFile(page, 'long.csv', rows.join('\n') + '\n');
    await page.getByText('60000 rows', { exact: true }).waitFor();
    await page.getByLabel('Target', { exact: true }).selectOption('target');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText(/Training was stopped/).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);
    expect(studio.pageErrors).toEqual([]);
    expect(studio.externalRequests).toEqual([]);
  });
});

describe('a reload during training', () => {
  it('brings the project back and marks the interrupted run', async () => {
    const browser = await launchBrowser();
    const studio = await newStudioPage(browser);
    try {
      const { page } = studio;
      const rows = ['a,b,c,target'];
      for (let i = 0; i < 60_000; i++) rows.push(`${(i * 37) % 101},${(i * 11) % 53},${(i * 7) % 29},${(i * 13) % 97}`);
      await dropFile(page, 'interrupted.csv', rows.join('\n') + '\n');
      await page.getByText('60000 rows', { exact: true }).waitFor();
      await page.getByLabel('Target', { exact: true }).selectOption('target');
      await page.getByText('All changes saved in this browser').waitFor();
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.getByRole('button', { name: 'Stop' }).waitFor();
      await page.getByText('All changes saved in this browser').waitFor();
      await page.reload();
      await page.getByText('60000 rows', { exact: true }).waitFor();
      await page.getByText(/Training was interrupted/).waitFor();
      expect(await page.getByLabel('Target', { exact: true }).inputValue()).toBe('target');
      expect(await page.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);
    } finally {
      await studio.close();
      await browser.close();
    }
  });
});
