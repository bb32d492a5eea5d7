/**
 * Runs one measurement as a child process (so each gets a fresh runtime and its own peak memory) and reads the
 * JSON line it prints last. Never throws: a failure comes back as `{ error }` with the child's last words.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PYTHON = process.env.BENCH_PYTHON || '/usr/bin/python3';

/** @returns {Record<string, any>} the child's JSON result, or `{ error: string }`. */
export function runJsonChild(command, args, { timeoutMs = 600_000, env } = {}) {
  const child = spawnSync(command, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const lines = (child.stdout ?? '').trim().split('\n');
  const last = lines[lines.length - 1];
  let parsed;
  try {
    parsed = last ? JSON.parse(last) : null;
  } catch {
    parsed = null;
  }
  if (parsed && typeof parsed === 'object') return parsed;
  const why = child.error
    ? child.error.code === 'ETIMEDOUT'
      ? `timed out after ${Math.round(timeoutMs / 1000)} s`
      : child.error.message
    : child.signal
      ? `killed by ${child.signal}`
      : `exit code ${child.status}`;
  const tail = lastLine(child.stderr) || lastLine(child.stdout);
  return { error: `${why}${tail ? `: ${tail}` : ''}` };
}

export function lastLine(text) {
  return (text ?? '')
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop();
}

/** Ours: the engine under Node with the tsx loader (one process, so maxRSS is the stage's own). */
export function runOurs(stage, file, ...more) {
  return runJsonChild(process.execPath, ['--import', 'tsx', 'bench/stages/nodeStage.ts', stage, file, ...more.map(String)]);
}

/** The reference: pandas in a fresh Python process. */
export function runPandas(stage, file, ...more) {
  return runJsonChild(PYTHON, ['bench/stages/pandasStage.py', stage, file, ...more.map(String)]);
}

/** The streamed sample in the page (browserSampleStage.mjs). */
export function runBrowserSample(file, fileRows, dist) {
  return runJsonChild(process.execPath, ['bench/stages/browserSampleStage.mjs', file, String(fileRows), dist], { timeoutMs: 900_000 });
}

export function runBrowser(file, rows, dist) {
  return runJsonChild(process.execPath, ['bench/stages/browserStage.mjs', file, String(rows), dist]);
}

/** Reads the file once so every measured run finds it in the page cache (no run pays the disk alone). */
export async function warmPageCache(path) {
  for await (const _chunk of createReadStream(path, { highWaterMark: 8 * 1024 * 1024 })) {
    // reading is the point
  }
}

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
