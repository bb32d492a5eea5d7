/**
 * Faults a real browser can throw at the studio, and what the person keeps through them:
 * two tabs on one project (one writer, the other told), and a full disk (the save fails
 * visibly, the work stays open and "Export project" still writes it).
 *
 * The production build has no test hook for the full disk. The test wraps the page's own
 * IndexedDB API before the studio's scripts run (an init script of the test's browser context)
 * so that, once switched on, every write transaction aborts with a QuotaExceededError: exactly
 * what Chrome reports on a full disk. (Chrome's DevTools quota override,
 * Storage.overrideQuotaForOrigin, does not make an open IndexedDB connection refuse writes,
 * so it cannot stand in for a full disk here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { dropFile, launchBrowser, newStudioPage, openStudio, readDownload, uploadFile, type Studio } from './harness';

const SAVED = 'All changes saved in this browser';

/** Start-up is over (project restored, autosave running): what the person does from now on is saved. */
function ready(page: Page): Promise<unknown> {
  return page.waitForSelector('html[data-studio-ready="true"]', { state: 'attached' });
}

/** The project state the studio saved in IndexedDB, read straight from the database. */
function savedState(page: Page): Promise<{ fileName: string; target: string | null } | null> {
  return page.evaluate(
    () =>
      new Promise<{ fileName: string; target: string | null } | null>((resolve, reject) => {
        const open = indexedDB.open('local-ml-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('state', 'readonly').objectStore('state').get('current');
          get.onsuccess = () => {
            db.close();
            const value = get.result as { fileName: string; target: string | null } | undefined;
            resolve(value ? { fileName: value.fileName, target: value.target } : null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

function smallCsv(rows: number, seed = 1): string {
  const lines = ['x,y,label'];
  for (let i = 0; i < rows; i++) lines.push(`${(i * seed) % 17},${(i * 7) % 13},${(i * seed) % 17 > 8 ? 'high' : 'low'}`);
  return lines.join('\n') + '\n';
}

describe('two tabs on the same project', () => {
  let browser: Browser;
  let first: Studio;

  beforeAll(async () => {
    browser = await launchBrowser();
    first = await newStudioPage(browser);
  });
  afterAll(async () => {
    await first?.close();
    await browser?.close();
  });

  it('the second tab is told it does not save, and never overwrites the first one\'s work', async () => {
    const one = first.page;
    await one.getByText('344 rows', { exact: true }).waitFor();
    await one.getByText(SAVED).waitFor();

    const two = await first.context.newPage();
    await two.goto(first.baseUrl);
    await ready(two);
    const notice = two.getByRole('alert').filter({ hasText: 'open for editing in another tab' });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/this tab does not save/);
    // It shows the saved project, read-only.
    await two.getByText('344 rows', { exact: true }).waitFor();
    await two.getByText('Not saved: open in another tab').waitFor();

    // Work in the second tab stays in that tab.
    await uploadFile(two, 'Upload CSV', 'second-tab.csv', smallCsv(30));
    await two.getByText('30 rows', { exact: true }).waitFor();
    await two.waitForTimeout(1500);
    expect(await savedState(one)).toEqual({ fileName: 'penguins.csv', target: 'Species' });
    expect(await two.getByText(SAVED).count()).toBe(0);

    // The first tab keeps saving.
    await one.getByLabel('Target', { exact: true }).selectOption('Island');
    await expect.poll(() => savedState(one), { timeout: 10_000 }).toEqual({ fileName: 'penguins.csv', target: 'Island' });
    await one.getByText(SAVED).waitFor();

    // A reload of the writer keeps it the writer (the reader does not grab the lock) ...
    await one.reload();
    await ready(one);
    await one.getByText('344 rows', { exact: true }).waitFor();
    expect(await one.getByLabel('Target', { exact: true }).inputValue()).toBe('Island');
    expect(await one.getByText('open for editing in another tab').count()).toBe(0);
    await one.getByLabel('Target', { exact: true }).selectOption('Species');
    await expect.poll(() => savedState(one), { timeout: 10_000 }).toEqual({ fileName: 'penguins.csv', target: 'Species' });
    // ... and the reader hears that the writer let go.
    await two.getByRole('alert').filter({ hasText: 'has closed or reloaded' }).waitFor();

    // Once the writer tab is closed, a reload makes the second tab the writer, with the latest save.
    await one.close();
    await two.reload();
    await ready(two);
    await two.getByText('344 rows', { exact: true }).waitFor();
    expect(await two.getByLabel('Target', { exact: true }).inputValue()).toBe('Species');
    expect(await two.getByText('open for editing in another tab').count()).toBe(0);
    await two.getByLabel('Target', { exact: true }).selectOption('Sex');
    await two.getByText(SAVED).waitFor();
    expect(await savedState(two)).toEqual({ fileName: 'penguins.csv', target: 'Sex' });
    expect(first.pageErrors).toEqual([]);
    expect(first.externalRequests).toEqual([]);
    await two.close();
  });
});

describe('storage full', () => {
  it('a failed save is shown, the work stays open, and "Export project" still saves it', async () => {
    const browser = await launchBrowser();
    const studio = await newStudioPage(browser);
    try {
      const { page } = studio;
      await page.getByText('344 rows', { exact: true }).waitFor();
      await page.getByText(SAVED).waitFor();
      await studio.context.addInitScript(() => {
        const page = window as unknown as { __storageFull?: boolean };
        const put = IDBObjectStore.prototype.put;
        const doomed = new WeakSet<IDBTransaction>();
        IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          const request = put.apply(this, args);
          const tx = this.transaction;
          if (page.__storageFull && !doomed.has(tx)) {
            // As Chrome does on a full disk: every request of the transaction looked fine, then
            // the transaction aborts (at commit) with a QuotaExceededError.
            doomed.add(tx);
            Object.defineProperty(tx, 'error', { get: () => new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
            queueMicrotask(() => tx.abort());
          }
          return request;
        };
      });
      await page.reload();
      await ready(page);
      await page.getByText('344 rows', { exact: true }).waitFor();
      await page.getByText(SAVED).waitFor();
      await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = true));

      await dropFile(page, 'too-big-to-save.csv', smallCsv(2000, 3));
      await page.getByText('2000 rows', { exact: true }).waitFor();
      const alert = page.getByRole('alert').filter({ hasText: 'refused to save' });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/storage for this site is full.*export/i);
      await page.getByText('Not saved', { exact: true }).waitFor();
      // The work stays in memory: the data is open and the person can go on.
      await page.getByLabel('Target', { exact: true }).selectOption('label');
      expect(await page.getByText('2000 rows', { exact: true }).count()).toBeGreaterThan(0);
      // The last good save is untouched.
      expect(await savedState(page)).toEqual({ fileName: 'penguins.csv', target: 'Species' });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export project' }).click()]);
      expect(download.suggestedFilename()).toMatch(/too-big-to-save\.project\.zip$/);
      const files = unzipSync(new Uint8Array(await readDownload(download)));
      const project = JSON.parse(strFromU8(files['project.json'])) as { state: { fileName: string; target: string } };
      expect(project.state).toMatchObject({ fileName: 'too-big-to-save.csv', target: 'label' });
      const datasets = Object.keys(files).filter((name) => name !== 'project.json');
      expect(datasets.some((name) => strFromU8(files[name]).startsWith('x,y,label\n'))).toBe(true);

      // Space again: the next change saves, and the failure is gone.
      await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = false));
      await page.getByLabel('Target', { exact: true }).selectOption('x');
      await page.getByText(SAVED).waitFor({ timeout: 15_000 });
      await expect.poll(() => savedState(page), { timeout: 10_000 }).toEqual({ fileName: 'too-big-to-save.csv', target: 'x' });
      expect(studio.pageErrors).toEqual([]);
    } finally {
      await studio.close();
      await browser.close();
    }
  });
});

/** Changes one record of the studio's IndexedDB behind its back, as damage on disk would. */
function tamper(page: Page, store: 'state' | 'files', key: string, change: 'target' | 'delete'): Promise<void> {
  return page.evaluate(
    ({ store, key, change }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('local-ml-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, 'readwrite');
          const objects = tx.objectStore(store);
          if (change === 'delete') objects.delete(key);
          else {
            const get = objects.get(key);
            get.onsuccess = () => objects.put({ ...(get.result as object), target: 'Island' }, key);
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
    { store, key, change },
  );
}

function readRecord(page: Page, store: string, key: string): Promise<unknown> {
  return page.evaluate(
    ({ store, key }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('local-ml-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction(store, 'readonly').objectStore(store).get(key);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
        };
      }),
    { store, key },
  );
}

/** A studio on a device that reports 1 MB of memory (navigator.deviceMemory), so the page can spare about 512 KB. */
async function openStudioReportingOneMegabyte(): Promise<Studio> {
  const studio = await openStudio();
  await ready(studio.page);
  await studio.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 2 ** -10 }));
  await studio.page.reload();
  await ready(studio.page);
  return studio;
}

describe('a file too big for the memory the device reports', () => {
  it('is read with a warning (shown as reading starts, kept with the import warnings) that names the file, the estimate and what the page can spare', async () => {
    // The page can spare about 512 KB, and this 178 KB file needs about 534 KB.
    const studio = await openStudioReportingOneMegabyte();
    try {
      const { page } = studio;
      const csv = smallCsv(20000, 5);
      expect(csv.length).toBeGreaterThan(175_000);
      await uploadFile(page, 'Upload CSV', 'wide-load.csv', csv);
      await page.getByText('20000 rows', { exact: true }).waitFor();
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.innerText()).toMatch(/Reading "wide-load\.csv" \(\d+ KB\) takes about \d+ KB of memory, more than this browser can likely spare \(about 512 KB\)/);
    } finally {
      await studio.close();
    }
  });
});

describe('a file too big to read whole', () => {
  it('is offered as a random sample, streamed from the file, whose notes name the file\'s own lines, and which comes back after a reload', async () => {
    // The page can spare about 512 KB.
    const studio = await openStudioReportingOneMegabyte();
    try {
      const { page } = studio;
      const lines = ['id,x,word'];
      for (let r = 1; r <= 30_000; r++) lines.push(`${r},${r % 1000 === 0 ? 'late' : r / 4},w${r % 7}`);
      const csv = lines.join('\n') + '\n';
      await uploadFile(page, 'Upload CSV', 'too-big.csv', csv);
      await page.getByRole('alert').getByRole('button', { name: 'Import a random sample instead' }).click();
      await page.getByText(/a random sample of the file's 30,000 rows \(seed 42\)/).waitFor({ timeout: 30_000 });
      const shown = Number((await page.locator('.dataset-size span').first().innerText()).replace(' rows', ''));
      // 512 KB for rows of about 15 bytes, at 5x: about 7,000 rows.
      expect(shown).toBeGreaterThan(5000);
      expect(shown).toBeLessThan(10_000);
      await page.getByText(`A random sample of ${shown.toLocaleString('en-US')} of the 30,000 rows of "too-big.csv" was read (seed 42)`, { exact: false }).first().waitFor();
      // The text values of x are named by their lines in the file: line L holds row L - 1.
      const named = await page.getByText(/line \d+: "late"/).first().innerText();
      const line = Number(/line (\d+): "late"/.exec(named)![1]);
      expect(lines[line - 1]).toBe(`${line - 1},late,w${(line - 1) % 7}`);
      // The sample is what the browser keeps: it comes back after a reload, still a sample.
      await expect.poll(async () => (await savedState(page))?.fileName).toBe('too-big.csv');
      await page.reload();
      await ready(page);
      await page.getByText(`${shown} rows`, { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByText(/a random sample of the file's 30,000 rows \(seed 42\)/).waitFor();
      expect(studio.pageErrors).toEqual([]);
    } finally {
      await studio.close();
    }
  });
});

describe('a damaged saved project', () => {
  it('is detected, kept aside, and the last good version from the history is opened instead', async () => {
    const browser = await launchBrowser();
    const studio = await newStudioPage(browser);
    try {
      const { page } = studio;
      await ready(page);
      await page.getByText('344 rows', { exact: true }).waitFor();
      await page.getByLabel('Tuning', { exact: true }).selectOption('none');
      await page.getByLabel('Time budget (seconds)').fill('1');
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.getByText(/^Trained \d+ models?/).waitFor({ timeout: 120_000 });
      await page.getByRole('table', { name: 'Versions' }).getByText(/for Species/).first().waitFor();
      await page.getByText(SAVED).waitFor();
      const leaderboard = await page.getByRole('table', { name: 'Leaderboard' }).textContent();

      // The saved state no longer matches its checksum.
      await tamper(page, 'state', 'current', 'target');
      await page.reload();
      await ready(page);
      const alert = page.getByRole('alert').filter({ hasText: 'could not be opened' });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/do not match the checksum.*last good version from the history was opened instead: .* on "penguins\.csv"/);
      await page.getByText('344 rows', { exact: true }).waitFor();
      expect(await page.getByLabel('Target', { exact: true }).inputValue()).toBe('Species');
      await page.getByRole('table', { name: 'Leaderboard' }).waitFor();
      expect(await page.getByRole('table', { name: 'Leaderboard' }).textContent()).toBe(leaderboard);
      expect(await readRecord(page, 'state', 'backup:unreadable')).toMatchObject({ fileName: 'penguins.csv', target: 'Island' });

      // The version opened is saved as the project again: the next reload is quiet.
      await page.getByText(SAVED).waitFor();
      await page.reload();
      await ready(page);
      await page.getByText('344 rows', { exact: true }).waitFor();
      expect(await page.getByText('could not be opened').count()).toBe(0);

      // The data file is gone from storage.
      await tamper(page, 'files', 'current', 'delete');
      await page.reload();
      await ready(page);
      await page.getByRole('alert').filter({ hasText: /data file "penguins\.csv" is missing/ }).waitFor();
      await page.getByText('344 rows', { exact: true }).waitFor();

      // The data file is there but its bytes are not the CSV any more.
      await page.getByText(SAVED).waitFor();
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('local-ml-studio');
            open.onsuccess = () => {
              const tx = open.result.transaction('files', 'readwrite');
              const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
              tx.objectStore('files').put({ name: 'penguins.csv', file: new Blob([png]) }, 'current');
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onabort = () => reject(tx.error);
            };
          }),
      );
      await page.reload();
      await ready(page);
      await page.getByRole('alert').filter({ hasText: /data file "penguins\.csv" could not be read back.*last good version/ }).waitFor();
      await page.getByText('344 rows', { exact: true }).waitFor();
      expect(studio.pageErrors).toEqual([]);
    } finally {
      await studio.close();
      await browser.close();
    }
  });
});
