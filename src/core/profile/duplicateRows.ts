/**
 * Exact count of duplicate rows with pandas' `DataFrame.duplicated().sum()` semantics: a row
 * counts when an earlier row holds the same cell in every column (missing equals missing), so the
 * count is the rows minus the distinct rows, whatever order the rows are met in.
 *
 * Each row is hashed column by column (so the column arrays are read in order). The rows are then
 * split by the top bits of their hash into partitions of a few thousand, and each partition meets
 * in a small open-addressing table that stays in cache: one table over a million rows would take
 * a cache and TLB miss per probe. Rows whose 32-bit hashes agree are compared cell by cell, so a
 * collision (about n^2 / 2^33 of them: ~100 in a million rows) costs a comparison, never a wrong count.
 */
import type { Column, Table } from '../data/table';

const EMPTY = -1;
/** Rows per partition aimed at: its table (2 slots a row) and hashes fit in the L2 cache. */
const PARTITION_ROWS = 4096;
/** At most this many columns in the screen (see countDuplicateRows). */
const SCREEN_COLUMNS = 4;

/**
 * `distinct[j]`, when given, is the number of different cells of column j (missing counting as one
 * value): a column with a different cell in every row settles the count at 0, and a screen on the
 * most varied columns (enough that equal rows in them would be a coincidence) usually does too,
 * because rows that differ there differ everywhere; only when it finds equal rows are all columns hashed.
 */
export function countDuplicateRows(table: Table, distinct?: readonly number[]): number {
  const n = table.rowCount;
  const columns = table.columns;
  if (n < 2 || columns.length === 0) return 0;
  const all = columns.map((_, j) => j);
  if (distinct && distinct.length === columns.length) {
    if (distinct.some((d) => d >= n)) return 0;
    const screen: number[] = [];
    let combinations = 1;
    for (const j of [...all].sort((a, b) => distinct[b] - distinct[a])) {
      if (screen.length === SCREEN_COLUMNS || combinations > n * n) break;
      screen.push(j);
      combinations *= Math.max(1, distinct[j]);
    }
    if (screen.length < columns.length && countEqualRows(columns, screen, n) === 0) return 0;
  }
  return countEqualRows(columns, all, n);
}

/** Rows equal to an earlier row in every column of `picked`. */
function countEqualRows(columns: Column[], picked: number[], n: number): number {
  const cols = picked.map((j) => columns[j]);
  const hashes = new Uint32Array(n).fill(0x811c9dc5);
  for (const column of cols) hashColumn(column, n, hashes);
  for (let i = 0; i < n; i++) hashes[i] = finalMix(hashes[i]);
  // Partition by the top bits (the table probes with the low ones), keeping row order within each.
  let bits = 0;
  while (bits < 16 && n >>> bits > PARTITION_ROWS) bits++;
  const shift = 32 - bits;
  const parts = 1 << bits;
  const starts = new Int32Array(parts + 1);
  for (let i = 0; i < n; i++) starts[bits ? (hashes[i] >>> shift) + 1 : 1]++;
  for (let p = 0; p < parts; p++) starts[p + 1] += starts[p];
  const next = starts.slice(0, parts);
  const rows = new Int32Array(n);
  const partHashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = hashes[i];
    const at = next[bits ? h >>> shift : 0]++;
    rows[at] = i;
    partHashes[at] = h;
  }
  let largest = 0;
  for (let p = 0; p < parts; p++) largest = Math.max(largest, starts[p + 1] - starts[p]);
  let capacity = 1;
  while (capacity < largest * 2) capacity *= 2;
  const slots = new Int32Array(capacity);
  let duplicates = 0;
  for (let p = 0; p < parts; p++) {
    const from = starts[p];
    const to = starts[p + 1];
    let size = 1;
    while (size < (to - from) * 2) size *= 2;
    const mask = size - 1;
    slots.fill(EMPTY, 0, size);
    for (let t = from; t < to; t++) {
      const h = partHashes[t];
      let s = h & mask;
      for (;;) {
        const other = slots[s];
        if (other === EMPTY) {
          slots[s] = t;
          break;
        }
        if (partHashes[other] === h && sameRow(cols, rows[other], rows[t])) {
          duplicates++;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }
  return duplicates;
}

/** Mixes each row's cell of `column` into its hash (a multiply-xorshift round). */
function hashColumn(column: Column, n: number, h1: Uint32Array): void {
  const { missing, codes, values } = column;
  if (codes) {
    for (let i = 0; i < n; i++) {
      const w = missing[i] ? 0xfffffffe : codes[i];
      h1[i] = round(h1[i], w);
    }
    return;
  }
  if (!values) {
    for (let i = 0; i < n; i++) h1[i] = round(h1[i], 0xfffffffe);
    return;
  }
  // Blocks of canonical values (-0 as 0, every missing cell the same NaN), read back as words.
  const block = new Float64Array(4096);
  const words = new Uint32Array(block.buffer);
  for (let start = 0; start < n; start += block.length) {
    const len = Math.min(block.length, n - start);
    for (let i = 0; i < len; i++) {
      const v = values[start + i];
      block[i] = missing[start + i] || v !== v ? NaN : v + 0;
    }
    for (let i = 0; i < len; i++) {
      const lo = words[2 * i];
      const hi = words[2 * i + 1];
      const r = start + i;
      h1[r] = round(round(h1[r], lo), hi);
    }
  }
}

/** A cheap combining step (the final mix does the avalanche); a weak spot only costs comparisons. */
function round(h: number, word: number): number {
  const x = Math.imul(h ^ word, 0x9e3779b1);
  return (x ^ (x >>> 16)) >>> 0;
}

function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function sameRow(columns: Column[], a: number, b: number): boolean {
  for (const { missing, codes, values } of columns) {
    const ma = missing[a] === 1 || (values !== undefined && values[a] !== values[a]);
    const mb = missing[b] === 1 || (values !== undefined && values[b] !== values[b]);
    if (ma || mb) {
      if (ma !== mb) return false;
      continue;
    }
    if (codes ? codes[a] !== codes[b] : values ? values[a] !== values[b] : false) return false;
  }
  return true;
}
