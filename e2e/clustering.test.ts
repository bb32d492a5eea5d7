import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { readDownload, studioForSuite } from './harness';

/** Clustering: k-means on penguins without the species, its clusters described, and a bundle that predicts cluster numbers. */
describe('clustering', () => {
  const suite = studioForSuite();

  it('finds the number of clusters by silhouette, leaving the Target out, and describes each cluster', async () => {
    const { page } = suite.studio;
    await page.getByLabel('Task', { exact: true }).selectOption('clustering');
    expect(await page.getByLabel('Target', { exact: true }).inputValue()).toBe('Species');
    await page.getByText(/“Species” is left out/).waitFor();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/Found \d+ clusters/).waitFor({ timeout: 60_000 });
    const metrics = page.getByRole('table', { name: 'Metrics' });
    const silhouette = Number(await metrics.getByRole('row', { name: /^Silhouette/ }).getByRole('cell').textContent());
    expect(silhouette).toBeGreaterThan(0.3);
    const byK = page.getByRole('table', { name: 'Silhouette by number of clusters' });
    expect(await byK.getByRole('row').count()).toBe(10); // header + k = 2..10
    const profiles = page.getByRole('table', { name: 'Cluster profiles' });
    await expect(profiles.textContent()).resolves.toMatch(/Body Mass \(g\)/);
    expect(await profiles.textContent()).not.toMatch(/^Species/m);
    await expect(page.getByRole('table', { name: 'Leaderboard' }).textContent()).resolves.toMatch(/k-means/);
  });

  it('uses the chosen number of clusters and exports a clustering bundle', async () => {
    const { page } = suite.studio;
    await page.getByLabel('Clusters', { exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/Found 3 clusters\./).waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model' }).click()]);
    const files = unzipSync(new Uint8Array(await readDownload(download)));
    const bundle = JSON.parse(strFromU8(files['bundle.json']));
    expect(bundle.task).toBe('clustering');
    expect(bundle.model.kind).toBe('k_means');
    expect(bundle.recipe.features).not.toContain('Species');
    expect(JSON.parse(strFromU8(files['model.json'])).centers).toHaveLength(3);
    expect(suite.studio.pageErrors).toEqual([]);
    expect(suite.studio.externalRequests).toEqual([]);
  });
});
