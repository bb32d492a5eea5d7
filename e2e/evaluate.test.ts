import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import { listModels } from '../src/core/models/registry';
import { studioForSuite, uploadFile } from './harness';

const quietIO = { stdout: () => undefined, stderr: () => undefined };
// Penguins with Sex as a binary target: the one row whose Sex is "." is left out.
const PENGUINS_TEXT = readFileSync(new URL('../public/examples/penguins.csv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => !line.endsWith(',.'))
  .join('\n');

describe('evaluation: how good, where it fails, why', () => {
  const suite = studioForSuite();

  it('trains a binary classifier and shows its per-class metrics, the same as the CLI for the same seed', async () => {
    const { page } = suite.studio;
    await uploadFile(page, 'Upload CSV', 'penguins-sex.csv', PENGUINS_TEXT);
    await page.getByText('343 rows', { exact: true }).waitFor();
    await page.getByLabel('Target', { exact: true }).selectOption('Sex');
    await page.getByLabel('Tuning', { exact: true }).selectOption('none');
    await page.getByLabel('Time budget (seconds)').fill('1');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/^Trained \d+ models?/).waitFor({ timeout: 120_000 });
    const panel = page.getByRole('region', { name: 'Evaluation' });
    await panel.waitFor();
    await expect(page.getByLabel('Fit verdict').textContent()).resolves.toMatch(/^(good fit|overfitting|underfitting|unclear): Training accuracy/);

    const label = (await panel.getByRole('heading', { level: 2 }).textContent())!.replace('Evaluation of ', '');
    const model = listModels('classification').find((m) => m.label === label)!.name;
    const dir = mkdtempSync(join(tmpdir(), 'studio-eval-'));
    try {
      writeFileSync(join(dir, 'penguins-sex.csv'), PENGUINS_TEXT);
      const code = await runCli(['train', '--data', join(dir, 'penguins-sex.csv'), '--target', 'Sex', '--models', model, '--search', 'none', '--out', join(dir, 'm')], quietIO);
      expect(code).toBe(0);
      const metrics = JSON.parse(readFileSync(join(dir, 'm', 'metrics.json'), 'utf8'));
      const perClass = page.getByRole('table', { name: 'Scores per class' });
      for (const row of metrics.holdout_report.per_class) {
        const cells = await perClass.getByRole('row', { name: new RegExp(`^${row.class} `) }).getByRole('cell').allTextContents();
        expect(cells).toEqual([row.precision.toFixed(4), row.recall.toFixed(4), row.f1.toFixed(4), String(row.support)]);
      }
      const matrix = page.getByRole('table', { name: 'Confusion matrix' });
      const counts = (await matrix.getByRole('button').allTextContents()).map(Number);
      expect(counts).toEqual(metrics.holdout_report.confusion_matrix.counts.flat());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows a confusion cell’s rows in the grid and draws the ROC curve', async () => {
    const { page } = suite.studio;
    const matrix = page.getByRole('table', { name: 'Confusion matrix' });
    const cell = matrix.getByRole('button', { name: /rows of actual FEMALE predicted FEMALE/ });
    const n = Number(await cell.textContent());
    await cell.click();
    await page.getByText(new RegExp(`held-out rows with actual “FEMALE” predicted “FEMALE”`)).first().waitFor();
    await expect(page.getByText(`Showing ${n} of 343 rows`).count()).resolves.toBe(1);
    await page.locator('[aria-label="ROC curve"] .main-svg').first().waitFor();
    expect(await page.locator('[aria-label="ROC curve"] .scatterlayer .trace').count()).toBeGreaterThanOrEqual(2);
  });

  it('moves precision and recall with the threshold slider', async () => {
    const { page } = suite.studio;
    const slider = page.getByLabel('Decision threshold');
    const at = page.getByRole('table', { name: 'Scores at the threshold' });
    const read = async () => {
      const cells = await at.getByRole('cell').allTextContents();
      return { precision: Number(cells[0]), recall: Number(cells[1]), counts: cells.slice(4).map(Number) };
    };
    await slider.fill('0.1');
    const low = await read();
    await slider.fill('0.9');
    const high = await read();
    expect(high.recall).toBeLessThanOrEqual(low.recall);
    expect(high.precision).toBeGreaterThanOrEqual(low.precision);
    expect(high.counts).not.toEqual(low.counts);
    // The four cells always add up to the held-out rows.
    expect(high.counts.reduce((a, b) => a + b, 0)).toBe(low.counts.reduce((a, b) => a + b, 0));
  });

  it('computes feature importance, partial dependence and a row explanation', async () => {
    const { page } = suite.studio;
    await page.getByRole('button', { name: 'Compute feature importance' }).click();
    await page.getByRole('img', { name: 'Permutation importance' }).locator('.main-svg').first().waitFor({ timeout: 60_000 });
    await page.getByLabel('Partial dependence column').selectOption('Body Mass (g)');
    await page.getByRole('img', { name: 'Partial dependence on Body Mass (g)' }).locator('.main-svg').first().waitFor({ timeout: 60_000 });
    const worst = page.getByRole('table', { name: 'Worst predictions' });
    await worst.getByRole('button', { name: /^Explain row/ }).first().click();
    const explanation = page.getByRole('table', { name: 'Row explanation' });
    await explanation.waitFor({ timeout: 60_000 });
    expect(await explanation.getByRole('row').count()).toBeGreaterThan(3);
  });

  it('compares metrics across the groups of a column and models side by side', async () => {
    const { page } = suite.studio;
    await page.getByLabel('Fairness column').selectOption('Island');
    const groups = page.getByRole('table', { name: 'Scores by group' });
    await groups.waitFor({ timeout: 30_000 });
    for (const island of ['Biscoe', 'Dream', 'Torgersen']) await expect(groups.getByRole('row', { name: new RegExp(`^${island}`) }).count()).resolves.toBe(1);
    // The generated model card reports the same groups.
    await page.getByText('Model card', { exact: true }).click();
    await expect.poll(() => page.getByLabel('Model card (Markdown)').inputValue(), { timeout: 20_000 }).toContain('## Fairness across Island');
    const checkboxes = page.getByRole('group', { name: 'Compare models' }).getByRole('checkbox');
    if ((await checkboxes.count()) >= 2) {
      await checkboxes.nth(0).check();
      await checkboxes.nth(1).check();
      await page.getByRole('table', { name: 'Model comparison' }).waitFor();
    }
  });

  it('draws a learning curve with a verdict on more data', async () => {
    const { page } = suite.studio;
    await page.getByRole('button', { name: 'Compute learning curve' }).click();
    await page.getByRole('img', { name: 'Learning curve' }).locator('.main-svg').first().waitFor({ timeout: 120_000 });
    await expect(page.getByText(/5-fold cross-validated accuracy at each training size/).count()).resolves.toBe(1);
  });
});
