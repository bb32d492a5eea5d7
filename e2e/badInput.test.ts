import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newStudioPage, uploadFile, type Studio } from './harness';

/**
 * Each bad file gets a role="alert" sentence naming the problem, and the dataset that was
 * open before (the penguins example) stays open and untouched.
 */
describe('bad input leaves the open dataset untouched', () => {
  let browser: Browser;
  let studio: Studio;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    studio = await newStudioPage(browser);
    page = studio.page;
    await page.getByText('344 rows', { exact: true }).waitFor();
  });
  afterAll(async () => {
    await studio?.close();
    await browser?.close();
  });

  async function expectRefused(fileName: string, content: string | Buffer, pattern: RegExp): Promise<void> {
    await dismissAlert(page);
    await uploadFile(page, 'Upload CSV', fileName, content);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(pattern);
    expect(await alert.textContent()).toContain(fileName);
    await page.getByText('344 rows', { exact: true }).waitFor();
    expect(await page.getByLabel('Target', { exact: true }).inputValue()).toBe('Species');
  }

  const zipBytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0, 0x6d, 0x2a, 0x41]);
  const pngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

  it('an empty file', () => expectRefused('empty.csv', '', /empty/i));
  it('a file with only a header', () => expectRefused('header-only.csv', 'a,b,c\n', /no data rows/i));
  it('a zip renamed .csv', () => expectRefused('sheet.csv', zipBytes, /zip|excel/i));
  it('a PNG renamed .csv', () => expectRefused('picture.csv', pngBytes, /png|image/i));
  it('ragged rows, naming the line', () =>
    expectRefused('ragged.csv', 'a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n', /line 3/i));
  it('an unclosed quote, naming the line and column', () =>
    expectRefused('quote.csv', 'a,b\n1,"never closed\n2,3\n', /unclosed quote.*line 2/i));
  it('a 50 MB single field', () => expectRefused('huge-field.csv', 'a,b\n1,' + 'x'.repeat(50_000_000) + '\n', /longer|field|characters/i));
  it('20,000 columns', () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',');
    return expectRefused('wide.csv', header + '\n' + header.replace(/c/g, '') + '\n', /20000 columns/);
  });

  it('reads UTF-16 text with a BOM into clean column names', async () => {
    await dismissAlert(page);
    const text = '\ufeffcity,temp\nOslo,3\nRome,18\n';
    const utf16 = Buffer.from(text, 'utf16le');
    await uploadFile(page, 'Upload CSV', 'utf16.csv', utf16);
    await page.getByText('2 rows', { exact: true }).waitFor();
    expect(await page.locator('.column-name').allTextContents()).toEqual(['city', 'temp']);
  });

  it('keeps headers named __proto__, constructor and toString as ordinary columns', async () => {
    await uploadFile(page, 'Upload CSV', 'proto.csv', '__proto__,constructor,toString\n1,x,a\n2,y,b\n');
    await page.getByText('2 rows', { exact: true }).waitFor();
    await page.getByText('3 columns').waitFor();
    expect(await page.locator('.column-name').allTextContents()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(await page.getByRole('gridcell').first().textContent()).toBe('1');
  });

  it('warns about duplicate and empty header names, naming the columns', async () => {
    await uploadFile(page, 'Upload CSV', 'dupes.csv', 'a,a,,b\n1,2,3,4\n5,6,7,8\n');
    await page.getByText('2 rows', { exact: true }).waitFor();
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toMatch(/"?a"?/);
    expect(alert).toMatch(/empty|column_3/i);
  });

  it('cancels reading a large file and keeps the open dataset', async () => {
    await dismissAlert(page);
    const line = '12345.678,abcdef,0.5\n';
    const big = 'x,label,y\n' + line.repeat(2_000_000);
    await uploadFile(page, 'Upload CSV', 'big.csv', big);
    await page.getByRole('progressbar', { name: /Reading big\.csv/ }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('progressbar').waitFor({ state: 'detached' });
    expect(await page.getByText('2000000 rows', { exact: true }).count()).toBe(0);
    expect(await page.locator('.dataset-size').textContent()).toMatch(/proto\.csv|dupes\.csv|utf16\.csv/);
  });

  it('kept working through all of it', () => {
    expect(studio.pageErrors).toEqual([]);
    expect(studio.externalRequests).toEqual([]);
  });
});

async function dismissAlert(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  if (await dismiss.count()) await dismiss.click();
}
