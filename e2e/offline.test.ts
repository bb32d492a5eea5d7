/**
 * Offline after the first visit (reliability notes §5.6, "Offline"): "no network needed" is a
 * promise. The build is opened once; once the page says "Available offline", the server is shut
 * down and the browser taken offline, and the studio must still reload, open an example (a file
 * it has never fetched), train (workers and the WebAssembly binaries it has never loaded either),
 * evaluate and export, with every request answered by its service worker and none failing.
 *
 * This test serves the build itself (the shared server of e2e/globalSetup.ts must stay up for
 * the other test files) from the same folder, under the same `/studio/` path.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspViolations, launchBrowser, newStudioPage, readDownload, waitUntilAvailableOffline } from './harness';
import { startStaticServer, type StaticServer } from './staticServer';

const distDir = process.env.STUDIO_DIST ? resolve(process.env.STUDIO_DIST) : fileURLToPath(new URL('../dist/', import.meta.url));

/** The files the service worker must hold: the whole app build (the predictor is a separate download). */
function buildFiles(dir = distDir): string[] {
  const files = readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? buildFiles(path) : [relative(distDir, path).split(sep).join('/')];
  });
  return files.filter((file) => file !== 'service-worker.js' && !file.startsWith('predictor/')).sort();
}

describe('offline after the first visit', () => {
  let server: StaticServer | undefined;
  let browser: Browser;

  beforeAll(async () => {
    server = await startStaticServer({ root: distDir, basePath: '/studio/' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reloads, opens an example, trains, evaluates and exports with the server gone and the browser offline', async () => {
    const studio = await newStudioPage(browser, { baseUrl: server!.url });
    try {
      const { page, context } = studio;
      await page.getByText('344 rows', { exact: true }).waitFor();
      // Told once the service worker holds every file of the build; it then controls the page.
      await waitUntilAvailableOffline(page);
      const stored = await page.evaluate(async () => {
        const name = (await caches.keys()).find((key) => key.startsWith('studio-precache-'));
        const keys = name ? await (await caches.open(name)).keys() : [];
        return keys.map((request) => new URL(request.url).pathname).sort();
      });
      const files = buildFiles();
      expect(files).toEqual(expect.arrayContaining(['index.html', 'favicon.svg', 'examples/cars.csv']));
      expect(files.some((file) => /^assets\/train\.worker-.*\.js$/.test(file))).toBe(true);
      expect(files.some((file) => file.endsWith('.wasm'))).toBe(true);
      expect(stored).toEqual(files.map((file) => `/studio/${file}`));

      // No network at all from here on: no server, and the browser offline.
      await server!.close();
      server = undefined;
      await context.setOffline(true);
      const failed: string[] = [];
      const notFromWorker: string[] = [];
      const fromWorker: string[] = [];
      context.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText})`));
      context.on('response', (response) => {
        const url = response.url();
        if (response.fromServiceWorker()) fromWorker.push(new URL(url).pathname);
        else if (!url.startsWith('blob:') && !url.startsWith('data:')) notFromWorker.push(url);
      });

      await page.reload();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      // The saved project is back, and the worker's headers keep the page cross-origin isolated.
      await page.getByText('344 rows', { exact: true }).waitFor();
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
      await waitUntilAvailableOffline(page, 30_000);

      // An example this browser has never loaded: it comes from the worker's copy of the build.
      await page.getByRole('button', { name: 'Example: Cars' }).click();
      await page.getByText('406 rows', { exact: true }).waitFor();
      await page.getByLabel('Tuning', { exact: true }).selectOption('none');
      await page.getByLabel('Time budget (seconds)').fill('1');
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.getByText(/^Trained \d+ models?/).waitFor({ timeout: 150_000 });
      const rows = page.getByRole('table', { name: 'Leaderboard' }).getByRole('row');
      expect(await rows.count()).toBeGreaterThan(1);
      await page.getByRole('region', { name: 'Evaluation' }).waitFor();
      await expect(page.getByLabel('Fit verdict').textContent()).resolves.toMatch(/^(good fit|overfitting|underfitting|unclear): /);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model' }).click()]);
      const zip = unzipSync(new Uint8Array(await readDownload(download)));
      expect(JSON.parse(strFromU8(zip['bundle.json'])).target).toBe('Miles_per_Gallon');

      // The page, the example, a training worker and a WebAssembly binary all came from the worker's copy.
      expect(fromWorker).toEqual(expect.arrayContaining(['/studio/', '/studio/examples/cars.csv']));
      expect(fromWorker.some((path) => /\/train\.worker-.*\.js$/.test(path))).toBe(true);
      expect(fromWorker.some((path) => path.endsWith('.wasm'))).toBe(true);
      expect(failed).toEqual([]);
      expect(notFromWorker).toEqual([]);
      expect(studio.pageErrors).toEqual([]);
      expect(studio.externalRequests).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await studio.close();
    }
  }, 300_000);
});
