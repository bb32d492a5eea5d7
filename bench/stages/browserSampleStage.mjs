#!/usr/bin/env node
/**
 * The streaming stage in the browser: a file over the 1.5 GB the page reads whole, sampled in the page.
 * Run by bench/run.mjs as `node bench/stages/browserSampleStage.mjs <file.csv> <fileRows> [dist]`; prints one
 * JSON line.
 *
 * Serves dist/ as browserStage.mjs does, picks the file in "Upload CSV" by its path (Chromium reads it from
 * disk), waits for the alert that refuses to read it whole, and presses its "Import a random sample" button:
 * the ingest worker streams the file (File.stream()) into a seeded reservoir sample and reads the sample. The
 * sample's size is what the page can spare (navigator.deviceMemory, at most 1,000,000 rows). Reports the
 * app's `ingest` measure of the sampled read (from the press to the table painted), the rows kept and the
 * file's, and the peak resident memory of the Chromium process tree over the idle page, as browserStage.mjs
 * measures it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/serve-static.mjs';
import { CHROMIUM_ARGS, memorySampler, runIfMain } from './browserStage.mjs';

const STAGE_TIMEOUT_MS = Number(process.env.BENCH_BROWSER_TIMEOUT_MS) || 600_000;

async function main() {
  const [file, fileRowsArg, distArg = 'dist'] = process.argv.slice(2);
  const fileRows = Number(fileRowsArg);
  if (!file || !Number.isInteger(fileRows)) throw new Error('usage: browserSampleStage.mjs <file.csv> <fileRows> [dist]');
  const dist = resolve(distArg);
  if (!existsSync(resolve(dist, 'index.html'))) throw new Error(`no production build in ${dist} (run \`npx vite build\`)`);
  const server = await startStaticServer({ root: dist });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/?example=none`);
    await page.waitForSelector('html[data-studio-ready="true"]', { state: 'attached' });
    await page.waitForTimeout(2000);
    const sampler = memorySampler();
    const baselineResidentKB = sampler.peakSoFar();
    let peakResidentKB = 0;
    try {
      await page.getByLabel('Upload CSV').setInputFiles(file);
      const button = page.getByRole('alert').getByRole('button', { name: 'Import a random sample' });
      await button.waitFor({ timeout: 60_000 });
      await button.click();
      const fileRowsText = fileRows.toLocaleString('en-US');
      await page.getByText(`a random sample of the file's ${fileRowsText} rows`, { exact: false }).waitFor({ timeout: STAGE_TIMEOUT_MS });
    } finally {
      peakResidentKB = sampler.stop();
    }
    const seen = await page.evaluate(() => ({
      ingest: performance
        .getEntriesByName('ingest', 'measure')
        .map((e) => ({ duration: e.duration, detail: e.detail ?? null }))
        .pop(),
      rowsText: document.querySelector('.dataset-size span')?.textContent ?? '',
    }));
    console.log(
      JSON.stringify({
        stage: 'browser-sample',
        chromium: browser.version(),
        ingestMs: seen.ingest?.duration ?? null,
        rows: Number(seen.rowsText.replace(/\D/g, '')),
        fileRows,
        baselineResidentKB,
        peakResidentKB,
        pageErrors,
      }),
    );
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

runIfMain(import.meta.url, main);
