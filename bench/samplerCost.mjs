#!/usr/bin/env node
/**
 * What one memory sample of the browser stage costs: PSS from /proc/<pid>/smaps_rollup (used until
 * 2026-11-29) against the RssAnon + RssShmem counters of /proc/<pid>/status (used since), with a
 * renderer holding 400 MB. Run: `node bench/samplerCost.mjs`.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, descendants, treeResidentKB } from './stages/browserStage.mjs';

function treePssKB(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.evaluate(() => {
    globalThis.held = new Float64Array(50_000_000).fill(1);
  });
  const pids = descendants(process.pid);
  for (const [name, sample] of [
    ['PSS (smaps_rollup)', () => treePssKB(pids)],
    ['RssAnon + RssShmem (status)', () => treeResidentKB(pids)],
  ]) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let kB = 0;
    for (let i = 0; i < 10; i++) kB = sample();
    const cpu = process.cpuUsage(cpu0);
    console.log(`${name}: ${((performance.now() - t0) / 10).toFixed(2)} ms wall, ${((cpu.user + cpu.system) / 10_000).toFixed(2)} ms CPU a sample; ${Math.round(kB / 1024)} MB over ${pids.length} processes`);
  }
} finally {
  await browser.close();
}
