/**
 * The data grid draws body cells only for the columns in view: a wide file must still show every
 * value in its own column once scrolled to, and keep every column's header (and type control).
 */
import { describe, expect, it } from 'vitest';
import { studioForSuite, uploadFile } from './harness';

const COLUMNS = 80;
const ROWS = 40;
const names = Array.from({ length: COLUMNS }, (_, j) => `c${j + 1}`);
const value = (row: number, column: number) => `r${row + 1}c${column + 1}`;
const csv = [names.join(','), ...Array.from({ length: ROWS }, (_, i) => names.map((_, j) => value(i, j)).join(','))].join('\n') + '\n';

describe('a wide file in the data grid', () => {
  const suite = studioForSuite();

  it('draws only the columns in view, and each value under its own header after scrolling', async () => {
    const { page } = suite.studio;
    await uploadFile(page, 'Upload CSV', 'wide.csv', csv);
    const grid = page.getByRole('grid', { name: 'Rows of wide.csv' });
    await grid.waitFor();
    expect(await grid.getByRole('columnheader').count()).toBe(COLUMNS);
    expect(await page.getByRole('combobox', { name: 'Column type' }).count()).toBeGreaterThanOrEqual(COLUMNS);

    const firstRow = grid.locator('[role="row"][aria-rowindex="2"]');
    await firstRow.getByRole('gridcell', { name: value(0, 0), exact: true }).waitFor();
    const drawn = await firstRow.getByRole('gridcell').count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(COLUMNS / 2);

    await grid.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const last = firstRow.locator(`[role="gridcell"][aria-colindex="${COLUMNS}"]`);
    await expect.poll(() => last.textContent(), { timeout: 10_000 }).toBe(value(0, COLUMNS - 1));
    const header = grid.locator(`[role="columnheader"][aria-colindex="${COLUMNS}"]`);
    const [cellBox, headerBox] = [await last.boundingBox(), await header.boundingBox()];
    expect(cellBox && headerBox && Math.abs(cellBox.x - headerBox.x)).toBeLessThan(1);
    expect(await firstRow.locator('[role="gridcell"][aria-colindex="1"]').count()).toBe(0);

    // Every drawn cell holds the value of the column its aria-colindex names.
    const cells = await firstRow.getByRole('gridcell').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('aria-colindex')), e.textContent]));
    for (const [column, text] of cells) expect(text).toBe(value(0, (column as number) - 1));
  });
});
