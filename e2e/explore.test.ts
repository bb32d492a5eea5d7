import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readDownload, studioForSuite, uploadFile } from './harness';

async function clickFirstBar(page: Page, chartName: string): Promise<void> {
  const chart = page.getByRole('img', { name: chartName });
  await chart.and(page.locator('[data-chart-ready="true"]')).waitFor();
  const bar = chart.locator('.bars .point path').first();
  await bar.scrollIntoViewIfNeeded();
  const box = await bar.boundingBox();
  if (!box) throw new Error(`no bar in ${chartName}`);
  // A real pointer: Plotly reports clicks through its own hover layer, not DOM click events on the bar.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

describe('explore the data', () => {
  const suite = studioForSuite();

  it('shows the overview, the class balance and the correlation heatmap', async () => {
    const { page } = suite.studio;
    const overview = page.getByRole('table', { name: 'Overview' });
    await overview.waitFor();
    expect(await overview.getByRole('row', { name: /^Missing cells/ }).getByRole('cell').textContent()).toBe('18');
    await page.getByRole('img', { name: 'Correlation heatmap' }).waitFor();
    await page.getByLabel('Correlation method').selectOption('spearman');
    await page.getByRole('img', { name: 'Correlation heatmap' }).locator('.hm, .heatmaplayer').first().waitFor({ state: 'attached' });
    await page.getByText(/imbalance ratio/).waitFor();
    expect(await page.getByText(/imbalance ratio/).textContent()).toMatch(/2\.24/);
  });

  it('opens a column in detail and filters the grid by clicking a bar', async () => {
    const { page } = suite.studio;
    await page.getByLabel('Column', { exact: true }).selectOption('Island');
    const stats = page.getByRole('table', { name: 'Column statistics' });
    expect(await stats.getByRole('row', { name: /^Unique/ }).getByRole('cell').textContent()).toBe('3');
    await clickFirstBar(page, 'Distribution of Island');
    await page.getByText('Showing 168 of 344 rows where Island is “Biscoe”').waitFor();
    expect(await page.getByRole('grid').getAttribute('aria-rowcount')).toBe('169');
    expect(await page.getByRole('gridcell', { name: 'Torgersen' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await page.getByText(/Showing 168/).waitFor({ state: 'detached' });
    expect(await page.getByRole('grid').getAttribute('aria-rowcount')).toBe('345');
  });

  it('filters a numeric column by a histogram bin', async () => {
    const { page } = suite.studio;
    await page.getByLabel('Column', { exact: true }).selectOption('Body Mass (g)');
    await page.getByRole('img', { name: 'Box plot of Body Mass (g)' }).waitFor();
    await clickFirstBar(page, 'Distribution of Body Mass (g)');
    await page.getByText(/Showing \d+ of 344 rows where Body Mass \(g\) from 2700/).waitFor();
    await page.getByRole('button', { name: 'Clear filter' }).click();
  });

  it('exports the profile as a standalone HTML report and as JSON', async () => {
    const { page } = suite.studio;
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download profile (HTML)' }).click()]);
    const report = (await readDownload(html)).toString('utf8');
    expect(report).toContain('penguins.csv');
    expect(report).not.toMatch(/<script/i);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download profile (JSON)' }).click()]);
    const profile = JSON.parse((await readDownload(json)).toString('utf8'));
    expect(profile.rows).toBe(344);
    expect(profile.columns.map((c: { name: string }) => c.name)).toContain('Body Mass (g)');
  });

  it('shows HTML in headers and values as text, and never runs it', async () => {
    const { page } = suite.studio;
    const payload = '<img src=x onerror="window.__pwned=1">';
    const csv = `"${payload.replace(/"/g, '""')}",kind\n"<script>window.__pwned=2</script>",a\n"<b>bold</b>",b\n"<b>bold</b>",a\n`;
    await uploadFile(page, 'Upload CSV', 'payload.csv', csv);
    await page.getByText('3 rows').waitFor();
    await page.getByLabel('Column', { exact: true }).selectOption(payload);
    await page.getByRole('img', { name: `Distribution of ${payload}` }).and(page.locator('[data-chart-ready="true"]')).waitFor();
    expect(await page.locator('.column-name').first().textContent()).toBe(payload);
    expect(await page.getByRole('gridcell', { name: '<script>window.__pwned=2</script>' }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(suite.studio.pageErrors).toEqual([]);
    expect(suite.studio.externalRequests).toEqual([]);
  });
});
