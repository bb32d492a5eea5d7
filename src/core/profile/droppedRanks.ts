/**
 * How far each average rank of a column moves down when some of its ranked rows are dropped
 * (the rows the other column of a Spearman pair lacks), answered for any row in O(1) from a
 * structure small enough to stay in cache.
 *
 * A row whose tie group spans sorted positions [s, e) has average rank (s + e + 1) / 2, so its
 * key K = 2 * rank - 1 = s + e. Dropping rows lowers that rank by (dropped rows below the group)
 * + (dropped rows in the group) / 2. The c dropped rows of a group are marked at slots placed
 * symmetrically about K, strictly inside (2s, 2e) (each group's own interval: no two groups'
 * marks meet), so marks below K plus marks at or below K is exactly 2 * (dropped below) + c.
 * A Spearman pass then reads its ranks in row order, never through a sort order: the random
 * reads of re-ranking by a walk (a cache miss per row and pair) become reads of this structure.
 */
import type { RankArray } from './rankColumn';

/**
 * One int32 per 8 slots: the marks in the earlier entries of its run of 2^16 entries (high 24
 * bits) and the 8 slots' marks (low byte), so a lookup is one read and a byte-table count (a
 * 32-bit popcount in JavaScript costs a dozen operations, more than the read). `base` adds the
 * marks before each run, so the 24 bits never overflow.
 */
export interface DroppedRanks {
  entries: Int32Array;
  base: Int32Array;
  /** Slots per rank unit: 2 (slot K = 2 * rank - 1), or 1 (slot rank - 1) when the column has no ties. */
  scale: number;
  /** How many ranked rows were dropped. */
  count: number;
}

const RUN_BITS = 16;

/** Set bits of each byte value. */
export const BYTE_BITS = Uint8Array.from({ length: 256 }, (_, v) => {
  let c = 0;
  for (let x = v; x; x &= x - 1) c++;
  return c;
});

/** Entries for `rows` rows (the most a scratch buffer for droppedRanks needs). */
export function droppedRanksSize(rows: number): number {
  return ((2 * rows + 1) >>> 3) + 1;
}

/**
 * `ranks` (NaN at unranked rows) loses the rows listed in `drop` that it ranks; null when it ranks
 * none of them (nothing moves). `tied`: whether the column has ties (else every group is one row,
 * K is always odd, and the slots can be ranks - 1: half the memory, so the lookups stay in cache).
 */
export function droppedRanks(
  ranks: RankArray,
  drop: Int32Array,
  tied: boolean,
  scratch?: Int32Array,
): DroppedRanks | null {
  const scale = tied ? 2 : 1;
  const size = ((scale * ranks.length) >>> 3) + 1;
  const entries = scratch && scratch.length >= size ? scratch.subarray(0, size).fill(0) : new Int32Array(size);
  // Keys met a second time (ties) are placed once their counts are known.
  const repeats = new Uint32Array(drop.length);
  const [count, repeated] = markDrops(ranks, drop, scale, entries, repeats);
  if (count === 0) return null;
  if (repeated) spreadRepeats(entries, radixSort(repeats.subarray(0, repeated), size * 8));
  const base = new Int32Array((size >>> RUN_BITS) + 1);
  countMarks(entries, base);
  return { entries, base, scale, count };
}

/**
 * Marks each dropped row's key, or lists it in `repeats` when already marked; returns
 * [dropped rows ranked, keys listed]. (Each loop of this file is a function of its own: V8
 * compiles a loop while it runs, before the code after it has run, and such code leaves for the
 * interpreter when it meets what it has no feedback for.)
 */
function markDrops(ranks: RankArray, drop: Int32Array, scale: number, entries: Int32Array, repeats: Uint32Array): [number, number] {
  let count = 0;
  let repeated = 0;
  for (let t = 0; t < drop.length; t++) {
    const r = ranks[drop[t]];
    if (r !== r) continue;
    count++;
    const k = (scale * r - 1) | 0;
    const bit = 1 << (k & 7);
    if (entries[k >>> 3] & bit) repeats[repeated++] = k;
    else entries[k >>> 3] |= bit;
  }
  return [count, repeated];
}

/** Turns each entry's byte of marks into the packed entry, and fills `base`. */
function countMarks(entries: Int32Array, base: Int32Array): void {
  let total = 0;
  let runStart = 0;
  for (let w = 0; w < entries.length; w++) {
    if ((w & ((1 << RUN_BITS) - 1)) === 0) base[w >>> RUN_BITS] = runStart = total;
    const byte = entries[w];
    entries[w] = ((total - runStart) << 8) | byte;
    total += BYTE_BITS[byte];
  }
}

/**
 * A key marked once that occurs 1 + c' times (c' of them in `sorted`) gets its c = 1 + c' marks at
 * K, K +- 1, ... (c odd) or K +- 1, ..., K +- c / 2 (c even): symmetric about K, and inside the
 * group's interval because c is at most the group's size. (Only tied columns repeat a key.)
 */
function spreadRepeats(entries: Int32Array, sorted: Uint32Array): void {
  const mark = (k: number) => (entries[k >>> 3] |= 1 << (k & 7));
  let p = 0;
  while (p < sorted.length) {
    const k = sorted[p];
    let q = p + 1;
    while (q < sorted.length && sorted[q] === k) q++;
    const c = 1 + q - p;
    for (let d = 1; d <= c >>> 1; d++) {
      mark(k - d);
      mark(k + d);
    }
    if ((c & 1) === 0) entries[k >>> 3] &= ~(1 << (k & 7));
    p = q;
  }
}

/** Sorts keys below `limit` ascending (LSD radix, 11 bits a pass): Uint32Array.sort takes ~10x longer. */
function radixSort(keys: Uint32Array, limit: number): Uint32Array {
  const counts = new Uint32Array(2048);
  let src: Uint32Array = keys;
  let dst: Uint32Array = new Uint32Array(keys.length);
  for (let shift = 0; shift < 32 && limit > 2 ** shift; shift += 11) {
    radixPass(src, dst, shift, counts);
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

function radixPass(src: Uint32Array, dst: Uint32Array, shift: number, counts: Uint32Array): void {
  counts.fill(0);
  for (let i = 0; i < src.length; i++) counts[(src[i] >>> shift) & 2047]++;
  for (let b = 0, total = 0; b < 2048; b++) {
    const c = counts[b];
    counts[b] = total;
    total += c;
  }
  for (let i = 0; i < src.length; i++) dst[counts[(src[i] >>> shift) & 2047]++] = src[i];
}

/** How much the rank `r` of a kept row moves down: (marks below its slot + marks at or below it) / 2. */
export function rankDrop(entries: Int32Array, base: Int32Array, scale: number, r: number): number {
  // An integer below 2^31 (ranks stop at the row count): `| 0` tells the compiler so.
  const k = (scale * r - 1) | 0;
  const w = k >>> 3;
  const b = k & 7;
  const entry = entries[w];
  return base[w >>> RUN_BITS] + (entry >>> 8) + BYTE_BITS[entry & ((1 << b) - 1)] + ((entry >>> b) & 1) * 0.5;
}
