import { describe, expect, it } from 'vitest';
import { readDownload, studioForSuite } from './harness';

describe('recipe: the person’s own preparation', () => {
  const suite = studioForSuite();

  it('starts from the suggested steps, which can be undone', async () => {
    const { page } = suite.studio;
    const recipe = page.getByRole('region', { name: 'Recipe' });
    await recipe.getByRole('button', { name: 'Start from the suggested steps' }).click();
    const steps = recipe.getByRole('list', { name: 'Recipe steps' });
    await expect.poll(() => steps.textContent()).toMatch(/median/);
    await recipe.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => steps.count()).toBe(0);
  });

  it('refuses a formula with an error at its position and leaves the recipe as it was', async () => {
    const { page } = suite.studio;
    const recipe = page.getByRole('region', { name: 'Recipe' });
    await recipe.getByLabel('Add step').selectOption('derive');
    const form = page.getByRole('form', { name: 'Step' });
    await form.getByLabel('New column name').fill('mass_per_flipper');
    await form.getByLabel('Formula').fill('[Body Mass (g)] / [Flipper Lenght (mm)]');
    await form.getByRole('button', { name: 'Add this step' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/Unknown column .*Flipper Lenght \(mm\).* at position 18.*did you mean .*Flipper Length \(mm\)/);
    await expect(recipe.getByRole('list', { name: 'Recipe steps' }).count()).resolves.toBe(0);
  });

  it('adds a derived column and sees it, computed, in the before/after preview', async () => {
    const { page } = suite.studio;
    const recipe = page.getByRole('region', { name: 'Recipe' });
    const form = page.getByRole('form', { name: 'Step' });
    await form.getByLabel('Formula').fill('[Body Mass (g)] / [Flipper Length (mm)]');
    await form.getByRole('button', { name: 'Add this step' }).click();
    const steps = recipe.getByRole('list', { name: 'Recipe steps' });
    await expect.poll(() => steps.textContent()).toContain('mass_per_flipper');
    const preview = page.getByRole('table', { name: 'Before and after' });
    await preview.waitFor();
    const row = preview.getByRole('row', { name: /^mass_per_flipper added/ });
    const after = (await row.getByRole('cell').nth(2).textContent())!.split(', ').map(Number);
    // Penguins' first row: 3750 g over 181 mm.
    expect(after[0]).toBeCloseTo(3750 / 181, 10);
  });

  it('adds, disables, reorders, undoes and redoes steps', async () => {
    const { page } = suite.studio;
    const recipe = page.getByRole('region', { name: 'Recipe' });
    await recipe.getByLabel('Add step').selectOption('scale');
    const form = page.getByRole('form', { name: 'Step' });
    await form.getByRole('checkbox', { name: 'Body Mass (g)' }).check();
    await form.getByLabel('Method').selectOption('minMax');
    await form.getByRole('button', { name: 'Add this step' }).click();
    const steps = recipe.getByRole('list', { name: 'Recipe steps' });
    await expect.poll(() => steps.getByRole('listitem').count()).toBe(2);
    await recipe.getByRole('button', { name: 'Move step 2 up' }).click();
    await expect.poll(async () => (await steps.getByRole('listitem').first().textContent()) ?? '').toMatch(/^Scale/);
    await recipe.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await steps.getByRole('listitem').first().textContent()) ?? '').toMatch(/^Derived column/);
    await recipe.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(async () => (await steps.getByRole('listitem').first().textContent()) ?? '').toMatch(/^Scale/);
    // The change is checked in the data worker first, so the box follows the recipe a moment later.
    await recipe.getByLabel('Step 1 enabled').click();
    await expect.poll(() => recipe.getByLabel('Step 1 enabled').isChecked()).toBe(false);
  });

  it('trains with the recipe, says in words how it was fitted, and exports it as Python', async () => {
    const { page } = suite.studio;
    await page.getByLabel('Tuning', { exact: true }).selectOption('none');
    await page.getByLabel('Time budget (seconds)').fill('1');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/^Trained \d+ models?/).waitFor({ timeout: 120_000 });
    const fitted = page.getByRole('list', { name: 'Fitted recipe' });
    await fitted.waitFor();
    const text = await fitted.textContent();
    expect(text).toMatch(/mass_per_flipper/);
    expect(text).toMatch(/training rows/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Python script' }).click()]);
    const script = (await readDownload(download)).toString('utf8');
    expect(script).toContain('import pandas');
    expect(script).toContain('mass_per_flipper');
  });

  it('keeps the recipe after a reload', async () => {
    const { page } = suite.studio;
    await page.reload();
    await page.getByText('344 rows', { exact: true }).waitFor();
    const steps = page.getByRole('list', { name: 'Recipe steps' });
    await expect.poll(() => steps.getByRole('listitem').count(), { timeout: 20_000 }).toBe(2);
  });
});
