/**
 * Sorts a Float64Array ascending, in place, with an LSD radix sort on the IEEE-754 bits
 * (six 11-bit digits, one counting pass for all of them, passes that would not move anything skipped).
 *
 * Two to three times faster than `Float64Array.prototype.sort` on a million values, which is what
 * keeps profiling a large table fast. The input must hold no NaN (the profiler drops missing values
 * first); -0 sorts just before +0, and +-Infinity sort to the ends.
 */
const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `scratch` (at least 2 * length words) is reused when given, saving an allocation per call. */
export function sortFloat64(values: Float64Array, scratch?: Uint32Array): Float64Array {
  const n = values.length;
  if (n < 2) return values;
  if (n < 512 || !LITTLE_ENDIAN) return values.sort();
  // Little-endian words: [2i] is the low word, [2i + 1] the high word (with the sign bit).
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  toSortableBits(words, n);
  // Digit d (0..5) is bits 11*(d%3) .. of the low word (d < 3) or of the high word.
  const counts = new Uint32Array(6 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    counts[lo & MASK]++;
    counts[BUCKETS + ((lo >>> BITS) & MASK)]++;
    counts[2 * BUCKETS + (lo >>> (2 * BITS))]++;
    counts[3 * BUCKETS + (hi & MASK)]++;
    counts[4 * BUCKETS + ((hi >>> BITS) & MASK)]++;
    counts[5 * BUCKETS + (hi >>> (2 * BITS))]++;
  }
  let src: Uint32Array = words;
  let dst: Uint32Array = scratch && scratch.length >= n * 2 ? scratch : new Uint32Array(n * 2);
  for (let d = 0; d < 6; d++) {
    const base = d * BUCKETS;
    const high = d >= 3 ? 1 : 0;
    const shift = (d % 3) * BITS;
    // A digit every value shares does not reorder anything: skip the pass.
    if (counts[base + ((src[high] >>> shift) & MASK)] === n) continue;
    let sum = 0;
    for (let b = base; b < base + BUCKETS; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const lo = src[2 * i];
      const hi = src[2 * i + 1];
      const at = counts[base + (((high ? hi : lo) >>> shift) & MASK)]++;
      dst[2 * at] = lo;
      dst[2 * at + 1] = hi;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== words) words.set(src);
  fromSortableBits(words, n);
  return values;
}

/** Maps float bits to unsigned integers that order like the floats: flip negatives, set the sign of positives. */
function toSortableBits(words: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      words[2 * i + 1] = ~hi >>> 0;
      words[2 * i] = ~words[2 * i] >>> 0;
    } else {
      words[2 * i + 1] = (hi | 0x80000000) >>> 0;
    }
  }
}

function fromSortableBits(words: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      words[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      words[2 * i + 1] = ~hi >>> 0;
      words[2 * i] = ~words[2 * i] >>> 0;
    }
  }
}
