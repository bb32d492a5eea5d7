/**
 * Pairwise-complete Spearman correlation, like pandas `DataFrame.corr(method='spearman')`: each
 * pair uses the rows where both columns are finite, ranked again within those rows.
 *
 * Exact, and fast on large tables: ranks are computed once per column (from the argsort its
 * quartiles need). Pairs of columns without gaps use those ranks directly, in the blocked Pearson
 * kernel. A pair with gaps corrects each rank for the rows the other column lacks (droppedRanks)
 * in one pass in row order: no sort per pair, and no walk through a sort order whose every step
 * is a cache miss.
 */
import { droppedRanks, droppedRanksSize, rankDrop, type DroppedRanks } from './droppedRanks';
import { pearsonMatrix } from './pearson';
import type { RankArray, RankedColumn } from './rankColumn';
import { KERNEL_ROWS, spearmanKernel, type SpearmanKernel } from './spearmanKernel';

export function spearmanMatrix(columns: RankedColumn[]): (number | null)[][] {
  const out = spearmanWithoutGaps(columns);
  const pairs = pairsWithGaps(columns);
  setPairs(out, pairs, spearmanPairs(columns, pairs));
  return out;
}

/**
 * The matrix with the pairs of columns without gaps filled in (ranks used as they are, in the
 * blocked Pearson kernel) and the diagonal; null at the pairs with gaps (pairsWithGaps).
 */
export function spearmanWithoutGaps(columns: RankedColumn[]): (number | null)[][] {
  const k = columns.length;
  const out: (number | null)[][] = columns.map(() => new Array<number | null>(k).fill(null));
  if (k === 0) return out;
  const rows = columns[0].rows;
  const complete: number[] = [];
  columns.forEach((c, j) => {
    if (!c.absent) complete.push(j);
    out[j][j] = c.distinct >= 2 ? 1 : null;
  });
  if (complete.length >= 2) {
    const none = new Uint8Array(rows);
    const blocked = pearsonMatrix(
      complete.map((j) => ({ values: columns[j].ranks, missing: none, mean: (columns[j].present + 1) / 2, complete: true })),
    );
    complete.forEach((a, i) => complete.forEach((b, j) => (a !== b ? (out[a][b] = blocked[i][j]) : undefined)));
  }
  return out;
}

/** The pairs [a, b] (a < b) where either column has gaps: each is a pass of its own (spearmanPairs). */
export function pairsWithGaps(columns: RankedColumn[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < columns.length; a++) {
    for (let b = a + 1; b < columns.length; b++) if (columns[a].absent || columns[b].absent) pairs.push([a, b]);
  }
  return pairs;
}

/**
 * The correlation of each pair [a, b] of `columns`, in the order given. `useKernel: false` keeps
 * to the JavaScript loops, which give the same doubles (for the test that guards exactly that).
 */
export function spearmanPairs(columns: RankedColumn[], pairs: readonly [number, number][], useKernel = true): (number | null)[] {
  const out = new Array<number | null>(pairs.length);
  let next = 0;
  spearmanPairsTaken(columns, pairs, () => next++, (index, value) => (out[index] = value), useKernel);
  return out;
}

/**
 * Computes pair `take()` of `pairs` and hands it to `put`, until `take` gives an index past the
 * last: with a shared counter as `take`, two threads share the pairs as each becomes free.
 */
export function spearmanPairsTaken(
  columns: RankedColumn[],
  pairs: readonly [number, number][],
  take: () => number,
  put: (index: number, value: number | null) => void,
  useKernel = true,
): void {
  let index = take();
  if (index >= pairs.length) return;
  const rows = columns[0].rows;
  // The rows each column with gaps lacks, listed once: every pair with it drops them from the other.
  const gaps = new Map<number, Int32Array>();
  const gapsOf = (j: number): Int32Array | null => {
    const absent = columns[j].absent;
    if (!absent) return null;
    if (!gaps.has(j)) gaps.set(j, listRows(absent));
    return gaps.get(j)!;
  };
  const kernel = useKernel ? spearmanKernel(rows) : null;
  // Both sides of a pair may need one at once; the kernel reads them from its own memory.
  const scratch = kernel?.scratchX ?? new Int32Array(droppedRanksSize(rows));
  const scratchY = kernel?.scratchY ?? new Int32Array(scratch.length);
  for (; index < pairs.length; index = take()) {
    const [a, b] = pairs[index];
    const gapsA = gapsOf(a);
    const gapsB = gapsOf(b);
    // The side with drops goes first (x), so that one loop serves both one-sided cases.
    const [x, y, gapsOfOther, gapsOfFirst] = gapsB ? [columns[a], columns[b], gapsB, gapsA] : [columns[b], columns[a], gapsA, gapsB];
    const dropX = gapsOfOther ? droppedRanks(x.ranks, gapsOfOther, x.distinct < x.present, scratch) : null;
    const dropY = gapsOfFirst ? droppedRanks(y.ranks, gapsOfFirst, y.distinct < y.present, scratchY) : null;
    put(index, pairSpearman(x.ranks, dropX, y.ranks, dropY, x.present - (dropX?.count ?? 0), kernel));
  }
}

/** Writes each pair's correlation into both of its cells of the matrix. */
export function setPairs(matrix: (number | null)[][], pairs: readonly [number, number][], values: readonly (number | null)[]): void {
  pairs.forEach(([a, b], i) => {
    matrix[a][b] = values[i];
    matrix[b][a] = values[i];
  });
}

/**
 * Rows per call of the loops below. A loop over every row in one call is compiled while it runs
 * (on-stack replacement), and Chromium's V8 (Chromium 156) runs that OSR code about twice as slowly
 * as code compiled for the function's entry, for the first hundred or so pairs of a profile: 45 ms a
 * pair instead of 20 ms on 1,000,000 rows, 1.3 s more on the benchmark file. Many short calls get
 * the function compiled for its entry after a few of them. (Node's older V8 shows no difference.)
 * The same as the WebAssembly kernel's, so both add the same partial sums: the same doubles.
 */
const ROWS_PER_CALL = KERNEL_ROWS;

/**
 * Correlation of the ranks of x and y within the `m` rows both rank (NaN marks the others), each
 * moved down for its dropped rows; both are centred on the exact mean rank (m + 1) / 2. x is the
 * side with drops when only one has them.
 */
function pairSpearman(
  x: RankArray,
  dropX: DroppedRanks | null,
  y: RankArray,
  dropY: DroppedRanks | null,
  m: number,
  kernel: SpearmanKernel | null,
): number | null {
  const mean = (m + 1) / 2;
  if (kernel && dropX && x instanceof Float32Array && y instanceof Float32Array) {
    const sums = kernel.sums(x, dropX, y, dropY, mean);
    return correlation(sums[0], sums[1], sums[2], m);
  }
  // [sum of dx * dy, dx * dx, dy * dy], added to by each run of rows.
  const sums = new Float64Array(3);
  for (let from = 0; from < x.length; from += ROWS_PER_CALL) {
    const to = Math.min(x.length, from + ROWS_PER_CALL);
    if (dropX && dropY) bothDropped(x, dropX.entries, dropX.base, dropX.scale, y, dropY.entries, dropY.base, dropY.scale, mean, from, to, sums);
    else if (dropX) oneDropped(x, dropX.entries, dropX.base, dropX.scale, y, mean, from, to, sums);
    else noneDropped(x, y, mean, from, to, sums);
  }
  return correlation(sums[0], sums[1], sums[2], m);
}

/*
 * The three loops below take the structure's arrays as arguments and keep their sums in local
 * variables, adding them to `sums` once the loop ends (returning several sums in an array literal
 * makes V8 box the accumulators: three times slower).
 */

/** Rows [from, to): x moved for its drops, y as it is. */
function oneDropped(
  x: RankArray,
  entries: Int32Array,
  base: Int32Array,
  scale: number,
  y: RankArray,
  mean: number,
  from: number,
  to: number,
  sums: Float64Array,
): void {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = from; i < to; i++) {
    const rx = x[i];
    const ry = y[i];
    if (rx !== rx || ry !== ry) continue;
    const dx = rx - rankDrop(entries, base, scale, rx) - mean;
    const dy = ry - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  sums[0] += sxy;
  sums[1] += sxx;
  sums[2] += syy;
}

/** Rows [from, to), neither side losing a row (both lack the same rows). */
function noneDropped(x: RankArray, y: RankArray, mean: number, from: number, to: number, sums: Float64Array): void {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = from; i < to; i++) {
    const dx = x[i] - mean;
    const dy = y[i] - mean;
    if (dx !== dx || dy !== dy) continue;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  sums[0] += sxy;
  sums[1] += sxx;
  sums[2] += syy;
}

/** Rows [from, to), both moved for their drops. */
function bothDropped(
  x: RankArray,
  entriesX: Int32Array,
  baseX: Int32Array,
  scaleX: number,
  y: RankArray,
  entriesY: Int32Array,
  baseY: Int32Array,
  scaleY: number,
  mean: number,
  from: number,
  to: number,
  sums: Float64Array,
): void {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = from; i < to; i++) {
    const rx = x[i];
    const ry = y[i];
    if (rx !== rx || ry !== ry) continue;
    const dx = rx - rankDrop(entriesX, baseX, scaleX, rx) - mean;
    const dy = ry - rankDrop(entriesY, baseY, scaleY, ry) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  sums[0] += sxy;
  sums[1] += sxx;
  sums[2] += syy;
}

/** null where undefined: fewer than 2 rows, or a side without spread. */
function correlation(sxy: number, sxx: number, syy: number, m: number): number | null {
  const divisor = Math.sqrt(sxx * syy);
  if (m < 2 || !(divisor > 0) || !Number.isFinite(divisor)) return null;
  return Math.max(-1, Math.min(1, sxy / divisor));
}

function listRows(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const rows = new Int32Array(count);
  for (let i = 0, t = 0; i < mask.length; i++) if (mask[i]) rows[t++] = i;
  return rows;
}
