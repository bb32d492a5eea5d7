#!/usr/bin/env node
/**
 * The benchmark file of docs/performance.md: N rows x 20 columns (12 float, 4 int, 3 categorical, 1 label;
 * 5% missing in f03, f07 and i2), about 122 bytes a row (1,000,000 rows ≈ 122 MB).
 *
 * Deterministic: one seeded 32-bit generator (mulberry32) and arithmetic only (no Math.log/exp/cos, whose last
 * bit may differ between engines), so the same (rows, seed) gives the same bytes on any machine. A sidecar
 * `<file>.json` records rows, seed, size and SHA-256.
 *
 * Cached: the file lives in bench/data/ (gitignored) under a name made of (generator version, rows, seed) and
 * is only written when missing. Streamed: rows are written in blocks with back-pressure, so memory stays small
 * whatever N is. Written to a temporary name and renamed, so an interrupted run never leaves a bad cache.
 *
 *   node bench/generateDataset.mjs [--rows 1000000] [--seed 42] [--force]
 *   import { ensureDataset } from './generateDataset.mjs'; const { path, bytes } = await ensureDataset({ rows });
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
export const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

const COLORS = ['red', 'green', 'blue', 'yellow', 'black', 'white'];
const CITIES = [
  'Berlin', 'Paris', 'Madrid', 'Rome', 'Vienna', 'Oslo', 'Lisbon', 'Dublin', 'Prague', 'Warsaw', 'Athens', 'Zurich', 'Lyon',
  'Munich', 'Porto', 'Milan', 'Krakow', 'Bergen', 'Seville', 'Turin', 'Graz', 'Brno', 'Cork', 'Basel', 'Nice',
];
const SEGMENTS = Array.from({ length: 40 }, (_, i) => `S${String(i).padStart(2, '0')}`);

export const HEADER = [
  ...Array.from({ length: 12 }, (_, j) => `f${String(j).padStart(2, '0')}`),
  'i0', 'i1', 'i2', 'i3',
  'color', 'city', 'segment',
  'label',
];

/** mulberry32: a small, fast, well-mixed 32-bit generator; returns floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Approximately standard normal: the sum of four uniforms, centred and scaled (Irwin-Hall). */
function normal(rand) {
  return (rand() + rand() + rand() + rand() - 2) * 1.7320508075688772;
}

/** One row as CSV text (no newline). Every value is drawn in a fixed order, so the stream is reproducible. */
function makeRow(rand) {
  const f = new Array(12);
  for (let j = 0; j < 6; j++) f[j] = normal(rand);
  for (let j = 6; j < 9; j++) f[j] = rand() * 10000;
  for (let j = 9; j < 12; j++) f[j] = 50 + 10 * normal(rand);
  const age = 18 + Math.floor(rand() * 73);
  const u = rand();
  const count = Math.floor(u * u * 20);
  const year = 1990 + Math.floor(rand() * 35);
  const amount = Math.floor(rand() * 100000);
  const color = Math.floor(rand() * COLORS.length);
  const city = Math.floor(rand() * CITIES.length);
  const segment = Math.floor(rand() * SEGMENTS.length);
  const miss3 = rand() < 0.05;
  const miss7 = rand() < 0.05;
  const missYear = rand() < 0.05;
  // A learnable label (scikit-learn HistGradientBoosting: ~0.78 test accuracy on 200k rows): linear + interaction + category effects + noise.
  const score =
    0.9 * f[0] - 0.7 * f[1] + 0.5 * f[2] * f[3] + 0.0002 * (f[6] - 5000) - 0.05 * (f[9] - 50) + 0.02 * (age - 54) +
    (color === 0 ? 0.6 : color === 3 ? -0.5 : 0) + (city % 5 === 0 ? 0.4 : 0) + 1.2 * normal(rand);
  const cells = [];
  for (let j = 0; j < 6; j++) cells.push(j === 3 && miss3 ? '' : f[j].toFixed(4));
  for (let j = 6; j < 9; j++) cells.push(f[j].toFixed(2));
  for (let j = 9; j < 12; j++) cells.push(f[j].toFixed(3));
  if (miss7) cells[7] = '';
  cells.push(String(age), String(count), missYear ? '' : String(year), String(amount));
  cells.push(COLORS[color], CITIES[city], SEGMENTS[segment], score > 0 ? '1' : '0');
  return cells.join(',');
}

export function datasetPath(rows, seed = 42) {
  return join(DATA_DIR, `bench-v${GENERATOR_VERSION}-${rows}r-s${seed}.csv`);
}

/**
 * Returns the cached file for (rows, seed), writing it first when it is missing.
 * @returns {Promise<{ path: string, bytes: number, rows: number, seed: number, sha256: string, cached: boolean, ms: number }>}
 */
export async function ensureDataset({ rows = 1_000_000, seed = 42, force = false, log = () => {} } = {}) {
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`rows must be a positive integer, not ${rows}`);
  const path = datasetPath(rows, seed);
  const metaPath = `${path}.json`;
  if (!force && existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.bytes === statSync(path).size && meta.rows === rows && meta.seed === seed) return { ...meta, path, cached: true, ms: 0 };
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const started = performance.now();
  const tmp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const hash = createHash('sha256');
  let bytes = 0;
  const write = async (text) => {
    const buf = Buffer.from(text, 'utf8');
    hash.update(buf);
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  try {
    const rand = mulberry32(seed);
    await write(HEADER.join(',') + '\n');
    const BLOCK = 10_000;
    for (let done = 0; done < rows; done += BLOCK) {
      const n = Math.min(BLOCK, rows - done);
      const lines = new Array(n);
      for (let i = 0; i < n; i++) lines[i] = makeRow(rand);
      await write(lines.join('\n') + '\n');
      if (done % 1_000_000 === 0 && done > 0) log(`  generated ${done.toLocaleString('en-US')} rows`);
    }
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    if (existsSync(tmp)) unlinkSync(tmp);
    throw error;
  }
  renameSync(tmp, path);
  const meta = { generatorVersion: GENERATOR_VERSION, rows, seed, columns: HEADER.length, bytes, sha256: hash.digest('hex') };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');
  return { ...meta, path, cached: false, ms: performance.now() - started };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(name);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  const result = await ensureDataset({ rows: value('--rows', 1_000_000), seed: value('--seed', 42), force: args.includes('--force'), log: console.log });
  console.log(
    `${result.path}: ${result.rows} rows, ${(result.bytes / 1e6).toFixed(1)} MB, sha256 ${result.sha256.slice(0, 16)}…` +
      (result.cached ? ' (cached)' : ` (written in ${(result.ms / 1000).toFixed(1)} s)`),
  );
}
