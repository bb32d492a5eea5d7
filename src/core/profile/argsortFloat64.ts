/**
 * Sorts the present values of a column and records, for each sorted position, the row it came
 * from (an argsort): the order gives every row its rank for Spearman correlation, from the same
 * sort that the quartiles need, so a numeric column is sorted once, not twice.
 *
 * An LSD radix sort on the IEEE-754 bits, like sortFloat64, with the row index carried along in
 * each pass: a comparison sort of a million indices takes several times longer.
 */
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
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const counts = new Uint32Array(6 * BUCKETS);
  let m = 0;
  let sum = 0;
  let src = buffers.a;
  // Gather pass: sortable bits (negatives flipped, positives' sign set) and all six digit counts.
  for (let i = 0; i < n; i++) {
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
    src[at] = lo;
    src[at + 1] = hi;
    src[at + 2] = i;
    counts[lo & MASK]++;
    counts[BUCKETS + ((lo >>> BITS) & MASK)]++;
    counts[2 * BUCKETS + (lo >>> (2 * BITS))]++;
    counts[3 * BUCKETS + (hi & MASK)]++;
    counts[4 * BUCKETS + ((hi >>> BITS) & MASK)]++;
    counts[5 * BUCKETS + (hi >>> (2 * BITS))]++;
  }
  let dst = buffers.b;
  for (let d = 0; d < 6 && m > 1; d++) {
    const base = d * BUCKETS;
    const high = d >= 3 ? 1 : 0;
    const shift = (d % 3) * BITS;
    // A digit every value shares does not reorder anything: skip the pass (integers skip most).
    if (counts[base + ((src[high] >>> shift) & MASK)] === m) continue;
    let total = 0;
    for (let b = base; b < base + BUCKETS; b++) {
      const c = counts[b];
      counts[b] = total;
      total += c;
    }
    for (let i = 0; i < 3 * m; i += 3) {
      const lo = src[i];
      const hi = src[i + 1];
      const at = 3 * counts[base + (((high ? hi : lo) >>> shift) & MASK)]++;
      dst[at] = lo;
      dst[at + 1] = hi;
      dst[at + 2] = src[i + 2];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  const out = new Uint32Array(sorted.buffer, sorted.byteOffset, m * 2);
  for (let i = 0; i < m; i++) {
    let lo = src[3 * i];
    let hi = src[3 * i + 1];
    if (hi & 0x80000000) {
      hi = (hi & 0x7fffffff) >>> 0;
    } else {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    }
    out[2 * i] = lo;
    out[2 * i + 1] = hi;
    order[i] = src[3 * i + 2];
  }
  return { count: m, sum };
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
  const key = (v: number) => (Object.is(v, -0) ? -Number.MIN_VALUE / 2 : v);
  rows.sort((a, b) => key(values[a]) - key(values[b]) || a - b);
  rows.forEach((r, i) => {
    order[i] = r;
    sorted[i] = values[r];
  });
  return { count: rows.length, sum };
}
