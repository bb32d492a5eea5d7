import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { studioForSuite } from './harness';

const quietIO = { stdout: () => undefined, stderr: () => undefined };

/** Folds in time order: every model is scored on later cars than it learned from, as in the CLI's --time. */
describe('folds in time order', () => {
  const suite = studioForSuite();

  it('cross-validates on the years in order and gives the CLI\'s scores', async () => {
    const { page } = suite.studio;
    await page.getByRole('button', { name: /^Example: Cars/ }).click();
    await page.getByText('406 rows', { exact: true }).waitFor();
    await page.getByLabel('Target', { exact: true }).selectOption('Miles_per_Gallon');
    await expect(page.getByLabel('Task', { exact: true }).inputValue()).resolves.toBe('regression');
    await page.getByLabel('Tuning', { exact: true }).selectOption('none');
    await page.getByLabel('Folds', { exact: true }).selectOption('time');
    await page.getByLabel('Fold column').selectOption('Year');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/Trained \d+ models/).waitFor({ timeout: 180_000 });
    const row = page.getByRole('table', { name: 'Leaderboard' }).getByRole('row', { name: /Ridge regression/ });
    const shown = Number((await row.getByRole('cell').nth(2).textContent())!.split(' ')[0]);

    const dir = mkdtempSync(join(tmpdir(), 'studio-time-'));
    try {
      const args = ['train', '--data', 'public/examples/cars.csv', '--target', 'Miles_per_Gallon', '--out', join(dir, 'm'), '--models', 'ridge', '--search', 'none', '--time', 'Year'];
      expect(await runCli(args, quietIO)).toBe(0);
      const metrics = JSON.parse(readFileSync(join(dir, 'm', 'metrics.json'), 'utf8'));
      expect(shown).toBeCloseTo(metrics.leaderboard[0].cv.r2, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(suite.studio.pageErrors).toEqual([]);
  }, 240_000);
});
