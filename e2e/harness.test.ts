/** Self-test of the e2e harness against a small fixture page (independent of the app build). */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { dropFile, launchBrowser, measures, newStudioPage, readDownload, uploadFile } from './harness';
import { startStaticServer, type StaticServer } from './staticServer';

describe('e2e harness', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startStaticServer({ root: fileURLToPath(new URL('./fixtures/harness/', import.meta.url)) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads, drops and downloads in-memory files and reads performance measures', async () => {
    const studio = await newStudioPage(browser, { baseUrl: server.url });
    try {
      const { page } = studio;
      expect(await page.title()).toBe('Harness fixture');
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);

      await uploadFile(page, 'Data file', 'iris.csv', 'x,y\n1,2\n');
      await expect.poll(() => page.locator('#picked').textContent()).toBe('iris.csv|text/csv|8|x,y\n1,2\n');

      await dropFile(page, 'drop.json', Buffer.from('{"é":1}'));
      await expect.poll(() => page.locator('#dropped').textContent()).toBe('drop.json|application/json|8|{"é":1}');

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      expect(download.suggestedFilename()).toBe('result.csv');
      expect((await readDownload(download)).toString('utf8')).toBe('a,b\n1,2\n');

      expect(Object.keys(await measures(page))).toEqual(['fixture:boot']);
      expect(studio.externalRequests).toEqual([]);
      expect(studio.pageErrors).toEqual([]);
      expect(studio.consoleErrors).toEqual([]);
    } finally {
      await studio.close();
    }
  });

  it('records and aborts requests to other origins', async () => {
    const studio = await newStudioPage(browser, { baseUrl: server.url });
    try {
      const { page } = studio;
      await page.locator('#fetched').evaluate((element) => {
        element.dataset.url = 'https://example.com/tracker.gif';
      });
      await page.click('#external');
      await expect.poll(() => page.locator('#fetched').textContent()).toBe('blocked');
      expect(studio.externalRequests).toEqual(['https://example.com/tracker.gif']);
    } finally {
      await studio.close();
    }
  });

  it('can take the page offline after loading it', async () => {
    const studio = await newStudioPage(browser, { baseUrl: server.url, offline: true });
    try {
      expect(await studio.page.evaluate(() => navigator.onLine)).toBe(false);
      expect(await studio.page.title()).toBe('Harness fixture');
    } finally {
      await studio.close();
    }
  });

  it('serves only what is under the root, with the right headers and MIME types', async () => {
    const get = (path: string) => fetch(new URL(path, server.url));
    const index = await get('');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(index.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(index.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get('fixture.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('missing.wasm')).status).toBe(404);
    expect((await get('%2e%2e/%2e%2e/harness.ts')).status).toBe(404);
    expect((await get('..%2f..%2fharness.ts')).status).toBe(404);
    expect((await fetch(new URL('/fixture.js', server.url))).status).toBe(404);
  });
});
