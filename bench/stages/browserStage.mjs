#!/usr/bin/env node
/**
 * The browser stage: the production build (dist/) in headless Chromium, a user uploading the benchmark file.
 * Run by bench/run.mjs as `node bench/stages/browserStage.mjs <file.csv> <rows> [dist]`; prints one JSON line.
 *
 * 1. Serves dist/ with scripts/serve-static.mjs (cross-origin isolation headers included) on loopback.
 * 2. Before any page script runs (addInitScript), registers a `longtask` PerformanceObserver that records
 *    every main-thread task over 50 ms (start and duration).
 * 3. Opens `?example=none` (no example is auto-loaded), picks the file in the input labelled "Upload CSV" by
 *    its path (Chromium reads it from disk; nothing is copied through the protocol), waits for the text
 *    `<rows> rows`, then for the User Timing measure `profile`.
 * 4. Reports the measures `ingest` and `profile` (the app's own: from the user's action to the result painted),
 *    the long tasks inside the stage window [ingest start, profile end] (count and longest), and the peak
 *    memory of the whole Chromium process tree: the sum of resident anonymous and shared-memory pages
 *    (RssAnon + RssShmem of /proc/<pid>/status) over every descendant process of this script, every 100 ms.
 *    `ingestPeakResidentKB` is that peak up to the moment the `ingest` measure appears (polled every 50 ms), so
 *    it is the reader's memory without the profile's; `peakResidentKB` covers the whole window.
 * 5. Before the upload, `firstLoad`: when the page became interactive (see measureFirstLoad). The page is left
 *    quiet for 5 s for that, which also settles start-up work before the memory baseline.
 *
 * Why not PSS: /proc/<pid>/smaps_rollup walks the page tables of each process, about 50 ms of CPU per sample
 * with a 1 GB renderer, so sampling it every 100 ms took half of one of this machine's two cores away from
 * the very workers being timed. The status counters are kept by the kernel and cost well under 1 ms a sample.
 * They leave out file-backed pages (code, fonts), which do not grow with the data, and they can count a
 * shared-memory page once in each process that maps it; the increase over the idle page is what is reported.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/serve-static.mjs';

/** The same flags as e2e/harness.ts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const STAGE_TIMEOUT_MS = Number(process.env.BENCH_BROWSER_TIMEOUT_MS) || 300_000;

/** Every process below `root` (Chromium's browser, renderer, GPU and utility processes). */
export function descendants(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    for (const child of children.get(stack.pop()) ?? []) {
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

/** Resident anonymous + shared-memory kB of one process (0 if it ended meanwhile or /proc is unreadable). */
function residentKB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? 0) + Number(/^RssShmem:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory (kB, as residentKB) of the whole process tree below this script; 0 where /proc is unavailable. */
export function treeResidentKB(pids = descendants(process.pid)) {
  let total = 0;
  for (const pid of pids) total += residentKB(pid);
  return total;
}

/** Peak of treeResidentKB every `intervalMs`; the process list (a scan of all of /proc) is refreshed every second. */
export function memorySampler(intervalMs = 100) {
  let peak = 0;
  let pids = descendants(process.pid);
  let listedAt = performance.now();
  const sample = () => {
    if (performance.now() - listedAt >= 1000) {
      pids = descendants(process.pid);
      listedAt = performance.now();
    }
    peak = Math.max(peak, treeResidentKB(pids));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    /** The peak so far, sampled now. */
    peakSoFar() {
      sample();
      return peak;
    },
    stop() {
      clearInterval(timer);
      pids = descendants(process.pid);
      sample();
      return peak;
    },
  };
}

/** How long after the profile appears the stage window stays open, to include drawing its charts. */
const CHART_SETTLE_MS = 3000;

/** Runs in the page before its scripts: record every long task. */
function observeLongTasks() {
  const state = { longTasks: [], supported: true };
  Object.defineProperty(window, '__benchLongTasks', { value: state });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    state.supported = false;
  }
}

/** The quiet window after which a page counts as interactive (as in Lighthouse's time to interactive). */
const QUIET_WINDOW_MS = 5000;

/**
 * First load of the production build, on loopback, in a fresh profile (nothing cached): the moment the page
 * is interactive, in ms from navigation start. Like Lighthouse's time to interactive, simplified: the latest
 * of first contentful paint, the "Upload CSV" control being there, and the end of the last main-thread task
 * over 50 ms before a 5 s window without one. Waits for that window (up to 20 s).
 */
async function measureFirstLoad(page) {
  const controlMs = await page.evaluate(() => performance.now());
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { now, lastEnd } = await page.evaluate(() => ({
      now: performance.now(),
      lastEnd: window.__benchLongTasks.longTasks.reduce((m, t) => Math.max(m, t.start + t.duration), 0),
    }));
    if (now - lastEnd >= QUIET_WINDOW_MS || Date.now() > deadline) break;
    await page.waitForTimeout(250);
  }
  return page.evaluate(
    ({ controlMs }) => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      const tasks = window.__benchLongTasks.longTasks.map((t) => ({ at: Math.round(t.start), ms: Math.round(t.duration) }));
      const lastTaskEnd = tasks.reduce((m, t) => Math.max(m, t.at + t.ms), 0);
      return { fcpMs: Math.round(fcp), controlMs: Math.round(controlMs), interactiveMs: Math.round(Math.max(fcp, controlMs, lastTaskEnd)), tasks };
    },
    { controlMs },
  );
}

async function main() {
  const [file, rowsArg, distArg = 'dist'] = process.argv.slice(2);
  const rows = Number(rowsArg);
  if (!file || !Number.isInteger(rows)) throw new Error('usage: browserStage.mjs <file.csv> <rows> [dist]');
  const dist = resolve(distArg);
  if (!existsSync(resolve(dist, 'index.html'))) throw new Error(`no production build in ${dist} (run \`npx vite build\`)`);

  const server = await startStaticServer({ root: dist });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const origin = new URL(server.url).origin;
    // The service worker would download the whole build in the background while the stage is measured.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
    await context.addInitScript(observeLongTasks);
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));

    await page.goto(new URL('?example=none', server.url).href, { waitUntil: 'load' });
    const input = page.getByLabel('Upload CSV');
    await input.waitFor({ state: 'attached' });
    const firstLoad = await measureFirstLoad(page);
    const baselineResidentKB = treeResidentKB();

    const sampler = memorySampler();
    const started = performance.now();
    let rowsVisibleMs;
    let peakResidentKB = 0;
    let ingestPeakResidentKB = 0;
    try {
      await input.setInputFiles(file);
      await page.waitForFunction(() => performance.getEntriesByType('measure').some((e) => e.name === 'ingest'), null, {
        timeout: STAGE_TIMEOUT_MS,
        polling: 50,
      });
      ingestPeakResidentKB = sampler.peakSoFar();
      await page.getByText(`${rows} rows`, { exact: true }).waitFor({ state: 'visible', timeout: STAGE_TIMEOUT_MS });
      rowsVisibleMs = performance.now() - started;
      await page.waitForFunction(() => performance.getEntriesByType('measure').some((e) => e.name === 'profile'), null, {
        timeout: STAGE_TIMEOUT_MS,
        polling: 100,
      });
      // The Explore charts are drawn after the profile arrives: keep watching while they render.
      await page.waitForTimeout(CHART_SETTLE_MS + 300); // long-task entries are delivered after the task ends
    } catch (error) {
      const alert = await page.locator('[role="alert"]').allInnerTexts().catch(() => []);
      throw new Error(`${error instanceof Error ? error.message.split('\n')[0] : error}${alert.length ? ` (page says: ${alert.join(' | ').replace(/\s+/g, ' ')})` : ''}${pageErrors.length ? ` (page errors: ${pageErrors.join(' | ')})` : ''}`, { cause: error });
    } finally {
      peakResidentKB = sampler.stop();
    }

    const seen = await page.evaluate(() => ({
      measures: performance.getEntriesByType('measure').map((e) => ({ name: e.name, start: e.startTime, duration: e.duration, detail: e.detail ?? null })),
      longTasks: window.__benchLongTasks.longTasks,
      supported: window.__benchLongTasks.supported,
      crossOriginIsolated: window.crossOriginIsolated,
    }));
    const last = (name) => seen.measures.filter((m) => m.name === name).pop();
    const ingest = last('ingest');
    const profile = last('profile');
    if (!ingest || !profile) throw new Error(`missing measure(s): got ${seen.measures.map((m) => m.name).join(', ') || 'none'}`);
    const windowStart = ingest.start;
    const windowEnd = profile.start + profile.duration + CHART_SETTLE_MS;
    const inStage = seen.longTasks.filter((t) => t.start + t.duration > windowStart && t.start < windowEnd);
    const beforeStage = seen.longTasks.filter((t) => t.start + t.duration <= windowStart);
    console.log(
      JSON.stringify({
        stage: 'browser',
        chromium: browser.version(),
        ingestMs: ingest.duration,
        // 2 when the file was read on two threads (the page's readInTwo), 1 when whole on one.
        ingestThreads: ingest.detail?.threads ?? null,
        profileMs: profile.duration,
        rowsVisibleMs,
        longTaskObserver: seen.supported,
        longTasks: inStage.length,
        longestTaskMs: inStage.reduce((m, t) => Math.max(m, t.duration), 0),
        longTaskTotalMs: inStage.reduce((s, t) => s + t.duration, 0),
        // Where each long task fell, in ms from the start of ingest, beside the ends of the two measures.
        longTaskTimeline: {
          ingestEnd: Math.round(ingest.start + ingest.duration - windowStart),
          profileStart: Math.round(profile.start - windowStart),
          profileEnd: Math.round(profile.start + profile.duration - windowStart),
          tasks: inStage.map((t) => ({ at: Math.round(t.start - windowStart), ms: Math.round(t.duration) })),
        },
        firstLoad,
        longTasksAtLoad: beforeStage.length,
        longestTaskAtLoadMs: beforeStage.reduce((m, t) => Math.max(m, t.duration), 0),
        baselineResidentKB,
        ingestPeakResidentKB,
        peakResidentKB,
        crossOriginIsolated: seen.crossOriginIsolated,
        pageErrors,
      }),
    );
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

/** Runs a stage's `main` when `moduleUrl` is the script Node was started with; a failure prints `{ error }` and exits with 2. */
export function runIfMain(moduleUrl, main) {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  main().catch((error) => {
    console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    process.exitCode = 2;
  });
}

runIfMain(import.meta.url, main);
