/**
 * Average ranks of a numeric column (ties share the mean of their positions, as pandas' rank()
 * does), from the argsort made for its quartiles. Non-finite values are left unranked because
 * pandas' Spearman treats them as missing.
 */
/**
 * Ranks are half-integers up to the row count, exact in a Float32Array below 2^23 rows; half the
 * bytes of a Float64Array make the random reads and writes of ranking twice as cache-friendly.
 */
export type RankArray = Float32Array | Float64Array;

export const FLOAT32_RANK_ROWS = 2 ** 23;

/** `shared`: in a SharedArrayBuffer, so that posting it to another thread copies nothing. */
export function rankArray(rows: number, shared = false): RankArray {
  if (rows < FLOAT32_RANK_ROWS) return shared ? new Float32Array(new SharedArrayBuffer(rows * 4)) : new Float32Array(rows);
  return shared ? new Float64Array(new SharedArrayBuffer(rows * 8)) : new Float64Array(rows);
}

export interface RankedColumn {
  rows: number;
  /** 1-based average ranks over the ranked rows; NaN at the others. */
  ranks: RankArray;
  /** 1 at the rows that are not ranked (missing, NaN or infinite); null when every row is ranked. */
  absent: Uint8Array | null;
  /** How many rows are ranked. */
  present: number;
  /** How many distinct values they hold. */
  distinct: number;
}

/**
 * `sorted` holds the present values ascending and `order` their rows (same length, from
 * argsortPresent); neither is kept, so the caller may reuse both for the next column. `shared`:
 * the ranks in a SharedArrayBuffer (see rankArray).
 */
export function rankColumn(sorted: Float64Array, order: Int32Array, rows: number, shared = false): RankedColumn {
  let first = 0;
  let last = sorted.length - 1;
  while (first <= last && !Number.isFinite(sorted[first])) first++;
  while (last >= first && !Number.isFinite(sorted[last])) last--;
  const len = last - first + 1;
  const finiteOrder = order.subarray(first, first + len);
  const ranks = rankArray(rows, shared);
  if (len < rows) ranks.fill(NaN);
  const distinct = writeRanks(sorted.subarray(first, first + len), finiteOrder, ranks);
  const absent = len < rows ? absentRows(finiteOrder, rows) : null;
  return { rows, ranks, absent, present: len, distinct };
}

/**
 * ranks[order[p]] = the average rank of sorted[p] among equal values; returns how many distinct
 * values there are. (A function of its own, like absentRows: V8 compiles a loop while it runs,
 * and a second loop after it would leave that code for the interpreter on each call.)
 */
function writeRanks(sorted: Float64Array, order: Int32Array, ranks: RankArray): number {
  const len = sorted.length;
  let distinct = 0;
  let p = 0;
  while (p < len) {
    const v = sorted[p];
    let q = p + 1;
    while (q < len && sorted[q] === v) q++;
    // Positions p..q-1 (0-based) share the rank (p + 1 + q) / 2.
    const rank = (p + q + 1) / 2;
    for (let k = p; k < q; k++) ranks[order[k]] = rank;
    distinct++;
    p = q;
  }
  return distinct;
}

/** 1 at the rows not in `order`. */
function absentRows(order: Int32Array, rows: number): Uint8Array {
  const absent = new Uint8Array(rows).fill(1);
  for (let k = 0; k < order.length; k++) absent[order[k]] = 0;
  return absent;
}
