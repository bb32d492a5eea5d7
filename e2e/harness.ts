/**
 * End-to-end harness: drives the production build (served by e2e/globalSetup.ts under `/studio/`) in the
 * system Chromium through playwright-core.
 *
 * Tests are hermetic: every request to another origin is recorded in `externalRequests` and aborted, so a
 * test can assert the studio never talks to the network. Page errors and console errors are recorded too.
 *
 *   const studio = await openStudio();
 *   try { ... } finally { await studio.close(); }
 *
 * or, to share one browser across the tests of a file:
 *
 *   const browser = await launchBrowser();           // beforeAll
 *   const studio = await newStudioPage(browser);     // per test; studio.close() closes only its context
 *   await browser.close();                           // afterAll
 *
 * or, for one browser and one page shared by the tests of a describe block (opened on the penguins example):
 *
 *   const suite = studioForSuite();                  // inside describe; then suite.studio in the tests
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';

export interface StudioOptions {
  /** Path relative to the served base URL (e.g. `'?example=iris'` or `'index.html'`); default `''`. */
  path?: string;
  /**
   * After the page has loaded, take the browser context offline (`context.setOffline(true)`), to prove
   * the studio keeps working without any network once it is open. This happens before the service
   * worker has stored the build, so a reload or a lazily loaded chunk then fails; to go offline with
   * the build stored, call `waitUntilAvailableOffline(page)` and then `context.setOffline(true)`.
   */
  offline?: boolean;
  /** Overrides `inject('baseUrl')`, e.g. to test a build served elsewhere. */
  baseUrl?: string;
}

export interface Studio {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** URL the build is served from, ending with `/studio/`. */
  baseUrl: string;
  /** Every request (URL) whose origin differs from the served origin; all of them were aborted. */
  externalRequests: string[];
  /** Uncaught exceptions in the page (`pageerror`), as `name: message`. */
  pageErrors: string[];
  /** Text of console messages of type `error`. */
  consoleErrors: string[];
  /** Closes the context, and the browser too when it was launched by `openStudio`. */
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Launches the system Chromium ($CHROMIUM_PATH, else /usr/bin/chromium) headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Opens the studio in a fresh context of an existing browser; `close()` closes only that context. */
export async function newStudioPage(browser: Browser, options: StudioOptions = {}): Promise<Studio> {
  const baseUrl = options.baseUrl ?? inject('baseUrl');
  if (!baseUrl) throw new Error('No baseUrl: run the e2e tests with `vitest run --project e2e` (its globalSetup serves dist/).');
  const servedOrigin = new URL(baseUrl).origin;

  const context = await browser.newContext({ acceptDownloads: true });
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  // Hermetic: record and abort anything that leaves the served origin (service-worker requests included).
  await context.route(
    (url) => url.origin !== servedOrigin,
    async (route) => {
      externalRequests.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  await context.routeWebSocket(
    (url) => new URL(url.href.replace(/^ws/, 'http')).origin !== servedOrigin,
    (ws) => {
      externalRequests.push(ws.url());
      void ws.close();
    },
  );

  // Every Content-Security-Policy violation is recorded, so a test can assert there were none.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });

  const close = async () => {
    await context.close();
  };

  try {
    await page.goto(new URL(options.path ?? '', baseUrl).href, { waitUntil: 'load' });
    if (options.offline) await context.setOffline(true);
  } catch (error) {
    await close();
    throw error;
  }

  return { browser, context, page, baseUrl, externalRequests, pageErrors, consoleErrors, close };
}

/** Launches a browser and opens the studio in it; `close()` closes the browser. */
export async function openStudio(options: StudioOptions = {}): Promise<Studio> {
  const browser = await launchBrowser();
  try {
    const studio = await newStudioPage(browser, options);
    return {
      ...studio,
      close: async () => {
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

const MIME_BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  json: 'application/json',
  zip: 'application/zip',
};

/** A best-effort MIME type for a file name (what a browser would report for a picked file). */
export function mimeTypeFor(fileName: string): string {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

function toBuffer(content: string | Buffer | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

/** Picks an in-memory file in the file input labelled `label` (`page.getByLabel(label)`). */
export async function uploadFile(
  page: Page,
  label: string,
  fileName: string,
  content: string | Buffer | Uint8Array,
): Promise<void> {
  await page.getByLabel(label).setInputFiles({ name: fileName, mimeType: mimeTypeFor(fileName), buffer: toBuffer(content) });
}

/**
 * Simulates dragging a file from the desktop and dropping it (dragenter, dragover, drop) on `target`
 * (a CSS selector, `body` by default).
 */
export async function dropFile(
  page: Page,
  fileName: string,
  content: string | Buffer | Uint8Array,
  target = 'body',
): Promise<void> {
  const base64 = toBuffer(content).toString('base64');
  const dropped = await page.evaluate(
    ({ base64, fileName, mimeType, target }) => {
      const element = target === 'body' ? document.body : document.querySelector(target);
      if (!element) return false;
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([bytes], fileName, { type: mimeType }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        element.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer }));
      }
      return true;
    },
    { base64, fileName, mimeType: mimeTypeFor(fileName), target },
  );
  if (!dropped) throw new Error(`dropFile: no element matches ${JSON.stringify(target)}`);
}

/** Reads a finished download into memory. */
export async function readDownload(download: Download): Promise<Buffer> {
  const failure = await download.failure();
  if (failure) throw new Error(`Download ${download.suggestedFilename()} failed: ${failure}`);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * The page's `performance.measure()` entries as `{ name: durationMs }` (main thread only; when a name was
 * measured more than once, the last measurement wins).
 */
export function measures(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const result: Record<string, number> = {};
    for (const entry of performance.getEntriesByType('measure')) result[entry.name] = entry.duration;
    return result;
  });
}

/** Content-Security-Policy violations the page has reported so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/**
 * Waits until the studio says "Available offline" (its service worker holds every file of the build)
 * and the worker controls the page, so that it reloads and works with the network off from then on.
 */
export async function waitUntilAvailableOffline(page: Page, timeout = 90_000): Promise<void> {
  const status = page.getByRole('status', { name: 'Offline availability' });
  await status.filter({ hasText: /^Available offline$/ }).waitFor({ timeout });
  // The worker claims the page as it activates, which may finish just after the status shows.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
}

/**
 * One browser and one studio page for the tests of a describe block, opened before them (and
 * waited on until the first-visit example shows its size) and closed after them.
 */
export function studioForSuite(): { readonly studio: Studio } {
  let browser: Browser | undefined;
  let studio: Studio | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    studio = await newStudioPage(browser);
    await studio.page.getByText('344 rows', { exact: true }).waitFor();
  });
  afterAll(async () => {
    await studio?.close();
    await browser?.close();
  });
  return {
    get studio(): Studio {
      if (!studio) throw new Error('The studio page is opened in beforeAll; read it inside a test.');
      return studio;
    },
  };
}
