/**
 * Sorts the present values of a column and records, for each sorted position, the row it came
 * from (an argsort): the order gives every row its rank for Spearman correlation, from the same
 * sort that the quartiles need, so a numeric column is sorted once, not twice.
 *
 * A radix sort on the IEEE-754 bits, like sortFloat64, with the row index carried along in each
 * pass: a comparison sort of a million indices takes several times longer. Decimal columns take
 * a shorter road to the same order (argsortDecimal).
 */
import { argsortDecimal } from './argsortDecimal';

const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Work buffers (3 words per row each), reused across the columns of a table. */
export interface ArgsortScratch {
  a: Uint32Array;
  b: Uint32Array;
}

export function argsortScratch(rows: number): ArgsortScratch {
  return { a: new Uint32Array(rows * 3), b: new Uint32Array(rows * 3) };
}

/**
 * Writes the present values (not marked missing, not NaN) ascending into `sorted` and their rows
 * into `order`; returns how many there are and their sum (in row order, as a first pass would).
 * -0 sorts just before +0 and +-Infinity to the ends. Equal values keep row order (the sort is stable).
 */
export function argsortPresent(
  values: Float64Array,
  missing: Uint8Array,
  sorted: Float64Array,
  order: Int32Array,
  scratch?: ArgsortScratch,
): { count: number; sum: number } {
  const n = values.length;
  if (!LITTLE_ENDIAN) return argsortByComparison(values, missing, sorted, order);
  const buffers = scratch && scratch.a.length >= n * 3 ? scratch : argsortScratch(n);
  const decimal = argsortDecimal(values, missing, sorted, order, buffers.a, buffers.b);
  if (decimal) return decimal;
  const counts = new Uint32Array(3 * BUCKETS);
  let src = buffers.a;
  const sum = gatherKeys(values, missing, src, counts);
  let m = 0;
  for (let b = 0; b < BUCKETS; b++) m += counts[b];
  // LSD passes on the high word only (sign, exponent, top of the mantissa): rows then stand in
  // runs of equal high words, and finishRuns orders each run by its low word. Continuous data has
  // short runs and integers have equal low words, so this halves the passes of a full 64-bit sort.
  let dst = buffers.b;
  for (let d = 0; d < 3 && m > 1; d++) {
    const digit = counts.subarray(d * BUCKETS, (d + 1) * BUCKETS);
    // A digit every value shares does not reorder anything: skip the pass.
    if (digit[(src[1] >>> (d * BITS)) & MASK] === m) continue;
    highWordPass(src, dst, m, d * BITS, digit);
    const t = src;
    src = dst;
    dst = t;
  }
  finishRuns(src, dst, m, new Uint32Array(sorted.buffer, sorted.byteOffset, m * 2), order);
  return { count: m, sum };
}

/**
 * Writes the present values' sortable bits (negatives flipped, positives' sign set) and rows as
 * (low word, high word, row) triples into `out`, counting the high word's three digits; returns
 * their sum in row order. (Each loop is a function of its own: V8 compiles a hot loop while it
 * runs, and code after it that has never run would send each later call back to the interpreter.)
 */
function gatherKeys(values: Float64Array, missing: Uint8Array, out: Uint32Array, counts: Uint32Array): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let m = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    sum += v;
    let lo = words[2 * i];
    let hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    const at = 3 * m++;
    out[at] = lo;
    out[at + 1] = hi;
    out[at + 2] = i;
    counts[hi & MASK]++;
    counts[BUCKETS + ((hi >>> BITS) & MASK)]++;
    counts[2 * BUCKETS + (hi >>> (2 * BITS))]++;
  }
  return sum;
}

/** One stable pass of the triples by the high word's digit at `shift`, `counts` being that digit's counts. */
function highWordPass(src: Uint32Array, dst: Uint32Array, m: number, shift: number, counts: Uint32Array): void {
  let total = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = counts[b];
    counts[b] = total;
    total += c;
  }
  for (let i = 0; i < 3 * m; i += 3) {
    const hi = src[i + 1];
    const at = 3 * counts[(hi >>> shift) & MASK]++;
    dst[at] = src[i];
    dst[at + 1] = hi;
    dst[at + 2] = src[i + 2];
  }
}

/**
 * Orders each run of equal high words by low word, stably, and decodes it into the float bits of
 * `out` and the rows of `order` while it is still in cache (triples of lo, hi, row; `tmp` as big).
 */
function finishRuns(a: Uint32Array, tmp: Uint32Array, m: number, out: Uint32Array, order: Int32Array): void {
  let s = 0;
  while (s < m) {
    const hi = a[3 * s + 1];
    let e = s + 1;
    let ordered = true;
    while (e < m && a[3 * e + 1] === hi) {
      if (a[3 * e] < a[3 * e - 3]) ordered = false;
      e++;
    }
    if (!ordered) {
      if (e - s <= 32) insertionSortByLow(a, s, e);
      else radixSortByLow(a, tmp, s, e);
    }
    // Undo the gather pass's sortable-bits mapping.
    const negative = (hi & 0x80000000) === 0;
    const outHi = negative ? ~hi >>> 0 : (hi & 0x7fffffff) >>> 0;
    for (let i = s; i < e; i++) {
      out[2 * i] = negative ? ~a[3 * i] >>> 0 : a[3 * i];
      out[2 * i + 1] = outHi;
      order[i] = a[3 * i + 2];
    }
    s = e;
  }
}

function insertionSortByLow(a: Uint32Array, s: number, e: number): void {
  for (let i = s + 1; i < e; i++) {
    const lo = a[3 * i];
    const hi = a[3 * i + 1];
    const row = a[3 * i + 2];
    let j = i - 1;
    while (j >= s && a[3 * j] > lo) {
      a[3 * j + 3] = a[3 * j];
      a[3 * j + 4] = a[3 * j + 1];
      a[3 * j + 5] = a[3 * j + 2];
      j--;
    }
    a[3 * j + 3] = lo;
    a[3 * j + 4] = hi;
    a[3 * j + 5] = row;
  }
}

/** A long run (many values within one high word): three LSD passes on the low word, through `tmp`. */
function radixSortByLow(a: Uint32Array, tmp: Uint32Array, s: number, e: number): void {
  const counts = new Uint32Array(BUCKETS);
  let src = a;
  let dst = tmp;
  for (let d = 0; d < 3; d++) {
    const shift = d * BITS;
    counts.fill(0);
    for (let i = s; i < e; i++) counts[(src[3 * i] >>> shift) & MASK]++;
    let total = s;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b];
      counts[b] = total;
      total += c;
    }
    for (let i = s; i < e; i++) {
      const at = 3 * counts[(src[3 * i] >>> shift) & MASK]++;
      dst[at] = src[3 * i];
      dst[at + 1] = src[3 * i + 1];
      dst[at + 2] = src[3 * i + 2];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  // Three passes end in `tmp`: copy the run back.
  a.set(src.subarray(3 * s, 3 * e), 3 * s);
}

/** The slow, obviously correct path for big-endian machines (whose word order the radix sort assumes). */
function argsortByComparison(
  values: Float64Array,
  missing: Uint8Array,
  sorted: Float64Array,
  order: Int32Array,
): { count: number; sum: number } {
  const rows: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    rows.push(i);
    sum += v;
  }
  rows.sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : a - b));
  rows.forEach((r, i) => {
    order[i] = r;
    sorted[i] = values[r];
  });
  return { count: rows.length, sum };
}
