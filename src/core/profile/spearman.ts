/**
 * Pairwise-complete Spearman correlation, like pandas `DataFrame.corr(method='spearman')`: each
 * pair uses the rows where both columns are finite, ranked again within those rows.
 *
 * Exact, and fast on large tables: ranks are computed once per column (from the argsort its
 * quartiles need). Pairs of columns without gaps use those ranks directly, in the blocked Pearson
 * kernel. A pair with gaps is re-ranked by walking one column's sorted order and skipping the rows
 * the other lacks: one pass per pair instead of a sort per pair.
 */
import { pearsonMatrix } from './pearson';
import { rankArray, type RankArray, type RankedColumn } from './rankColumn';

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
  const none = new Uint8Array(rows);
  const blocked = pearsonMatrix(
    complete.map((j) => ({ values: columns[j].ranks, missing: none, mean: (columns[j].present + 1) / 2 })),
  );
  complete.forEach((a, i) => complete.forEach((b, j) => (a !== b ? (out[a][b] = blocked[i][j]) : undefined)));
  let scratch: RankArray | null = null;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const x = columns[a];
      const y = columns[b];
      if (!x.absent && !y.absent) continue;
      let r: number | null;
      // A column without gaps keeps every row of the pair, so the other's own ranks are already right.
      if (!y.absent) r = walkPair(y, x.ranks, x.present);
      else if (!x.absent) r = walkPair(x, y.ranks, y.present);
      else {
        scratch ??= rankArray(rows);
        const m = rerank(x, y.absent, scratch);
        r = walkPair(y, scratch, m);
      }
      out[a][b] = r;
      out[b][a] = r;
    }
  }
  return out;
}

/**
 * Correlation of `walked`'s ranks within the rows where `other` is not NaN, with `other` (the
 * ranks within those same `m` rows). Both are centred on the exact mean rank (m + 1) / 2, and
 * reading `other` is the only random access (NaN doubles as the skip mark, saving a second one).
 */
function walkPair(walked: RankedColumn, other: RankArray, m: number): number | null {
  const order = walked.order!;
  const start = walked.groupStart;
  const len = order.length;
  const mean = (m + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let kept = 0;
  if (!start) {
    // No ties: each row is its own group.
    for (let p = 0; p < len; p++) {
      const y = other[order[p]];
      if (y !== y) continue;
      kept++;
      const dx = kept - mean;
      const dy = y - mean;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
  } else {
    let p = 0;
    while (p < len) {
      // One pass over a group of ties: its rank is known once its kept rows are counted.
      let c = 0;
      let sy = 0;
      let q = p;
      do {
        const y = other[order[q]];
        if (y === y) {
          const dy = y - mean;
          c++;
          sy += dy;
          syy += dy * dy;
        }
        q++;
      } while (q < len && !start[q]);
      const dx = kept + (c + 1) / 2 - mean;
      sxy += dx * sy;
      sxx += c * dx * dx;
      kept += c;
      p = q;
    }
  }
  const divisor = Math.sqrt(sxx * syy);
  if (kept < 2 || !(divisor > 0) || !Number.isFinite(divisor)) return null;
  return Math.max(-1, Math.min(1, sxy / divisor));
}

/**
 * Writes into `out` the ranks of `column` within the rows where `skip` is 0 (and NaN at every
 * other row, the mark walkPair skips); returns how many rows are ranked.
 */
function rerank(column: RankedColumn, skip: Uint8Array, out: RankArray): number {
  const order = column.order!;
  const start = column.groupStart;
  const len = order.length;
  out.fill(NaN);
  let kept = 0;
  let p = 0;
  while (p < len) {
    let q = p + 1;
    while (start && q < len && !start[q]) q++;
    let c = 0;
    for (let t = p; t < q; t++) if (!skip[order[t]]) c++;
    const rank = kept + (c + 1) / 2;
    for (let t = p; t < q; t++) if (!skip[order[t]]) out[order[t]] = rank;
    kept += c;
    p = q;
  }
  return kept;
}
