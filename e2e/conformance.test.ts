/**
 * The CSV corpus through the page: the csv-spectrum conformance cases and the encodings and
 * dialects of reliability.md §1, each uploaded as a person would and compared with its expected
 * parse (the same fixtures the reader is held to in Node: src/core/data/readCsv.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { studioForSuite, uploadFile } from './harness';

const fixture = (name: string) => readFileSync(new URL(`../tests/fixtures/csv/${name}`, import.meta.url));

/** Column names and every cell of the grid, once its rows have arrived from the data worker. */
async function shownTable(page: Page, fileName: string): Promise<{ names: string[]; rows: string[][] }> {
  const grid = page.getByRole('grid', { name: `Rows of ${fileName}` });
  await grid.waitFor();
  const read = () =>
    grid.evaluate((el) =>
      Array.from(el.querySelectorAll('[role="row"]'))
        .map((row) => Array.from(row.querySelectorAll('[role="gridcell"]')).map((cell) => cell.textContent ?? ''))
        .filter((cells) => cells.length > 0),
    );
  await expect.poll(async () => (await read()).flat().includes('…'), { timeout: 10_000 }).toBe(false);
  return { names: await page.locator('.column-name').allTextContents(), rows: await read() };
}

async function load(page: Page, fileName: string, bytes: Buffer | string): Promise<{ names: string[]; rows: string[][] }> {
  await uploadFile(page, 'Upload CSV', fileName, bytes);
  return shownTable(page, fileName);
}

describe('the CSV corpus through the page', () => {
  const suite = studioForSuite();

  const spectrum = ['comma_in_quotes', 'empty', 'empty_crlf', 'escaped_quotes', 'json', 'location_coordinates', 'newlines', 'newlines_crlf', 'quotes_and_newlines', 'simple', 'simple_crlf', 'utf8'];
  for (const name of spectrum) {
    it(`csv-spectrum ${name}`, async () => {
      const { page } = suite.studio;
      const expected = (JSON.parse(fixture(`spectrum_${name}.expected.json`).toString('utf8')) as { rows: string[][] }).rows;
      const shown = await load(page, `${name}.csv`, fixture(`spectrum_${name}.csv`));
      expect(shown.names).toEqual(expected[0]);
      expect(shown.rows).toEqual(expected.slice(1));
    });
  }

  it('E1: a UTF-8 BOM with CRLF line ends does not reach the first column name', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Contact,City\r\n"(555) 555-5555","Ottawa, Ontario"\r\n', 'utf8')]);
    const shown = await load(suite.studio.page, 'location_with_bom.csv', bom);
    expect(shown.names).toEqual(['Contact', 'City']);
    expect(shown.rows).toEqual([['(555) 555-5555', 'Ottawa, Ontario']]);
  });

  it('E3: UTF-16LE with a BOM', async () => {
    const shown = await load(suite.studio.page, 'utf16le.csv', fixture('e3_utf16le_bom.csv'));
    expect(shown.names).toEqual(['a', 'b']);
    expect(shown.rows).toEqual([['1', 'x'], ['2', 'y']]);
  });

  it('E5: windows-1252 bytes are read as windows-1252, with a warning, never as U+FFFD', async () => {
    const { page } = suite.studio;
    const shown = await load(page, 'latin1.csv', fixture('e5_windows1252.csv'));
    expect(shown.rows.flat()).toEqual(expect.arrayContaining(['café', 'naïve']));
    expect(shown.rows.flat().join('')).not.toContain('\ufffd');
    expect(await page.getByRole('alert').textContent()).toMatch(/latin1\.csv.*UTF-8/);
  });

  it('D1: a semicolon file with decimal commas', async () => {
    const shown = await load(suite.studio.page, 'semicolon.csv', fixture('d1_semicolon_decimal_comma.csv'));
    expect(shown.names).toEqual(['name', 'price', 'weight']);
    expect(shown.rows[0]).toEqual(['apple', '1,5', '0,25']);
  });

  it('D6: LF inside quotes and CRLF between records', async () => {
    const shown = await load(suite.studio.page, 'mixed-newlines.csv', fixture('d6_mixed_newlines.csv'));
    expect(shown.rows).toHaveLength(3);
    expect(shown.rows[2]).toEqual(['3', 'a\nb\nc']);
  });

  it('R7: __proto__, constructor, toString and hasOwnProperty headers are ordinary columns', async () => {
    const { page } = suite.studio;
    const prototypeKeys = () => page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).sort());
    const before = await prototypeKeys();
    const shown = await load(page, 'proto.csv', fixture('r7_proto_headers.csv'));
    expect(shown.names).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(shown.rows).toEqual([['1', 'a', 'x', 'true'], ['2', 'b', 'y', 'false']]);
    expect(await prototypeKeys()).toEqual(before);
  });

  it('kept working through all of it', () => {
    expect(suite.studio.pageErrors).toEqual([]);
    expect(suite.studio.externalRequests).toEqual([]);
  });
});
