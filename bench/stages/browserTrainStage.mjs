#!/usr/bin/env node
/**
 * AutoML on a big file in the browser: does it finish within its time budget, and how much memory does the tab take?
 * `node bench/stages/browserTrainStage.mjs <file.csv> <rows> <target> [dist]`; prints one JSON line.
 *
 * Serves dist/ like browserStage.mjs, uploads the file, picks the target, presses Train with the default settings
 * (AutoML, 60 s budget), and waits for "Trained N models" (or a failure alert). Reports the wall time from the click
 * to the leaderboard, the models trained, and the peak resident memory (anonymous + shared) of Chromium's whole process tree while it ran.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/serve-static.mjs';
import { CHROMIUM_ARGS, memorySampler, runIfMain, treeResidentKB } from './browserStage.mjs';

const TIMEOUT_MS = Number(process.env.BENCH_BROWSER_TIMEOUT_MS) || 900_000;

async function main() {
  const [file, rowsArg, target, distArg = 'dist'] = process.argv.slice(2);
  const rows = Number(rowsArg);
  if (!file || !Number.isInteger(rows) || !target) throw new Error('usage: browserTrainStage.mjs <file.csv> <rows> <target> [dist]');
  const dist = resolve(distArg);
  if (!existsSync(resolve(dist, 'index.html'))) throw new Error(`no production build in ${dist} (run \`npx vite build\`)`);
  const server = await startStaticServer({ root: dist });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const origin = new URL(server.url).origin;
    // The service worker would download the whole build in the background while the stage is measured.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await page.goto(new URL('?example=none', server.url).href, { waitUntil: 'load' });
    const baselineResidentKB = treeResidentKB();
    const sampler = memorySampler(250);
    let outcome;
    let trainMs = null;
    try {
      await page.getByLabel('Upload CSV').setInputFiles(file);
      await page.getByText(`${rows} rows`, { exact: true }).waitFor({ timeout: TIMEOUT_MS });
      await page.getByLabel('Target', { exact: true }).selectOption(target);
      const started = performance.now();
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      const done = page.getByText(/Trained \d+ models?/);
      const failed = page.getByRole('alert').filter({ hasText: /could not|failed|stopped/i });
      await Promise.race([done.first().waitFor({ timeout: TIMEOUT_MS }), failed.first().waitFor({ timeout: TIMEOUT_MS })]);
      trainMs = performance.now() - started;
      outcome = (await done.count()) > 0 ? await done.first().textContent() : `failed: ${await failed.first().textContent()}`;
    } catch (error) {
      outcome = crashed ? 'the tab crashed' : `error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
    const peakResidentKB = sampler.stop();
    const leaderboard = await page
      .getByRole('table', { name: 'Leaderboard' })
      .textContent({ timeout: 2000 })
      .catch(() => null);
    console.log(
      JSON.stringify({
        rows,
        outcome,
        trainSeconds: trainMs === null ? null : Math.round(trainMs / 100) / 10,
        baselineMB: Math.round(baselineResidentKB / 1024),
        peakMB: Math.round(peakResidentKB / 1024),
        leaderboard: leaderboard?.replace(/\s+/g, ' ').slice(0, 600) ?? null,
        pageErrors,
      }),
    );
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

runIfMain(import.meta.url, main);
