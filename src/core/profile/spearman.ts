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

export function spearmanMatrix(columns: RankedColumn[]): (number | null)[][] {
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
  // The rows each column with gaps lacks, listed once: every pair with it drops them from the other.
  const gaps = columns.map((c) => (c.absent ? listRows(c.absent) : null));
  // Both sides of a pair may need one at once.
  const scratch = new Int32Array(droppedRanksSize(rows));
  const scratchY = new Int32Array(scratch.length);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const gapsA = gaps[a];
      const gapsB = gaps[b];
      if (!gapsA && !gapsB) continue;
      const x = columns[a];
      const y = columns[b];
      const dropX = gapsB ? droppedRanks(x.ranks, gapsB, x.distinct < x.present, scratch) : null;
      const dropY = gapsA ? droppedRanks(y.ranks, gapsA, y.distinct < y.present, scratchY) : null;
      const r = pairSpearman(x.ranks, dropX, y.ranks, dropY, x.present - (dropX?.count ?? 0));
      out[a][b] = r;
      out[b][a] = r;
    }
  }
  return out;
}

/**
 * Correlation of the ranks of x and y within the `m` rows both rank (NaN marks the others), each
 * moved down for its dropped rows; both are centred on the exact mean rank (m + 1) / 2.
 */
function pairSpearman(
  x: RankArray,
  dropX: DroppedRanks | null,
  y: RankArray,
  dropY: DroppedRanks | null,
  m: number,
): number | null {
  const mean = (m + 1) / 2;
  // The correlation is symmetric: put the side with drops first, so one loop serves both one-sided cases.
  if (dropX && dropY) {
    return bothDropped(x, dropX.entries, dropX.base, dropX.scale, y, dropY.entries, dropY.base, dropY.scale, mean, m);
  }
  const drop = dropX ?? dropY;
  if (drop) return oneDropped(dropX ? x : y, drop.entries, drop.base, drop.scale, dropX ? y : x, mean, m);
  return noneDropped(x, y, mean, m);
}

/*
 * The three loops below take the structure's arrays as arguments and return the correlation
 * itself: V8 compiles a hot loop while it runs (on-stack replacement), before the code after it
 * has ever run, and code there that reads an object or writes an array then sends the function
 * back to the interpreter on the next calls; returning several sums in an array literal also makes
 * it box the accumulators (three times slower).
 */

/** x moved for its drops, y as it is. */
function oneDropped(
  x: RankArray,
  entries: Int32Array,
  base: Int32Array,
  scale: number,
  y: RankArray,
  mean: number,
  m: number,
): number | null {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const rx = x[i];
    const ry = y[i];
    if (rx !== rx || ry !== ry) continue;
    const dx = rx - rankDrop(entries, base, scale, rx) - mean;
    const dy = ry - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return correlation(sxy, sxx, syy, m);
}

/** Neither side loses a row (both lack the same rows). */
function noneDropped(x: RankArray, y: RankArray, mean: number, m: number): number | null {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mean;
    const dy = y[i] - mean;
    if (dx !== dx || dy !== dy) continue;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return correlation(sxy, sxx, syy, m);
}

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
  m: number,
): number | null {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const rx = x[i];
    const ry = y[i];
    if (rx !== rx || ry !== ry) continue;
    const dx = rx - rankDrop(entriesX, baseX, scaleX, rx) - mean;
    const dy = ry - rankDrop(entriesY, baseY, scaleY, ry) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return correlation(sxy, sxx, syy, m);
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
