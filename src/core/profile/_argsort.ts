const BITS = 11, BUCKETS = 1 << BITS, MASK = BUCKETS - 1;
export function argsortPresent(values: Float64Array, missing: Uint8Array, a: Uint32Array, b: Uint32Array, sorted: Float64Array, order: Int32Array): number {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const counts = new Uint32Array(6 * BUCKETS);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    let lo = words[2 * i], hi = words[2 * i + 1];
    if (hi & 0x80000000) { hi = ~hi >>> 0; lo = ~lo >>> 0; } else hi = (hi | 0x80000000) >>> 0;
    a[3 * m] = lo; a[3 * m + 1] = hi; a[3 * m + 2] = i;
    counts[lo & MASK]++;
    counts[BUCKETS + ((lo >>> BITS) & MASK)]++;
    counts[2 * BUCKETS + (lo >>> (2 * BITS))]++;
    counts[3 * BUCKETS + (hi & MASK)]++;
    counts[4 * BUCKETS + ((hi >>> BITS) & MASK)]++;
    counts[5 * BUCKETS + (hi >>> (2 * BITS))]++;
    m++;
  }
  let src = a, dst = b;
  for (let d = 0; d < 6; d++) {
    const base = d * BUCKETS, high = d >= 3 ? 1 : 0, shift = (d % 3) * BITS;
    if (m === 0 || counts[base + ((src[high] >>> shift) & MASK)] === m) continue;
    let sum = 0;
    for (let k = base; k < base + BUCKETS; k++) { const c = counts[k]; counts[k] = sum; sum += c; }
    for (let i = 0; i < m; i++) {
      const lo = src[3 * i], hi = src[3 * i + 1];
      const at = 3 * counts[base + (((high ? hi : lo) >>> shift) & MASK)]++;
      dst[at] = lo; dst[at + 1] = hi; dst[at + 2] = src[3 * i + 2];
    }
    const t = src; src = dst; dst = t;
  }
  const out = new Uint32Array(sorted.buffer, sorted.byteOffset, m * 2);
  for (let i = 0; i < m; i++) {
    let lo = src[3 * i], hi = src[3 * i + 1];
    if (hi & 0x80000000) hi = (hi & 0x7fffffff) >>> 0; else { hi = ~hi >>> 0; lo = ~lo >>> 0; }
    out[2 * i] = lo; out[2 * i + 1] = hi; order[i] = src[3 * i + 2];
  }
  return m;
}
