/**
 * The argsort of argsortPresent for columns of decimal numbers (integers, prices, readings with a
 * few decimals: what CSV files mostly hold), in fewer and lighter passes: each value is replaced by
 * the integer k = v * 10^d for the fewest decimals d that give every value back exactly
 * (k / 10^d === v), and the (k, row) pairs are radix-sorted on the bits k actually spans.
 * A column with 4 decimals between -5 and 5 needs two passes of 9 bits over 8-byte records,
 * instead of three passes of 11 bits over 12-byte ones.
 *
 * The order is exactly the general one: with |k| < 2^30, distinct keys give distinct doubles
 * (10^-d exceeds their spacing) and division rounds monotonically, so k orders the values as
 * they order themselves, and equal values keep row order (every pass is stable). A column that is
 * not decimal gets null, after one pass at most (usually after its first value).
 */

/** 10^9 keeps k exact for |v| < 1; more decimals than that are not a decimal column. */
const MAX_DECIMALS = 9;
/** Keys are 2k (an odd key would be -0, see below), so |k| stays under 2^30. */
const KEY_LIMIT = 2 ** 30;
const NEGATIVE_ZERO = -1;

/**
 * Like argsortPresent: the present values ascending into `sorted`, their rows into `order`, their
 * count and their sum in row order; `a` and `b` hold at least 2 words a row. null when the column
 * is not decimal.
 */
export function argsortDecimal(
  values: Float64Array,
  missing: Uint8Array,
  sorted: Float64Array,
  order: Int32Array,
  a: Uint32Array,
  b: Uint32Array,
): { count: number; sum: number } | null {
  const n = values.length;
  // keys[2m] = the key, keys[2m + 1] = the row. A value's key is 2k, and -0 gets -1: between
  // -0.x (k = -1 and below) and +0, where the general sort puts it.
  const keys = new Int32Array(a.buffer, a.byteOffset, 2 * n);
  let decimals = 0;
  let scale = 1;
  let m = 0;
  let sum = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    let k = Math.round(v * scale);
    while (scale === 1 ? k !== v : k / scale !== v) {
      if (decimals === MAX_DECIMALS || !Number.isFinite(v)) return null;
      decimals++;
      scale *= 10;
      k = Math.round(v * scale);
      // The keys so far gain a decimal too (still exact: 10k / 10^(d+1) rounds like k / 10^d).
      low = low === NEGATIVE_ZERO ? low : low * 10;
      high = high === NEGATIVE_ZERO ? high : high * 10;
      if (low <= -2 * KEY_LIMIT || high >= 2 * KEY_LIMIT) return null;
      addDecimal(keys, m);
    }
    if (!(Math.abs(k) < KEY_LIMIT)) return null;
    const key = k === 0 && 1 / v < 0 ? NEGATIVE_ZERO : 2 * k;
    if (key < low) low = key;
    if (key > high) high = key;
    keys[2 * m] = key;
    keys[2 * m + 1] = i;
    m++;
    sum += v;
  }
  if (m === 0) return { count: 0, sum };
  sortKeys(a, b, m, low, high, scale, sorted, order);
  return { count: m, sum };
}

/**
 * Stable LSD radix sort of the m (key, row) pairs in `a` by key - low, on as few bits as the
 * range spans, split into passes of at most 11 bits of equal width (fewer buckets, kinder to the
 * cache). The last pass writes the values and rows themselves. Each loop is a function of its
 * own: V8 optimizes one long function with several hot loops loop by loop (on-stack
 * replacement), and then keeps leaving that code at the next loop, on every call.
 */
function sortKeys(
  a: Uint32Array,
  b: Uint32Array,
  m: number,
  low: number,
  high: number,
  scale: number,
  sorted: Float64Array,
  order: Int32Array,
): void {
  const range = high - low;
  const bits = range === 0 ? 0 : 32 - Math.clz32(range);
  const passes = Math.ceil(bits / 11);
  const width = passes ? Math.ceil(bits / passes) : 0;
  const buckets = 1 << width;
  const counts = new Int32Array(buckets * passes);
  if (passes) countDigits(a, m, low, width, passes, counts);
  // A digit every key shares does not reorder anything: its pass is skipped.
  const needed: number[] = [];
  for (let d = 0; d < passes; d++) {
    if (counts[d * buckets + ((((a[0] | 0) - low) >>> (d * width)) & (buckets - 1))] !== m) needed.push(d);
  }
  let src = a;
  let dst = b;
  needed.forEach((d, t) => {
    const digit = counts.subarray(d * buckets, (d + 1) * buckets);
    if (t === needed.length - 1) {
      decodeScatter(src, m, low, d * width, digit, scale, sorted, order);
      return;
    }
    scatter(src, dst, m, low, d * width, digit);
    const swap = src;
    src = dst;
    dst = swap;
  });
  if (needed.length === 0) decode(src, m, scale, sorted, order);
}

/** Every key so far times 10 (-0's stays). */
function addDecimal(keys: Int32Array, m: number): void {
  for (let t = 0; t < 2 * m; t += 2) if (keys[t] !== NEGATIVE_ZERO) keys[t] *= 10;
}

/** Every digit's counts of key - low, in one pass (a function per digit count: see sortKeys). */
function countDigits(a: Uint32Array, m: number, low: number, width: number, passes: number, counts: Int32Array): void {
  const keys = new Int32Array(a.buffer, a.byteOffset, 2 * m);
  if (passes === 1) countOneDigit(keys, m, low, counts);
  else if (passes === 2) countTwoDigits(keys, m, low, width, counts);
  else countThreeDigits(keys, m, low, width, counts);
}

function countOneDigit(keys: Int32Array, m: number, low: number, counts: Int32Array): void {
  const mask = counts.length - 1;
  for (let p = 0; p < 2 * m; p += 2) counts[((keys[p] - low) | 0) & mask]++;
}

function countTwoDigits(keys: Int32Array, m: number, low: number, width: number, counts: Int32Array): void {
  const mask = (1 << width) - 1;
  for (let p = 0; p < 2 * m; p += 2) {
    const x = (keys[p] - low) | 0;
    counts[x & mask]++;
    counts[(1 << width) + ((x >>> width) & mask)]++;
  }
}

function countThreeDigits(keys: Int32Array, m: number, low: number, width: number, counts: Int32Array): void {
  const mask = (1 << width) - 1;
  for (let p = 0; p < 2 * m; p += 2) {
    const x = (keys[p] - low) | 0;
    counts[x & mask]++;
    counts[(1 << width) + ((x >>> width) & mask)]++;
    counts[(2 << width) + ((x >>> (2 * width)) & mask)]++;
  }
}

/** Turns counts into starting places. */
function startsOf(counts: Int32Array): void {
  for (let b = 0, total = 0; b < counts.length; b++) {
    const c = counts[b];
    counts[b] = total;
    total += c;
  }
}

/** One stable pass of (key, row) pairs by the digit of key - low at `shift`, `counts` being that digit's counts. */
function scatter(src: Uint32Array, dst: Uint32Array, m: number, low: number, shift: number, counts: Int32Array): void {
  const mask = counts.length - 1;
  startsOf(counts);
  for (let p = 0; p < 2 * m; p += 2) {
    const key = src[p];
    const at = 2 * counts[(((key | 0) - low) >>> shift) & mask]++;
    dst[at] = key;
    dst[at + 1] = src[p + 1];
  }
}

/** The last pass: like scatter, but it writes each value (decoded from its key) and row in place. */
function decodeScatter(
  src: Uint32Array,
  m: number,
  low: number,
  shift: number,
  counts: Int32Array,
  scale: number,
  sorted: Float64Array,
  order: Int32Array,
): void {
  const keys = new Int32Array(src.buffer, src.byteOffset, 2 * m);
  const mask = counts.length - 1;
  startsOf(counts);
  for (let p = 0; p < 2 * m; p += 2) {
    const key = keys[p];
    const at = counts[((key - low) >>> shift) & mask]++;
    sorted[at] = key === NEGATIVE_ZERO ? -0 : (key >> 1) / scale;
    order[at] = keys[p + 1];
  }
}

/** Sorted (key, row) pairs back to values and rows. */
function decode(words: Uint32Array, m: number, scale: number, sorted: Float64Array, order: Int32Array): void {
  const keys = new Int32Array(words.buffer, words.byteOffset, 2 * m);
  for (let p = 0; p < m; p++) {
    const key = keys[2 * p];
    sorted[p] = key === NEGATIVE_ZERO ? -0 : (key >> 1) / scale;
    order[p] = keys[2 * p + 1];
  }
}
