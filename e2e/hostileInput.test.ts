/**
 * A file is data, never code. A CSV whose file name, column names, categories and class labels
 * are HTML, JavaScript, TeX and spreadsheet-formula payloads goes through the whole studio:
 * grid, explore charts, training, evaluation (curves, importance, worst rows), prediction,
 * history, and the downloaded profile report, model card and predictions. Nothing may run: no
 * dialog, no injected element or event-handler attribute, no `window.__pwned`, no CSP violation,
 * and every CSV download escapes text that a spreadsheet would run as a formula.
 */
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { cspViolations, readDownload, studioForSuite, uploadFile } from './harness';

const NAME_IMG = '<img src=x onerror="window.__pwned=1">';
const NAME_SVG = '<svg onload="window.__pwned=2">';
const NAME_TEX = '$\\href{javascript:window.__pwned=3}{x}$';
const NAME_FORMULA = '=HYPERLINK("http://evil.example","click")';
const TARGET = '<script>window.__pwned=4</script>';
const CLASSES = ['<b onmouseover="window.__pwned=5">A</b>', '<a href="javascript:window.__pwned=6">B</a>'];
const CATEGORIES = ['<iframe src="javascript:window.__pwned=7">', '@SUM(1+1)*cmd|\' /C calc\'!A0', '-2+3+cmd'];
const FILE_NAME = '<img src=y onerror=window.__pwned=8>.csv';

const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function hostileCsv(rows: number, withTarget = true): string {
  const header = [NAME_IMG, NAME_SVG, NAME_TEX, NAME_FORMULA, ...(withTarget ? [TARGET] : [])];
  const lines = [header.map(field).join(',')];
  for (let i = 0; i < rows; i++) {
    const x = (i * 37) % 101;
    const cls = x > 50 ? 1 : 0;
    const cells = [String(x), String((i * 11) % 29), CATEGORIES[i % 3], `=CMD|' /C calc'!A${i}`, ...(withTarget ? [CLASSES[cls]] : [])];
    lines.push(cells.map(field).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Everything on the page that would mean a payload became markup or code. */
function injected(page: Page): Promise<{ pwned: unknown; elements: string[]; handlers: string[]; scriptLinks: number }> {
  return page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      elements: Array.from(document.querySelectorAll('body img, body script, body iframe, body object, body embed, main svg svg[onload]')).map((e) => e.outerHTML.slice(0, 80)),
      handlers: all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
      scriptLinks: document.querySelectorAll('a[href^="javascript:" i], [href^="javascript:" i], [src^="javascript:" i]').length,
    };
  });
}

async function download(page: Page, button: string): Promise<{ download: Download; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { download: d, text: (await readDownload(d)).toString('utf8') };
}

/** Opens a downloaded HTML document in a fresh page of the same (hermetic) context and looks for anything that ran. */
async function openDownloadedHtml(page: Page, html: string): Promise<Awaited<ReturnType<typeof injected>>> {
  const other = await page.context().newPage();
  const dialogs: string[] = [];
  other.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await other.setContent(html, { waitUntil: 'load' });
    await other.mouse.move(10, 10);
    await other.mouse.move(200, 200);
    const found = await injected(other);
    expect(dialogs).toEqual([]);
    return found;
  } finally {
    await other.close();
  }
}

const clean = { pwned: undefined, elements: [], handlers: [], scriptLinks: 0 };

describe('hostile names and values run nowhere', () => {
  const suite = studioForSuite();
  const dialogs: string[] = [];

  it('loads the file and shows every payload as text in the grid and the explore charts', async () => {
    const { page } = suite.studio;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await uploadFile(page, 'Upload CSV', FILE_NAME, hostileCsv(120));
    await page.getByText('120 rows', { exact: true }).waitFor();
    expect(await page.locator('.column-name').allTextContents()).toEqual([NAME_IMG, NAME_SVG, NAME_TEX, NAME_FORMULA, TARGET]);
    await page.getByRole('gridcell', { name: CATEGORIES[0], exact: true }).first().waitFor();
    for (const name of [NAME_IMG, NAME_TEX, NAME_FORMULA]) {
      await page.getByLabel('Column', { exact: true }).selectOption(name);
      // Charts are drawn once they come near the viewport.
      await page.getByRole('img', { name: `Distribution of ${name}` }).scrollIntoViewIfNeeded();
      await page.getByRole('img', { name: `Distribution of ${name}` }).and(page.locator('[data-chart-ready="true"]')).waitFor();
    }
    // Hover labels are drawn on demand: move over the chart so Plotly renders them.
    const chart = page.getByRole('img', { name: `Distribution of ${NAME_FORMULA}` });
    const box = await chart.boundingBox();
    if (box) for (let k = 1; k < 8; k++) await page.mouse.move(box.x + (box.width * k) / 8, box.y + box.height / 2);
    expect(await injected(page)).toEqual(clean);
  });

  it('trains on a payload target and shows the evaluation with payload classes as text', async () => {
    const { page } = suite.studio;
    await page.getByLabel('Target', { exact: true }).selectOption(TARGET);
    await page.getByLabel('Tuning', { exact: true }).selectOption('none');
    await page.getByLabel('Time budget (seconds)').fill('5');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/^Trained \d+ models?/).waitFor({ timeout: 120_000 });
    const matrix = page.getByRole('table', { name: 'Confusion matrix' });
    await matrix.waitFor();
    expect(await matrix.textContent()).toContain(CLASSES[0]);
    await page.locator('[aria-label="ROC curve"] .main-svg').first().waitFor();
    await page.getByRole('button', { name: 'Compute feature importance' }).click();
    const importance = page.getByRole('img', { name: 'Permutation importance' });
    await importance.locator('.main-svg').first().waitFor({ timeout: 60_000 });
    expect(await importance.textContent()).toContain(NAME_IMG);
    const box = await importance.boundingBox();
    if (box) for (let k = 1; k < 8; k++) await page.mouse.move(box.x + box.width / 2, box.y + (box.height * k) / 8);
    await page.getByRole('table', { name: 'Worst predictions' }).waitFor();
    expect(await injected(page)).toEqual(clean);
  });

  it('predicts a payload file, and the downloaded predictions escape every formula', async () => {
    const { page } = suite.studio;
    await uploadFile(page, 'Predict CSV', 'new-' + FILE_NAME, hostileCsv(12, false));
    await page.getByRole('table', { name: 'Predictions', exact: true }).waitFor();
    const { text } = await download(page, 'Download predictions');
    const [header, ...rows] = text.trim().split('\n');
    expect(header).toContain(`"'${NAME_FORMULA.replace(/"/g, '""')}"`);
    expect(text).toContain("'@SUM(1+1)");
    expect(text).toContain("'-2+3+cmd");
    expect(text).toContain("'=CMD|' /C calc'!A0");
    // No field of any line starts a formula: each is a number, or text that starts with something else.
    for (const line of [header, ...rows]) {
      for (const cell of line.match(/("([^"]|"")*"|[^,]*)(?=,|$)/g) ?? []) {
        const value = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        if (/^[=+\-@\t\r\n]/.test(value)) expect(Number.isFinite(Number(value)), `${value} in ${line}`).toBe(true);
      }
    }
    expect(await injected(page)).toEqual(clean);
  });

  it('lists the payload file in the history as text', async () => {
    const { page } = suite.studio;
    const versions = page.getByRole('table', { name: 'Versions' });
    await versions.getByText(FILE_NAME).first().waitFor();
    expect(await injected(page)).toEqual(clean);
  });

  it('downloads a profile report and a model card that run nothing when opened', async () => {
    const { page } = suite.studio;
    const profile = await download(page, 'Download profile (HTML)');
    expect(profile.text).not.toMatch(/<script|<img|<svg onload|<iframe/i);
    expect(profile.text).toContain('&lt;img src=x onerror=');
    expect(await openDownloadedHtml(page, profile.text)).toEqual(clean);

    await page.getByText('Model card', { exact: true }).click();
    await expect.poll(() => page.getByLabel('Model card (Markdown)').inputValue(), { timeout: 20_000 }).toContain('# Model card');
    const card = await download(page, 'Download model card (HTML)');
    expect(card.text).not.toMatch(/<script|<img|<iframe/i);
    expect(await openDownloadedHtml(page, card.text)).toEqual(clean);
  });

  it('ran no payload, opened no dialog, broke no CSP rule and called no other host', async () => {
    const { page } = suite.studio;
    expect(dialogs).toEqual([]);
    expect(await injected(page)).toEqual(clean);
    expect(await cspViolations(page)).toEqual([]);
    expect(suite.studio.pageErrors).toEqual([]);
    expect(suite.studio.externalRequests).toEqual([]);
  });
});
