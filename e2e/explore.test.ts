import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readCsv } from '../src/core/data/readCsv';
import { READ_IN_TWO_BYTES } from '../src/core/data/readCsvInTwo';
import { profileTable } from '../src/core/profile/profileTable';
import { readDownload, studioForSuite, uploadFile } from './harness';

async function clickFirstBar(page: Page, chartName: string): Promise<void> {
  const chart = page.getByRole('img', { name: chartName });
  // Charts below the fold may be drawn only once scrolled to.
  await chart.scrollIntoViewIfNeeded();
  await chart.and(page.locator('[data-chart-ready="true"]')).waitFor();
  const bar = chart.locator('.bars .point path').first();
  await bar.scrollIntoViewIfNeeded();
  const box = await bar.boundingBox();
  if (!box) throw new Error(`no bar in ${chartName}`);
  // A real pointer: Plotly reports clicks through its own hover layer, not DOM click events on the bar.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * A seeded CSV big enough for the two-thread profile: decimals, integers, gaps in two numeric
 * columns, categories. `lateText` ends column c with a word, so it turns to text only at the end.
 */
function bigCsv(rows: number, lateText = false): string {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = ['a,b,c,d,kind,label'];
  for (let i = 0; i < rows; i++) {
    const a = rand() * 10 - 5;
    const b = rand() < 0.05 ? '' : (a * 0.6 + rand() * 4).toFixed(4);
    const c = rand() < 0.05 ? '' : String(Math.floor(rand() * 1000));
    lines.push(`${a.toFixed(4)},${b},${lateText && i === rows - 1 ? 'late' : c},${(rand() * 100).toFixed(2)},k${Math.floor(rand() ** 2 * 12)},${a > 1 ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}

/** Where two JSON values differ: numbers by more than 1e-12 of their size (Math.pow's last bit differs between V8 versions). */
function differences(actual: unknown, expected: unknown, path = ''): string[] {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)) ? [] : [`${path}: ${actual} vs ${expected}`];
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return [`${path}: length ${actual.length} vs ${expected.length}`];
    return actual.flatMap((v, i) => differences(v, expected[i], `${path}[${i}]`));
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((k) => differences((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`];
}

describe('explore the data', () => {
  const suite = studioForSuite();

  it('draws a chart below the fold only once it is scrolled to', async () => {
    const { page } = suite.studio;
    const balance = page.getByRole('img', { name: 'Class balance' });
    await balance.waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(await balance.getAttribute('data-chart-ready')).toBeNull();
    await balance.scrollIntoViewIfNeeded();
    await balance.and(page.locator('[data-chart-ready="true"]')).waitFor();
    await page.evaluate(() => scrollTo(0, 0));
  });

  it('draws the scatter matrix with each pair of columns once, below the diagonal', async () => {
    const { page } = suite.studio;
    const matrix = page.getByRole('img', { name: 'Scatter matrix' });
    await matrix.scrollIntoViewIfNeeded();
    await matrix.and(page.locator('[data-chart-ready="true"]')).waitFor();
    // Three columns: their histograms on the diagonal, and three scatters.
    expect(await matrix.locator('.barlayer .trace').count()).toBe(3);
    expect(await matrix.locator('.scatterlayer .trace').count()).toBe(3);
    await page.evaluate(() => scrollTo(0, 0));
  });

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
    await page.getByText('3 rows', { exact: true }).waitFor();
    await page.getByLabel('Column', { exact: true }).selectOption(payload);
    // Charts are drawn once they come near the viewport.
    await page.getByRole('img', { name: `Distribution of ${payload}` }).scrollIntoViewIfNeeded();
    await page.getByRole('img', { name: `Distribution of ${payload}` }).and(page.locator('[data-chart-ready="true"]')).waitFor();
    expect(await page.locator('.column-name').first().textContent()).toBe(payload);
    expect(await page.getByRole('gridcell', { name: '<script>window.__pwned=2</script>' }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(suite.studio.pageErrors).toEqual([]);
    expect(suite.studio.externalRequests).toEqual([]);
  });

  it('reads a file over 8 MB on two threads into the same table as the CLI\'s whole read', async () => {
    const { page } = suite.studio;
    const csv = bigCsv(300_000, true);
    expect(csv.length).toBeGreaterThan(READ_IN_TWO_BYTES);
    await uploadFile(page, 'Upload CSV', 'two-parts.csv', csv);
    await page.getByRole('table', { name: 'Overview' }).getByRole('cell', { name: '300000', exact: true }).waitFor({ timeout: 60_000 });
    const ingest = await page.evaluate(() => (performance.getEntriesByName('ingest', 'measure').at(-1) as PerformanceMeasure | undefined)?.detail);
    expect(ingest).toEqual({ threads: 2 });
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download profile (JSON)' }).click()]);
    const { warnings: _warnings, ...inPage } = JSON.parse((await readDownload(json)).toString('utf8'));
    const whole = readCsv(Buffer.from(csv), { fileName: 'two-parts.csv' });
    expect(whole.table.columns.map((column) => column.type)).toEqual(['numeric', 'numeric', 'categorical', 'numeric', 'categorical', 'numeric']);
    expect(differences(inPage, JSON.parse(JSON.stringify(profileTable(whole.table))))).toEqual([]);
    // The one word in column c is named by its line, counted across the cut.
    await page.getByText(/line 300001: "late"/).first().waitFor();
    expect(suite.studio.pageErrors).toEqual([]);
  });

  it('profiles a big file on two threads, as the CLI does', async () => {
    const { page } = suite.studio;
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const helperFailures: string[] = [];
    page.on('console', (message) => (message.text().includes('profile helper failed') ? helperFailures.push(message.text()) : undefined));
    const csv = bigCsv(120_000);
    await uploadFile(page, 'Upload CSV', 'big.csv', csv);
    await page.getByRole('table', { name: 'Overview' }).getByRole('cell', { name: '120000', exact: true }).waitFor();
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download profile (JSON)' }).click()]);
    const { warnings: _warnings, ...inPage } = JSON.parse((await readDownload(json)).toString('utf8'));
    const cli = JSON.parse(JSON.stringify(profileTable(readCsv(Buffer.from(csv), { fileName: 'big.csv' }).table)));
    expect(differences(inPage, cli)).toEqual([]);
    expect(workers.filter((url) => url.includes('profileHelper'))).toHaveLength(1);
    expect(helperFailures).toEqual([]);
    expect(suite.studio.pageErrors).toEqual([]);
  });
});
