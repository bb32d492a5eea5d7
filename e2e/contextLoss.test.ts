/**
 * WebGL context loss mid-training (reliability notes T1, and §5.6 "WebGL context loss"): a real
 * loss, `WEBGL_lose_context.loseContext()` on the context TensorFlow.js computes on, while the
 * neural network trains on WebGL. The studio must not go on training garbage: the run stops with
 * "GPU context lost at epoch N", the model is trained again on another backend and finishes, and
 * the rest of the app keeps working.
 *
 * Headless Chromium renders WebGL in software (SwiftShader); the person's explicit choice of
 * WebGL lets TensorFlow.js use it (SOFTWARE_WEBGL_ENABLED). The loss is injected by the training
 * worker's test hook (src/workers/testFaults.ts), which acts only when a test has set
 * `self.__studioTestFaults` inside the worker: Playwright's `worker.evaluate` does that here,
 * as each training worker starts. The hook runs as the chosen epoch is reported.
 */
import { unzipSync } from 'fflate';
import type { Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser, newStudioPage, readDownload } from './harness';

const LOSE_AT_EPOCH = 3;

describe('WebGL context loss', () => {
  it('stops the neural network at the epoch its context was lost, says so, and trains it again on another backend', async () => {
    const browser = await launchBrowser();
    const studio = await newStudioPage(browser);
    try {
      const { page } = studio;
      const armed: Promise<void>[] = [];
      page.on('worker', (worker: Worker) => {
        if (!/\/train\.worker-[^/]*\.js$/.test(worker.url())) return;
        armed.push(
          worker.evaluate((epoch) => {
            (self as unknown as { __studioTestFaults: unknown }).__studioTestFaults = { loseWebglContext: { model: 'neural_network', epoch } };
          }, LOSE_AT_EPOCH),
        );
      });
      await page.getByText('344 rows', { exact: true }).waitFor();
      await page.getByLabel('Tuning', { exact: true }).selectOption('none');
      await page.getByLabel('Backend', { exact: true }).selectOption('webgl');
      await page.getByLabel('Neural network', { exact: true }).check();
      await page.getByLabel('Layers preset').selectOption('32');
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      const status = page.getByText(/^Trained 10 models\./);
      await status.waitFor({ timeout: 280_000 });
      await Promise.all(armed);
      expect(armed.length).toBeGreaterThan(0);

      const message = await status.textContent();
      expect(message).toContain(`GPU context lost at epoch ${LOSE_AT_EPOCH} while training Neural network on webgl, so Neural network was trained again from the start on wasm.`);
      const leaderboard = page.getByRole('table', { name: 'Leaderboard' });
      // The network finished on WebAssembly; the other TensorFlow.js model stayed on WebGL, which worked.
      await expect(leaderboard.getByRole('row', { name: /Neural network/ }).getByRole('cell').last().textContent()).resolves.toBe('wasm');
      await expect(leaderboard.getByRole('row', { name: /Logistic regression/ }).getByRole('cell').last().textContent()).resolves.toBe('webgl');
      const accuracy = Number(await leaderboard.getByRole('row', { name: /Neural network/ }).getByRole('cell').nth(3).textContent());
      expect(accuracy).toBeGreaterThan(0.8);

      // The rest of the studio goes on: export works, and the next run trains as usual.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model' }).click()]);
      expect(Object.keys(unzipSync(new Uint8Array(await readDownload(download))))).toContain('bundle.json');
      await page.getByLabel('Neural network', { exact: true }).uncheck();
      await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
      const second = page.getByText(/^Trained 9 models\./);
      await second.waitFor({ timeout: 120_000 });
      expect(await second.textContent()).not.toContain('GPU context lost');
      expect(studio.pageErrors).toEqual([]);
      expect(studio.externalRequests).toEqual([]);
    } finally {
      await studio.close();
      await browser.close();
    }
  }, 420_000);
});
